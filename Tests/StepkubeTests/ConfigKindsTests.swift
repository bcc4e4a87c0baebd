@_spi(Observer) import APIServer
import Testing
import Cluster
import REPL

/// ConfigMaps, Secrets and ServiceAccounts: base64 as Go reads it, the API server's folding
/// of stringData and its validation, and what kubectl shows of them.
@Suite("Config kinds")
struct ConfigKindsTests {
    @Test(arguments: [("YWRtaW4=", "admin"), ("YQ==", "a"), ("YWI=", "ab"), ("", ""), ("YW\nRt\r\naW4=", "admin")])
    func base64DecodesAsGoDoes(_ text: String, _ expected: String) {
        #expect(GoBase64.decode(text) == .success(Array(expected.utf8)))
        #expect(GoBase64.encode(Array(expected.utf8)) == text.replacingOccurrences(of: "\r", with: "").replacingOccurrences(of: "\n", with: ""))
    }

    @Test(arguments: [("abc", 0), ("YQ=", 3), ("Y===", 1), ("YWI=x", 4), ("a!bc", 1), ("YQ==YQ==", 4)])
    func base64ErrorsNameGosOffset(_ text: String, _ offset: Int) {
        #expect(GoBase64.decode(text) == .failure(GoBase64.CorruptInput(offset: offset)))
    }

    @Test func stringDataIsFoldedIntoDataAndNeverStored() throws {
        let session = Session(workingDirectory: repositoryRoot)
        _ = run(session, ["kubectl apply -f - <<EOF", "apiVersion: v1", "kind: Secret", "metadata:", "  name: db", "stringData:",
                          "  password: s3cret", "data:", "  user: YWRtaW4=", "EOF"])
        let secret = try #require(session.cluster.server.get(Secret.self, namespace: "default", name: "db"))
        #expect(secret.stringData == nil)
        #expect(secret.secretType == "Opaque")
        #expect(secret.data?["password"]?.text == "s3cret")
        #expect(session.feed("kubectl get secret db -o jsonpath='{.data.password}' | base64 -d") == "s3cret")
        #expect(session.feed("kubectl describe secret db").contains("password:  6 bytes"))
    }

    @Test func anImmutableConfigMapRefusesNewDataAndChangesNothing() {
        let session = Session(workingDirectory: repositoryRoot)
        _ = run(session, ["kubectl apply -f - <<EOF", "apiVersion: v1", "kind: ConfigMap", "metadata:", "  name: app", "immutable: true",
                          "data:", "  mode: prod", "EOF"])
        let before = storeSnapshot(session)
        let output = session.feed("kubectl patch cm app -p '{\"data\":{\"mode\":\"dev\"}}'")
        #expect(output == "The ConfigMap \"app\" is invalid: data: Forbidden: field is immutable when `immutable` is set\n")
        #expect(storeSnapshot(session) == before)
    }

    @Test func aTLSSecretNeedsBothKeysAndItsTypeCannotChange() {
        let session = Session(workingDirectory: repositoryRoot)
        let created = run(session, ["kubectl apply -f - <<EOF", "apiVersion: v1", "kind: Secret", "metadata:", "  name: web", "type: kubernetes.io/tls",
                                    "data:", "  tls.crt: YQ==", "EOF"])
        #expect(created.contains("The Secret \"web\" is invalid: data[tls.key]: Required value"))
        _ = session.feed("kubectl create secret generic plain --from-literal=a=b")
        #expect(session.feed("kubectl patch secret plain -p '{\"type\":\"kubernetes.io/basic-auth\"}'")
            .contains("type: Invalid value: \"kubernetes.io/basic-auth\": field is immutable"))
    }

    @Test func aSecretWithBadBase64IsABadRequest() {
        let session = Session(workingDirectory: repositoryRoot)
        let before = storeSnapshot(session)
        let output = run(session, ["cat > s.yaml <<EOF", "apiVersion: v1", "kind: Secret", "metadata:", "  name: bad", "data:", "  x: abc", "EOF",
                                   "kubectl apply -f s.yaml", "rm s.yaml"])
        #expect(output.contains("Secret in version \"v1\" cannot be handled as a Secret: illegal base64 data at input byte 0"))
        #expect(storeSnapshot(session) == before)
    }

    @Test func getListsTheNewKindsWithKubectlsColumns() {
        let session = Session(workingDirectory: repositoryRoot)
        _ = run(session, ["kubectl create configmap app --from-literal=a=1 --from-literal=b=2", "kubectl create sa bot",
                          "kubectl create secret docker-registry reg --docker-username=u --docker-password=p"])
        #expect(session.feed("kubectl get cm app") == "NAME   DATA   AGE\napp    2      0s\n")
        #expect(session.feed("kubectl get secret reg") == "NAME   TYPE                             DATA   AGE\nreg    kubernetes.io/dockerconfigjson   1      0s\n")
        #expect(session.feed("kubectl get sa bot") == "NAME   SECRETS   AGE\nbot    0         0s\n")
    }

    @Test func setEnvFromAConfigMapReferencesEachKey() {
        let session = Session(workingDirectory: repositoryRoot)
        _ = run(session, ["kubectl create deployment web --image=nginx", "kubectl create cm settings --from-literal=log-level=debug",
                          "kubectl set env deploy/web --from=configmap/settings --prefix=APP_"])
        #expect(session.feed("kubectl set env deploy/web --list") == "# Deployment web, container nginx\n# APP_LOG_LEVEL from configmap settings, key log-level\n")
    }
}
