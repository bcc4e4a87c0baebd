import KubeModel

/// A list or watch request's `fieldSelector` parameter (`status.phase=Running,spec.nodeName!=node01`).
/// Each field is one of the few the kind's registry supports (its field labels); the API server
/// evaluates the selector, so that `kubectl get`, informers and lesson checks select alike.
public struct FieldSelector: Sendable {
    public struct Requirement: Sendable {
        public let field: String
        public let value: String
        /// `=` or `==`; false for `!=`.
        public let equal: Bool
    }

    public let requirements: [Requirement]

    /// Parses the selector's syntax; nil for a term that is not `FIELD=VALUE`, `FIELD==VALUE`
    /// or `FIELD!=VALUE` (kubectl's `invalid field selector`).
    public init?(_ text: String) {
        guard case .success(let requirements) = FieldSelector.terms(text) else { return nil }
        self.requirements = requirements
    }

    /// The terms of `text`, or the first one that is not a term.
    private static func terms(_ text: String) -> Result<[Requirement], FieldSelector.Unreadable> {
        var requirements: [Requirement] = []
        for part in text.split(separator: ",") {
            let equal = !part.contains("!=")
            let pieces = part.components(separatedBy: equal ? (part.contains("==") ? "==" : "=") : "!=")
            guard pieces.count == 2, !pieces[0].isEmpty else { return .failure(Unreadable(part: String(part))) }
            requirements.append(Requirement(field: pieces[0], value: pieces[1], equal: equal))
        }
        return .success(requirements)
    }

    private struct Unreadable: Error {
        let part: String
    }

    public var isEmpty: Bool { requirements.isEmpty }

    /// Parses `text` as kube-apiserver does for a list of `type`: bad syntax or a field the
    /// kind does not support is a BadRequest.
    public static func parse(_ text: String, for type: ResourceType) throws(APIError) -> FieldSelector {
        switch terms(text) {
        case .failure(let unreadable):
            throw .badRequest("invalid selector: '\(text)'; can't understand '\(unreadable.part)'")
        case .success(let requirements):
            let labels = FieldLabels.of(type)
            if let unsupported = requirements.first(where: { labels.read[$0.field] == nil }) {
                throw .badRequest(labels.unsupported(unsupported.field))
            }
            return FieldSelector(requirements: requirements)
        }
    }

    private init(requirements: [Requirement]) {
        self.requirements = requirements
    }

    /// Whether `object` has every required field value; a field its kind does not support never matches.
    public func matches(_ object: any APIObject) -> Bool {
        guard !requirements.isEmpty else { return true }
        let read = FieldLabels.of(object.type).read
        return requirements.allSatisfy { requirement in
            guard let value = read[requirement.field] else { return false }
            return (value(object) == requirement.value) == requirement.equal
        }
    }
}
