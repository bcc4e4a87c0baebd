import ClientKit

/// How controllers name a Pod template: the pod-template-hash of a Deployment's ReplicaSets and
/// the controller-revision-hash of a StatefulSet's revisions.
enum TemplateHash {
    /// FNV-1a of the template, its decimal digits spelled with the apimachinery alphabet that
    /// avoids vowels (rand.SafeEncodeString).
    static func of(_ template: PodTemplateSpec?) -> String {
        let text = (try? Codec.json(template ?? PodTemplateSpec()).render(indent: "")) ?? ""
        var hash: UInt32 = 2_166_136_261
        for byte in text.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")
        return String(String(hash).unicodeScalars.map { alphabet[Int($0.value) % alphabet.count] })
    }
}
