@_spi(Observer) import APIServer
import KubeModel
import REPL
import Testing

/// Ingresses served by ingress-nginx from manifests/ingress-nginx.yaml (issue 4).
@Suite("Ingress")
struct IngressTests {
    private func installed() -> (Session, String) {
        let session = Session(workingDirectory: repositoryRoot)
        let output = run(session, ["kubectl apply -f manifests/ingress-nginx.yaml", "kubectl apply -f manifests/deployment.yaml",
                                   "kubectl apply -f manifests/services.yaml", "kubectl apply -f manifests/ingress.yaml"])
        return (session, output)
    }

    @Test func theControllerPublishesWhereItServesAndRoutesByHostAndPath() throws {
        let (session, applied) = installed()
        #expect(applied.contains("ingressclass.networking.k8s.io/nginx created"))
        #expect(applied.contains("ingress.networking.k8s.io/example-ingress created"))
        let controller = try #require(session.cluster.server.list(Pod.self, namespace: "ingress-nginx").first)
        let node = try #require(session.cluster.server.get(Node.self, name: controller.spec.nodeName ?? ""))
        let table = session.feed("kubectl get ing")
        #expect(table.contains("example-ingress   nginx   example.com   \(node.internalIP ?? "")   80      0s"))
        let routed = session.feed("curl -s -H \"Host: example.com\" http://node02:32080/hostname")
        #expect(routed.contains("(ingress-nginx/ingress-nginx-controller:http) → KUBE-EXT-"))
        #expect(routed.contains("* ingress-nginx: Host example.com, path /hostname matches Ingress default/example-ingress rule example.com / (Prefix) → Service example-app:3000 → upstream 10.244."))
        #expect(routed.split(separator: "\n").last?.hasPrefix("example-app-deployment-") == true)
        let unknownHost = session.feed("curl -s -H \"Host: other.com\" http://node01:32080/")
        #expect(unknownHost.contains("no Ingress rule matches host other.com, path / → its default backend answers 404"))
        #expect(unknownHost.contains("<center><h1>404 Not Found</h1></center>\n<hr><center>nginx</center>"))
        let noService = session.feed("curl -s -H \"Host: example.com\" http://node01:32080/web")
        #expect(noService.contains("→ Service web:80, which does not exist → 503"))
        let describe = session.feed("kubectl describe ingress example-ingress")
        #expect(describe.contains("/web   web:80 (<error: endpoints \"web\" not found>)"))
        #expect(describe.contains("Normal  Sync    0s    nginx-ingress-controller  Scheduled for sync"))
    }

    @Test func aRewriteTargetSendsThePrefixToTheBackendsRoot() {
        let (session, _) = installed()
        let output = run(session, [
            "kubectl create deployment web --image=nginx",
            "kubectl expose deployment web --port=80",
            "curl -s -H \"Host: example.com\" http://node01:32080/web",
            "kubectl create ingress web --class=nginx --rule=\"shop.com/web*=web:80\" --annotation=nginx.ingress.kubernetes.io/rewrite-target=/",
            "curl -s -H \"Host: shop.com\" http://node01:32080/web",
        ])
        #expect(output.contains("<hr><center>nginx/1.27.3</center>"), "without a rewrite, nginx has no /web")
        #expect(output.contains("→ Service web:80 → upstream 10.244."))
        #expect(output.contains(", path rewritten to /"))
        #expect(output.contains("<title>Welcome to nginx!</title>"))
    }

    @Test func withoutAControllerAnIngressGetsNoAddress() {
        let output = transcript(["kubectl apply -f manifests/deployment.yaml", "kubectl apply -f manifests/ingress.yaml", "kubectl get ing",
                                 "kubectl create ingress x --rule=\"foo.com/=svc\""])
        #expect(output.contains("example-ingress   nginx   example.com             80      0s"))
        #expect(output.contains("error: rule foo.com/=svc is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]"))
        let invalid = transcript(["cat <<EOF | kubectl apply -f -", "apiVersion: networking.k8s.io/v1", "kind: Ingress", "metadata:", "  name: bad",
                                  "spec:", "  rules:", "  - http:", "      paths:", "      - path: /", "        backend:", "          service:",
                                  "            name: web", "            port:", "              number: 80", "EOF"])
        #expect(invalid.contains("spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified"))
    }

    @Test func aNetworkPolicyCanShutTheControllerOut() {
        let (session, _) = installed()
        _ = session.feed("kubectl apply -f manifests/netpol-allow-frontend.yaml")
        let output = session.feed("curl -s -H \"Host: example.com\" http://node01:32080/hostname")
        #expect(output.contains("NetworkPolicy default/allow-frontend selects Pod default/example-app-deployment-"))
        #expect(output.contains("no rule allows from Pod ingress-nginx/ingress-nginx-controller-"))
        #expect(output.contains("504 Gateway Time-out"))
    }
}
