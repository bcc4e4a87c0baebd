import Testing
import Cluster
import REPL

@Suite("kubectl version, cluster-info, completion")
struct InfoCommandTests {
    @Test func versionPrintsClientKustomizeAndServer() {
        let output = transcript(["kubectl version", "kubectl version --client -o yaml"])
        #expect(output == """
            $ kubectl version
            Client Version: v1.32.4-dispatcher
            Kustomize Version: v5.5.0
            Server Version: v1.32.0
            $ kubectl version --client -o yaml
            clientVersion:
              buildDate: "2025-05-15T20:09:34Z"
              compiler: gc
              gitCommit: 4cb5f0764b8d5f425645c6f433394fede34a8a26
              gitTreeState: clean
              gitVersion: v1.32.4-dispatcher
              goVersion: go1.23.8
              major: "1"
              minor: 32+
              platform: linux/amd64
            kustomizeVersion: v5.5.0


            """)
    }

    @Test func versionJSONKeepsGoFieldOrder() {
        let json = Session(workingDirectory: repositoryRoot).feed("kubectl version -o json")
        #expect(json.hasPrefix("{\n  \"clientVersion\": {\n    \"major\": \"1\",\n    \"minor\": \"32+\","))
        #expect(json.hasSuffix("  \"kustomizeVersion\": \"v5.5.0\",\n  \"serverVersion\": {\n    \"major\": \"1\",\n    \"minor\": \"32\",\n    \"gitVersion\": \"v1.32.0\",\n    \"gitCommit\": \"70d3cc986aa8221cd1dfb1121852688902d3bf53\",\n    \"gitTreeState\": \"clean\",\n    \"buildDate\": \"2024-12-11T17:59:15Z\",\n    \"goVersion\": \"go1.23.3\",\n    \"compiler\": \"gc\",\n    \"platform\": \"linux/amd64\"\n  }\n}\n"))
    }

    @Test func clusterInfoNamesTheControlPlaneAndCoreDNS() {
        #expect(transcript(["kubectl cluster-info"]) == """
            $ kubectl cluster-info
            Kubernetes control plane is running at https://controlplane:6443
            CoreDNS is running at https://controlplane:6443/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy

            To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.

            """)
    }

    @Test func completionIsBuiltInAndItsErrorsAreKubectls() {
        let session = Session(workingDirectory: repositoryRoot)
        let revision = session.cluster.server.revision
        let output = run(session, [
            "kubectl completion", "kubectl completion foo", "kubectl completion bash zsh", "kubectl version -o wide",
            "source <(kubectl completion bash)", "complete -o default -F __start_kubectl k",
        ])
        #expect(output == """
            $ kubectl completion
            error: Shell not specified.
            See 'kubectl completion -h' for help and examples
            $ kubectl completion foo
            error: Unsupported shell type "foo".
            See 'kubectl completion -h' for help and examples
            $ kubectl completion bash zsh
            error: Too many arguments. Expected only the shell type.
            See 'kubectl completion -h' for help and examples
            $ kubectl version -o wide
            error: --output must be 'yaml' or 'json'
            $ source <(kubectl completion bash)
            $ complete -o default -F __start_kubectl k

            """)
        #expect(session.feed("kubectl completion zsh").hasPrefix("# zsh completion for kubectl"))
        #expect(session.cluster.server.revision == revision)
    }
}
