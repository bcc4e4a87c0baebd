/// A manifest as a tree the fuzzer can bend (a scalar becomes a list, a key goes missing),
/// rendered as block YAML.
indirect enum ManifestTree {
    /// A scalar as it is written in YAML, quotes and all: `3`, `"3"`, `nginx`, `~`.
    case scalar(String)
    case list([ManifestTree])
    case map([(String, ManifestTree)])

    func render(indent: Int = 0) -> String {
        let pad = String(repeating: "  ", count: indent)
        switch self {
        case .scalar(let text): return text + "\n"
        case .list(let items) where items.isEmpty: return "[]\n"
        case .map(let pairs) where pairs.isEmpty: return "{}\n"
        case .list(let items):
            return "\n" + items.map { pad + "- " + $0.renderInline(indent: indent + 1) }.joined()
        case .map(let pairs):
            return "\n" + pairs.map { pad + $0.0 + ":" + $0.1.renderValue(indent: indent + 1) }.joined()
        }
    }

    /// The document: a map at the top has no leading newline.
    var document: String { String(render().dropFirst()) }

    private func renderValue(indent: Int) -> String {
        if case .scalar(let text) = self { return " " + text + "\n" }
        return render(indent: indent)
    }

    /// A list item: a map's first key goes on the dash's line.
    private func renderInline(indent: Int) -> String {
        switch self {
        case .map(let pairs) where !pairs.isEmpty:
            let rest = String(repeating: "  ", count: indent)
            return pairs.enumerated().map { index, pair in (index == 0 ? "" : rest) + pair.0 + ":" + pair.1.renderValue(indent: indent + 1) }.joined()
        default:
            let text = renderValue(indent: indent)
            return text.hasPrefix(" ") ? String(text.dropFirst()) : text
        }
    }

    /// Every path to a node, for choosing one to change.
    var paths: [[Int]] {
        switch self {
        case .scalar: return [[]]
        case .list(let items): return [[]] + items.enumerated().flatMap { index, item in item.paths.map { [index] + $0 } }
        case .map(let pairs): return [[]] + pairs.enumerated().flatMap { index, pair in pair.1.paths.map { [index] + $0 } }
        }
    }

    /// The tree with the node at `path` replaced (nil removes it from its list or map).
    func replacing(_ path: [Int], with node: ManifestTree?) -> ManifestTree? {
        guard let first = path.first else { return node }
        let rest = Array(path.dropFirst())
        switch self {
        case .scalar: return self
        case .list(var items):
            guard items.indices.contains(first) else { return self }
            if let changed = items[first].replacing(rest, with: node) { items[first] = changed } else { items.remove(at: first) }
            return .list(items)
        case .map(var pairs):
            guard pairs.indices.contains(first) else { return self }
            if let changed = pairs[first].1.replacing(rest, with: node) { pairs[first].1 = changed } else { pairs.remove(at: first) }
            return .map(pairs)
        }
    }
}
