extension String {
    /// The string with spaces added up to `width` characters (never cut), for aligned columns.
    public func padded(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
