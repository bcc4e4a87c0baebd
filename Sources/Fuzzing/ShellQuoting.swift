extension String {
    /// The word as bash reads it back: bare when it is plain, else in single quotes.
    var shellQuoted: String {
        let plain = !isEmpty && unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "_./:=,@%+-".unicodeScalars.contains($0)) }
        return plain ? self : "'" + replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
