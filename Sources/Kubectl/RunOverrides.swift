import Cluster
import Foundation

/// `kubectl run --overrides=JSON [--override-type=merge|strategic|json]`: a patch kubectl applies to
/// the Pod it generated before sending it, with kubectl's errors for a patch that is not one.
struct RunOverrides {
    let text: String
    let type: String

    func apply(to pod: Pod) throws(KubectlError) -> Pod {
        guard let patchType = PatchCommand.types[type] else { throw .message("invalid override type: \(type)") }
        guard let patch = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) else {
            switch patchType {
            case .strategic: throw .message("invalid JSON document")
            case .json: throw .message("invalid character in the JSON patch \(GoQuote.quote(text))")
            default: throw .message("Invalid JSON Patch")
            }
        }
        switch (patchType, patch) {
        case (.json, _), (.merge, .object), (.strategic, .object):
            return try PatchCommand.applying(patch, type: patchType, to: pod)
        case (.merge, .array):
            // A merge patch that is an array replaces the whole document, which then has no kind.
            throw .message("couldn't get version/kind; json parse error: json: cannot unmarshal array into Go value of type "
                           + "struct { APIVersion string \"json:\\\"apiVersion,omitempty\\\"\"; Kind string \"json:\\\"kind,omitempty\\\"\" }")
        case (.strategic, _): throw .message("invalid JSON document")
        default: throw .message("Invalid JSON Patch")
        }
    }
}
