import Foundation

/// The grammar of a container image reference (distribution's ReferenceRegexp): an optional
/// registry host, lowercase path components, an optional `:tag` and an optional `@digest`.
enum ImageReference {
    private static let pattern: NSRegularExpression? = {
        let domainComponent = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])"
        let domain = "\(domainComponent)(?:\\.\(domainComponent))*(?::[0-9]+)?"
        let component = "[a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*"
        let name = "(?:\(domain)/)?\(component)(?:/\(component))*"
        let tag = "[\\w][\\w.-]{0,127}"
        let digest = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}"
        return try? NSRegularExpression(pattern: "^\(name)(?::\(tag))?(?:@\(digest))?$")
    }()

    static func isValid(_ image: String) -> Bool {
        guard let pattern else { return true }
        return pattern.firstMatch(in: image, range: NSRange(image.startIndex..., in: image)) != nil
    }
}
