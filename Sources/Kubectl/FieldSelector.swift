import Cluster

/// A field selector as kubectl takes it (`status.phase=Running,spec.nodeName!=node01`), matched
/// against the object's JSON, so any field works (the API server allows only a few per type).
public struct FieldSelector {
    private let requirements: [(path: [String], value: String, equal: Bool)]

    public init?(_ text: String) {
        var requirements: [(path: [String], value: String, equal: Bool)] = []
        for part in text.split(separator: ",") {
            let equal = !part.contains("!=")
            let pieces = part.components(separatedBy: equal ? (part.contains("==") ? "==" : "=") : "!=")
            guard pieces.count == 2, !pieces[0].isEmpty else { return nil }
            requirements.append((pieces[0].split(separator: ".").map(String.init), pieces[1], equal))
        }
        self.requirements = requirements
    }

    public func matches(_ object: any APIObject) -> Bool {
        guard !requirements.isEmpty else { return true }
        guard let json = try? Codec.json(object) else { return false }
        return requirements.allSatisfy { requirement in
            let field = requirement.path.reduce(Optional(json)) { $0?[$1] }
            // Numbers and booleans compare as kubectl prints them: `spec.replicas=0`.
            let value = field?.stringValue ?? field.map { $0.render(indent: "") } ?? ""
            return (value == requirement.value) == requirement.equal
        }
    }
}
