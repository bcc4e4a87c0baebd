import KubeModel

/// Who is making a request, as the authenticator established it.
public struct UserInfo: Sendable, Equatable {
    public let name: String
    public let groups: [String]
    /// How the user proved who they are: `x509 client certificate`, `service account token` ...
    public let authenticatedBy: String

    public init(name: String, groups: [String], authenticatedBy: String) {
        self.name = name
        self.groups = groups
        self.authenticatedBy = authenticatedBy
    }

    public static let kubernetesAdmin = UserInfo(name: "kubernetes-admin", groups: ["kubeadm:cluster-admins", "system:authenticated"],
                                                 authenticatedBy: "x509 client certificate (CN=kubernetes-admin)")
    public static let scheduler = UserInfo(name: "system:kube-scheduler", groups: ["system:authenticated"],
                                           authenticatedBy: "x509 client certificate (CN=system:kube-scheduler)")

    public static func controller(_ name: String) -> UserInfo {
        UserInfo(name: "system:serviceaccount:kube-system:\(name)",
                 groups: ["system:serviceaccounts", "system:serviceaccounts:kube-system", "system:authenticated"],
                 authenticatedBy: "service account token (kube-system/\(name))")
    }

    public static func node(_ name: String) -> UserInfo {
        UserInfo(name: "system:node:\(name)", groups: ["system:nodes", "system:authenticated"],
                 authenticatedBy: "x509 client certificate (CN=system:node:\(name), O=system:nodes)")
    }
}

public enum Verb: String, Sendable {
    case create, get, list, update, patch, delete, watch

    public var method: String {
        switch self {
        case .create: return "POST"
        case .get, .list, .watch: return "GET"
        case .update: return "PUT"
        case .patch: return "PATCH"
        case .delete: return "DELETE"
        }
    }

    /// get, list and watch: requests that change nothing.
    public var isRead: Bool { self == .get || self == .list || self == .watch }
}

public enum PatchType: String, Sendable {
    case json = "application/json-patch+json"
    case merge = "application/merge-patch+json"
    case strategic = "application/strategic-merge-patch+json"
    /// Server-side apply: the body is the caller's whole intent for the fields it manages.
    case apply = "application/apply-patch+yaml"
}

public enum PropagationPolicy: String, Sendable {
    case background = "Background", foreground = "Foreground", orphan = "Orphan"

    /// The finalizer the API server adds for the garbage collector to act on before the owner goes.
    public var finalizer: String? {
        switch self {
        case .background: return nil
        case .foreground: return PropagationPolicy.foregroundFinalizer
        case .orphan: return PropagationPolicy.orphanFinalizer
        }
    }

    public static let foregroundFinalizer = "foregroundDeletion"
    public static let orphanFinalizer = "orphan"
}

/// One REST request to kube-apiserver.
public struct APIRequest {
    public var verb: Verb
    public var type: ResourceType
    public var namespace: String?
    public var name: String?
    public var subresource: String?
    public var body: (any APIObject)?
    public var patch: JSONValue?
    public var patchType: PatchType
    public var user: UserInfo
    /// The client's User-Agent: the component that sent the request (`kubectl`, `kubelet` ...).
    public var userAgent: String?
    public var dryRun: Bool
    public var gracePeriodSeconds: Int64?
    public var propagationPolicy: PropagationPolicy?
    /// For delete: only if the object still has this UID (a precondition).
    public var preconditionUID: String?
    /// The `fieldManager` parameter: who owns the fields this write sets. Without it the
    /// server names the manager after the client (`kubectl`, `kube-controller-manager` ...).
    public var fieldManager: String?
    /// The `force` parameter of server-side apply: take fields other managers own.
    public var force = false
    /// A list's `labelSelector` parameter (`app=web,tier!=db`), parsed by the server.
    public var labelSelector = ""
    /// A list's `fieldSelector` parameter (`status.phase=Running`), parsed by the server.
    public var fieldSelector = ""
    /// A subresource's query parameters (pods/log: `container`, `previous`).
    public var parameters: [String: String] = [:]

    public init(verb: Verb, type: ResourceType, namespace: String? = nil, name: String? = nil, subresource: String? = nil,
                body: (any APIObject)? = nil, patch: JSONValue? = nil, patchType: PatchType = .strategic,
                user: UserInfo, dryRun: Bool = false, gracePeriodSeconds: Int64? = nil,
                propagationPolicy: PropagationPolicy? = nil, preconditionUID: String? = nil) {
        self.verb = verb
        self.type = type
        self.namespace = type.namespaced ? (namespace ?? body?.metadata.namespace ?? "default") : nil
        self.name = name ?? body?.metadata.name
        self.subresource = subresource
        self.body = body
        self.patch = patch
        self.patchType = patchType
        self.user = user
        self.dryRun = dryRun
        self.gracePeriodSeconds = gracePeriodSeconds
        self.propagationPolicy = propagationPolicy
        self.preconditionUID = preconditionUID
    }

