@_spi(Observer) import APIServer
import Testing
import Cluster
import REPL

@Suite("kubectl set env, resources, selector, serviceaccount")
struct SetCommandTests {
    func session() -> Session {
        let session = Session(workingDirectory: repositoryRoot)
        _ = session.feed("kubectl create deployment web --image=nginx")
        _ = session.feed("kubectl expose deployment web --port=80")
        return session
    }

    func container(_ session: Session) -> Container? {
        session.cluster.server.get(Deployment.self, namespace: "default", name: "web")?.spec.template?.spec?.containers.first
    }

    @Test func envSetsListsOverwritesAndRemoves() {
        let session = session()
        let output = run(session, [
            "kubectl set env deployment/web FOO=bar -e BAZ=1",
            "kubectl set env deployment/web FOO=bar",
            "kubectl set env deploy/web FOO=qux --overwrite=false",
            "kubectl set env deploy web FOO- BAZ=2",
            "kubectl set env deploy/web --list",
        ])
        #expect(output == """
            $ kubectl set env deployment/web FOO=bar -e BAZ=1
            deployment.apps/web env updated
            $ kubectl set env deployment/web FOO=bar
            $ kubectl set env deploy/web FOO=qux --overwrite=false
            error: deployments/web 'FOO' already has a value (bar), and --overwrite is false
            $ kubectl set env deploy web FOO- BAZ=2
            deployment.apps/web env updated
            $ kubectl set env deploy/web --list
            # Deployment web, container nginx
            BAZ=2

            """)
        #expect(container(session)?.env == [EnvVar(name: "BAZ", value: "2")])
    }

    @Test func resourcesAndServiceAccountChangeThePodTemplate() {
        let session = session()
        let output = run(session, [
            "kubectl set resources deploy/web --limits=cpu=200m,memory=512Mi --requests=cpu=100m -c nginx",
            "kubectl set serviceaccount deployment web builder",
            "kubectl set sa deploy/web builder",
        ])
        #expect(output == """
            $ kubectl set resources deploy/web --limits=cpu=200m,memory=512Mi --requests=cpu=100m -c nginx
            deployment.apps/web resource requirements updated
            $ kubectl set serviceaccount deployment web builder
            deployment.apps/web serviceaccount updated
            $ kubectl set sa deploy/web builder

            """)
        #expect(container(session)?.resources?.limits?["memory"] == Quantity("512Mi"))
        #expect(container(session)?.resources?.requests?["cpu"] == Quantity("100m"))
        #expect(session.cluster.server.get(Deployment.self, namespace: "default", name: "web")?.spec.template?.spec?.serviceAccountName == "builder")
    }

    @Test func selectorReplacesAServiceSelector() {
        let session = session()
        #expect(session.feed("kubectl set selector svc web tier=front") == "service/web selector updated\n")
        #expect(session.cluster.server.get(Service.self, namespace: "default", name: "web")?.spec.selector == ["tier": "front"])
    }

    @Test func badInputIsRefusedAndChangesNothing() {
        let session = session()
        let revision = session.cluster.server.revision
        let output = run(session, [
            "kubectl set env deploy/web 1A=b",
            "kubectl set env deploy/web A=b A-",
            "kubectl set env deploy/web A=b C",
            "kubectl set env deploy/web X=1 -c db",
            "kubectl set env deploy/web --from=configmap/settings",
            "kubectl set resources deploy/web --limits=cpu",
            "kubectl set resources deploy/web",
            "kubectl set selector deploy web app=x",
            "kubectl set sa",
            "kubectl set env deploy/web X=1 --limits=cpu=1",
            "kubectl set subject",
        ])
        #expect(output == """
            $ kubectl set env deploy/web 1A=b
            error: "1A" is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')
            $ kubectl set env deploy/web A=b A-
            error: can not both modify and remove the same environment variable in the same command
            $ kubectl set env deploy/web A=b C
            error: all resources must be specified before environment changes: deploy/web A=b C
            $ kubectl set env deploy/web X=1 -c db
            warning: Deployment/web does not have any containers matching "db"
            $ kubectl set env deploy/web --from=configmap/settings
            Error from server (NotFound): configmaps "settings" not found
            $ kubectl set resources deploy/web --limits=cpu
            error: Invalid argument syntax [cpu], expected <resource>=<value>
            $ kubectl set resources deploy/web
            error: you must specify an update to requests or limits (in the form of --requests/--limits)
            $ kubectl set selector deploy web app=x
            error: setting a selector is only supported for Services
            $ kubectl set sa
            error: serviceaccount is required
            $ kubectl set env deploy/web X=1 --limits=cpu=1
            Error: unknown flag: --limits
            See 'kubectl set env --help' for usage.
            $ kubectl set subject
            error: unknown command "subject"
            See 'kubectl set -h' for help and examples

            """)
        #expect(session.cluster.server.revision == revision)
    }
}
