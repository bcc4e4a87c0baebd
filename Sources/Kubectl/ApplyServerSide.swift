import Cluster

/// `kubectl apply --server-side [--field-manager=NAME] [--force-conflicts]`: each object of the
/// files goes to the API server whole, as an apply patch; the server merges it and keeps track
/// of which manager owns which field.
struct ApplyServerSide {
    let fieldManager: String
    let force: Bool
    let dryRun: Bool

    /// kubectl's advice after a conflict (apply.go).
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

    /// Reads and checks the server-side flags, in the order kubectl's Validate checks them;
    /// nil for a client-side apply.
    init?(_ arguments: Arguments, dryRun: String, pruning: Bool) throws(KubectlError) {
        let serverSide = try arguments.strictBool("server-side")
        let force = try arguments.strictBool("force-conflicts")
        if force, !serverSide { throw .message("--force-conflicts only works with --server-side") }
        guard serverSide else { return nil }
        if dryRun == "client" { throw .message("--dry-run=client doesn't work with --server-side (did you mean --dry-run=server instead?)") }
        if pruning { throw .message("--prune is in alpha and doesn't currently work on objects created by server-side apply") }
        fieldManager = arguments.value("field-manager") ?? "kubectl"
        self.force = force
        self.dryRun = dryRun == "server"
    }

    /// Sends `source` (the object as the file has it) as an apply patch and prints the outcome.
    func apply(_ object: any APIObject, source: JSONValue, namespace: String, kubectl: Kubectl) {
        let type = object.type
        let label = "\(type.qualifiedSingular)/\(object.name)"
        var request = APIRequest(verb: .patch, type: type, namespace: type.namespaced ? object.metadata.namespace ?? namespace : nil,
                                 name: object.name, patch: source, patchType: .apply, user: .kubernetesAdmin, dryRun: dryRun)
        request.fieldManager = fieldManager
        request.force = force
        kubectl.send(request) { result in
            switch result {
            case .success: kubectl.console.out("\(label) serverside-applied\(dryRun ? " (server dry run)" : "")")
            case .failure(let error) where error.reason == "Conflict":
                kubectl.console.err("error: \(error.message)\n\(ApplyServerSide.conflictAdvice)")
            case .failure(let error): kubectl.console.err(Kubectl.serverError(error))
            }
        }
    }
}
