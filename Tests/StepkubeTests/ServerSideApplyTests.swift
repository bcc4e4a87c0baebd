@_spi(Observer) import APIServer
import Foundation
import Testing
import Cluster
import REPL

/// `kubectl apply --server-side`: the API server merges the configuration with field ownership
/// recorded in metadata.managedFields, and refuses to take fields other managers own.
@Suite("kubectl apply --server-side")
struct ServerSideApplyTests {
    static func deployment(replicas: Int = 3, image: String = "nginx", labels: String = "") -> String {
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web\(labels.isEmpty ? "" : "\n  labels:\n" + labels.split(separator: ",").map { "    \($0)" }.joined(separator: "\n"))
        spec:
          replicas: \(replicas)
          selector:
            matchLabels:
              app: web
          template:
            metadata:
              labels:
                app: web
            spec:
              containers:
              - name: nginx
                image: \(image)
        """
    }

    /// A fresh session whose directory holds `web.yaml` with `manifest`.
    func session(_ manifest: String = ServerSideApplyTests.deployment()) throws -> (Session, String) {
        let (session, directory) = examSession()
        try manifest.write(toFile: directory + "/web.yaml", atomically: true, encoding: .utf8)
        return (session, directory)
    }

    func write(_ manifest: String, in directory: String) throws {
        try manifest.write(toFile: directory + "/web.yaml", atomically: true, encoding: .utf8)
    }

    func web(_ session: Session) -> Deployment? {
        session.cluster.server.get(Deployment.self, namespace: "default", name: "web")
    }

    static let conflictAdvice = """
        Please review the fields above--they currently have other managers. Here
        are the ways you can resolve this warning:
        * If you intend to manage all of these fields, please re-run the apply
          command with the `--force-conflicts` flag.
        * If you do not intend to manage all of the fields, please edit your
          manifest to remove references to the fields that should keep their
          current managers.
        * You may co-own fields by updating your manifest to match the existing
          value; in this case, you'll become the manager if the other manager(s)
          stop managing the field (remove it from their configuration).
        See https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts

        """

    @Test func createsTheObjectOwnedByTheApplier() throws {
        let (session, _) = try session()
        #expect(session.feed("kubectl apply --server-side -f web.yaml") == "deployment.apps/web serverside-applied\n")
        let entries = web(session)?.metadata.managedFields ?? []
        #expect(entries.first?.manager == "kubectl")
        #expect(entries.first?.operation == "Apply")
        #expect(entries.first?.subresource == nil)
        // The defaults the server added belong to nobody; status belongs to the controller.
        #expect(session.feed("kubectl get deploy web -o jsonpath={.metadata.managedFields[*].manager}")
                == "kubectl kube-controller-manager kube-controller-manager\n")
    }

    @Test func managedFieldsShowOnlyWhenAskedAndUseTheFieldsV1Notation() throws {
        let (session, _) = try session()
        _ = session.feed("kubectl apply --server-side -f web.yaml")
        #expect(!session.feed("kubectl get deploy web -o yaml").contains("managedFields"))
        #expect(!session.feed("kubectl get deploy web -o json").contains("managedFields"))
        let yaml = session.feed("kubectl get deploy web -o yaml --show-managed-fields")
        #expect(yaml.contains("""
              managedFields:
              - apiVersion: apps/v1
                fieldsType: FieldsV1
                fieldsV1:
                  f:spec:
                    f:replicas: {}
                    f:selector: {}
                    f:template:
                      f:metadata:
                        f:labels:
                          f:app: {}
                      f:spec:
                        f:containers:
                          k:{"name":"nginx"}:
                            .: {}
                            f:image: {}
                            f:name: {}
                manager: kubectl
                operation: Apply
            """))
    }

    @Test func reapplyingTheSameFileChangesNothing() throws {
        let (session, _) = try session()
        _ = session.feed("kubectl apply --server-side -f web.yaml")
        let before = storeSnapshot(session)
        #expect(session.feed("kubectl apply --server-side -f web.yaml") == "deployment.apps/web serverside-applied\n")
        #expect(storeSnapshot(session) == before)
    }

    @Test func scalingThenApplyingConflictsWithTheScaleManager() throws {
        let (session, _) = try session()
        _ = session.feed("kubectl apply --server-side -f web.yaml")
        #expect(session.feed("kubectl scale deploy web --replicas=5") == "deployment.apps/web scaled\n")
        let before = storeSnapshot(session)
        let output = session.feed("kubectl apply --server-side -f web.yaml")
        #expect(output == "error: Apply failed with 1 conflict: conflict with \"kubectl\" with subresource \"scale\" using apps/v1: .spec.replicas\n"
                + ServerSideApplyTests.conflictAdvice)
        #expect(storeSnapshot(session) == before)
        #expect(web(session)?.spec.replicas == 5)
    }

    @Test func forceConflictsTakesTheFieldOver() throws {
        let (session, _) = try session()
        _ = session.feed("kubectl apply --server-side -f web.yaml")
        _ = session.feed("kubectl scale deploy web --replicas=5")
        #expect(session.feed("kubectl apply --server-side --force-conflicts -f web.yaml") == "deployment.apps/web serverside-applied\n")
        #expect(web(session)?.spec.replicas == 3)
        // The scale entry owned only replicas, so it is gone.
        #expect(!(web(session)?.metadata.managedFields ?? []).contains { $0.subresource == "scale" })
        #expect(session.feed("kubectl apply --server-side -f web.yaml") == "deployment.apps/web serverside-applied\n")
    }

    @Test func changingWhatAClientSideApplySetConflictsWithEveryField() throws {
        let (session, directory) = try session()
        #expect(session.feed("kubectl apply -f web.yaml") == "deployment.apps/web created\n")
        try write(ServerSideApplyTests.deployment(replicas: 2, image: "nginx:1.27"), in: directory)
        #expect(session.feed("kubectl apply --server-side -f web.yaml") == """
            error: Apply failed with 2 conflicts: conflicts with "kubectl-client-side-apply" using apps/v1:
            - .spec.replicas
            - .spec.template.spec.containers[name="nginx"].image

            """ + ServerSideApplyTests.conflictAdvice)
        #expect(web(session)?.spec.template?.spec?.containers.first?.image == "nginx")
    }

    @Test func aFieldLeftOutIsRemovedUnlessAnotherManagerOwnsIt() throws {
        let (session, directory) = try session(ServerSideApplyTests.deployment(labels: "tier: web,team: shop"))
        _ = session.feed("kubectl apply --server-side -f web.yaml")
        // Another applier co-owns `team` by setting the same value.
        let shared = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  labels:\n    team: shop\n"
        try shared.write(toFile: directory + "/team.yaml", atomically: true, encoding: .utf8)
        #expect(session.feed("kubectl apply --server-side --field-manager=platform -f team.yaml") == "deployment.apps/web serverside-applied\n")
        try write(ServerSideApplyTests.deployment(), in: directory)
        _ = session.feed("kubectl apply --server-side -f web.yaml")
        #expect(web(session)?.metadata.labels == ["team": "shop"])
    }

    @Test func otherWritersAreRecordedAsUpdatesWithTheirFieldManagers() throws {
        let (session, _) = examSession()
        _ = session.feed("kubectl create deployment shop --image=nginx")
        _ = session.feed("kubectl label deployment shop tier=web")
        let managers = (session.cluster.server.get(Deployment.self, namespace: "default", name: "shop")?.metadata.managedFields ?? [])
            .map { "\($0.manager ?? "") \($0.operation ?? "") \($0.subresource ?? "-")" }
        // Sorted as kube-apiserver sorts them: by time, then by manager.
        #expect(managers == ["kube-controller-manager Update -", "kubectl-create Update -", "kube-controller-manager Update status",
                             "kubectl-label Update -"])
        let label = session.feed("kubectl get deploy shop -o jsonpath={.metadata.managedFields[3].fieldsV1}")
        #expect(label == #"{"f:metadata":{"f:labels":{"f:tier":{}}}}"# + "\n")
    }

    @Test func serverDryRunChangesNothing() throws {
        let (session, _) = try session()
        let before = storeSnapshot(session)
        #expect(session.feed("kubectl apply --server-side --dry-run=server -f web.yaml") == "deployment.apps/web serverside-applied (server dry run)\n")
        #expect(storeSnapshot(session) == before)
    }

    @Test(arguments: [
        ("kubectl apply --server-side --dry-run=client -f web.yaml",
         "error: --dry-run=client doesn't work with --server-side (did you mean --dry-run=server instead?)\n"),
        ("kubectl apply --force-conflicts -f web.yaml", "error: --force-conflicts only works with --server-side\n"),
        ("kubectl apply --server-side=maybe -f web.yaml",
         "Error: invalid argument \"maybe\" for \"--server-side\" flag: strconv.ParseBool: parsing \"maybe\": invalid syntax\nSee 'kubectl apply --help' for usage.\n"),
        ("kubectl apply --server-side --prune --all -f web.yaml",
         "error: --prune is in alpha and doesn't currently work on objects created by server-side apply\n"),
    ])
    func badFlagsAreRefusedAndChangeNothing(_ command: String, _ message: String) throws {
        let (session, _) = try session()
        let before = storeSnapshot(session)
        #expect(session.feed(command) == message)
        #expect(storeSnapshot(session) == before)
    }
}
