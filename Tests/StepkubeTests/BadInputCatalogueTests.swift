@_spi(Observer) import APIServer
import Foundation
import Testing
import Cluster
import REPL

/// Bad input, as a student types it: each gets kubectl's or the API server's exact message and
/// leaves the cluster byte-identical.
@Suite("Bad input changes nothing")
struct BadInputCatalogueTests {
    /// A session with Pods `web` (app=web) and `api` (app=api) in default, Running.
    private static func workload() -> Session {
        let session = Session(workingDirectory: NSTemporaryDirectory())
        _ = session.feed("kubectl run web --image=nginx --labels=app=web")
        _ = session.feed("kubectl run api --image=nginx --labels=app=api")
        return session
    }

    @Test(arguments: [
        ("kubectl delete pods -l '!'", #"Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "!", field selector "": unable to parse requirement: found '', expected: identifier"#),
        ("kubectl delete pods -l ','", #"Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector ",", field selector "": found ',', expected: !, identifier, or 'end of string'"#),
        ("kubectl delete pods -l 'app=web,'", #"Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "app=web,", field selector "": found '', expected: identifier after ','"#),
        ("kubectl delete pods -l 'app in (web'", #"Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "app in (web", field selector "": unable to parse requirement: found '', expected: ',' or ')'"#),
        ("kubectl get deploy -l '!'", #"Error from server (BadRequest): Unable to find "apps/v1, Resource=deployments" that match label selector "!", field selector "": unable to parse requirement: found '', expected: identifier"#),
        ("kubectl label pods -l ',' x=y", #"Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector ",", field selector "": found ',', expected: !, identifier, or 'end of string'"#),
        ("kubectl logs -l 'a b'", #"Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "a b", field selector "": unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"#),
        ("kubectl delete ns default", #"Error from server (Forbidden): namespaces "default" is forbidden: this namespace may not be deleted"#),
        ("kubectl delete ns kube-system", #"Error from server (Forbidden): namespaces "kube-system" is forbidden: this namespace may not be deleted"#),
        ("kubectl delete namespace kube-public", #"Error from server (Forbidden): namespaces "kube-public" is forbidden: this namespace may not be deleted"#),
        ("kubectl create deploy x --image=nginx --replicas=2147483648", "Error: invalid argument \"2147483648\" for \"-r, --replicas\" flag: strconv.ParseInt: parsing \"2147483648\": value out of range\nSee 'kubectl create deployment --help' for usage."),
        ("kubectl create deploy x --image=nginx --replicas=9223372036854775807", "Error: invalid argument \"9223372036854775807\" for \"-r, --replicas\" flag: strconv.ParseInt: parsing \"9223372036854775807\": value out of range\nSee 'kubectl create deployment --help' for usage."),
        ("kubectl create deploy x --image=nginx --replicas=_1", "Error: invalid argument \"_1\" for \"-r, --replicas\" flag: strconv.ParseInt: parsing \"_1\": invalid syntax\nSee 'kubectl create deployment --help' for usage."),
        ("curl -m 1e400 http://web", "curl: option -m: too large number\ncurl: try 'curl --help' or 'curl --manual' for more information"),
        ("curl --max-time -1 http://web", "curl: option --max-time: expected a positive numerical parameter\ncurl: try 'curl --help' or 'curl --manual' for more information"),
        ("curl -m soon http://web", "curl: option -m: expected a proper numerical parameter\ncurl: try 'curl --help' or 'curl --manual' for more information"),
        ("explain -9223372036854775808", "explain: no step -9223372036854775808 in the trace"),
        ("explain 9223372036854775807", "explain: no step 9223372036854775807 in the trace"),
        ("step 9223372036854775807", "step: expects a number of steps from 1 to 10000, or 'until COMPONENT'"),
        ("step abc", "step: expects a number of steps from 1 to 10000, or 'until COMPONENT'"),
        ("step 1e400", "step: expects a number of steps from 1 to 10000, or 'until COMPONENT'"),
        ("printf 'x\\ny\\n' | head -n -9223372036854775808", "head: invalid number of lines: ‘-n9223372036854775808’"),
        ("printf 'x\\ny\\n' | grep -C -9223372036854775808 y", "grep: -9223372036854775808: invalid context length argument"),
    ])
    func failsWithTheRealMessageAndChangesNothing(_ command: String, _ message: String) {
        let session = Self.workload()
        let before = storeSnapshot(session)
        let revision = session.cluster.server.revision
        let output = session.feed(command)
        #expect(output == message + "\n")
        #expect(session.cluster.server.revision == revision)
        #expect(storeSnapshot(session) == before)
    }

    /// A billion laughs in a Pod's annotations: go-yaml's alias budget refuses it at once, where
    /// expanding it would take hours; anchors used as a manifest author uses them still work.
    @Test func anAliasBombIsRefusedAndHonestAnchorsStillWork() throws {
        let (session, directory) = examSession()
        var bomb = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: bomb\n  annotations:\n    a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        for (level, previous) in zip("bcdefghi", "abcdefgh") {
            bomb += "    \(level): &\(level) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
        }
        try bomb.write(toFile: directory + "/bomb.yaml", atomically: true, encoding: .utf8)
        let honest = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: anchored
              labels: &labels {app: web}
              annotations: *labels
            spec:
              containers:
              - name: web
                image: nginx
            """
        try honest.write(toFile: directory + "/honest.yaml", atomically: true, encoding: .utf8)
        let before = storeSnapshot(session)
        #expect(session.feed("kubectl apply -f bomb.yaml") == "error: error parsing bomb.yaml: error converting YAML to JSON: yaml: document contains excessive aliasing\n")
        #expect(storeSnapshot(session) == before)
        #expect(session.feed("kubectl apply -f honest.yaml") == "pod/anchored created\n")
        #expect(session.cluster.server.get(Pod.self, namespace: "default", name: "anchored")?.metadata.annotations?["app"] == "web")
    }
}

