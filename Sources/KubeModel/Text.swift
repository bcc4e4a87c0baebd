extension String {
    /// The string with spaces added up to `width` characters (never cut), for aligned columns.
    public func padded(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }

    /// The string without `character` at either end.
    public func trimming(_ character: Character) -> String {
        String(trimmingTrailing(character).drop { $0 == character })
    }

    /// The string without `character` at its end (trailing spaces of a table row, a final newline).
    public func trimmingTrailing(_ character: Character) -> String {
        var text = Substring(self)
        while text.last == character { text = text.dropLast() }
        return String(text)
    }
}