    public static func create(_ object: any APIObject, user: UserInfo, subresource: String? = nil, name: String? = nil) -> APIRequest {
        APIRequest(verb: .create, type: object.type, namespace: object.metadata.namespace, name: name, subresource: subresource,
                   body: object, user: user)
    }

    public static func update(_ object: any APIObject, user: UserInfo, subresource: String? = nil) -> APIRequest {
        APIRequest(verb: .update, type: object.type, namespace: object.metadata.namespace, subresource: subresource,
                   body: object, user: user)
    }

    public static func get(_ type: ResourceType, namespace: String?, name: String, subresource: String? = nil, user: UserInfo) -> APIRequest {
        APIRequest(verb: .get, type: type, namespace: namespace, name: name, subresource: subresource, user: user)
    }

    /// A list in one namespace, or in all of them (nil).
    public static func list(_ type: ResourceType, namespace: String?, labelSelector: String = "", fieldSelector: String = "",
                            user: UserInfo) -> APIRequest {
        var request = APIRequest(verb: .list, type: type, user: user)
        request.namespace = type.namespaced ? namespace : nil
        request.labelSelector = labelSelector
        request.fieldSelector = fieldSelector
        return request
    }

    /// `POST /api/v1/namespaces/default/pods`: the method and path as a reader of audit logs knows them
    /// (a list's selectors as its query, unescaped to be read).
    public var line: String {
        let collection = (verb == .create || verb == .list) && subresource == nil
        let path = type.path(namespace: namespace, name: collection ? nil : name, subresource: subresource)
        let query = ([("labelSelector", labelSelector), ("fieldSelector", fieldSelector)] + parameters.sorted { $0.key < $1.key })
            .filter { !$0.1.isEmpty }
        return "\(verb.method) \(path)" + (query.isEmpty ? "" : "?" + query.map { "\($0.0)=\($0.1)" }.joined(separator: "&"))
    }
}

/// An error response in the API's terms: HTTP code, reason and message.
public struct APIError: Error, Equatable, Sendable {
    public let code: Int
    public let reason: String
    public let message: String
    /// The field errors of an Invalid answer (`spec.replicas: Invalid value: ...`), as the
    /// Status details' causes carry them.
    public let causes: [String]

    public init(code: Int, reason: String, message: String, causes: [String] = []) {
        self.code = code
        self.reason = reason
        self.message = message
        self.causes = causes
    }

    public static func notFound(_ type: ResourceType, _ name: String) -> APIError {
        APIError(code: 404, reason: "NotFound", message: "\(type.qualifiedPlural) \"\(name)\" not found")
    }

    public static func alreadyExists(_ type: ResourceType, _ name: String) -> APIError {
        APIError(code: 409, reason: "AlreadyExists", message: "\(type.qualifiedPlural) \"\(name)\" already exists")
    }

    public static func conflict(_ type: ResourceType, _ name: String) -> APIError {
        APIError(code: 409, reason: "Conflict",
                 message: "Operation cannot be fulfilled on \(type.qualifiedPlural) \"\(name)\": the object has been modified; please apply your changes to the latest version and try again")
    }

    public static func invalid(_ type: ResourceType, _ name: String, _ errors: [FieldError]) -> APIError {
        let causes = errors.map(\.description)
        let list = causes.count == 1 ? causes[0] : "[" + causes.joined(separator: ", ") + "]"
        return APIError(code: 422, reason: "Invalid", message: "The \(type.kind) \"\(name)\" is invalid: \(list)", causes: causes)
    }

    public static func badRequest(_ message: String) -> APIError {
        APIError(code: 400, reason: "BadRequest", message: message)
    }

    public static func forbidden(_ message: String) -> APIError {
        APIError(code: 403, reason: "Forbidden", message: message)
    }

    /// `201 Created` style status line.
    public var statusLine: String { "\(code) \(reason)" }
}

/// One validation failure: `spec.containers[0].image: Required value`.
public struct FieldError: Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Equatable, Sendable {
        /// `Required value`, with the API server's detail when it gives one.
        case required(String? = nil)
        case invalid(value: String, detail: String)
        case unsupported(value: String, supported: [String])
        case duplicate(value: String)
        case forbidden(String)
    }

    public let field: String
    public let kind: Kind

    public init(_ field: String, _ kind: Kind) {
        self.field = field
        self.kind = kind
    }

    public var description: String {
        switch kind {
        case .required(let detail): return "\(field): Required value" + (detail.map { ": " + $0 } ?? "")
        case .invalid(let value, let detail): return "\(field): Invalid value: \(value): \(detail)"
        case .unsupported(let value, let supported):
            return "\(field): Unsupported value: \"\(value)\": supported values: " + supported.map { "\"\($0)\"" }.joined(separator: ", ")
        case .duplicate(let value): return "\(field): Duplicate value: \"\(value)\""
        case .forbidden(let detail): return "\(field): Forbidden: \(detail)"
        }
    }
}
