import KubeModel
/// A verb stepkube's kubectl does not run: one kubectl has but stepkube does not simulate yet, or
/// one kubectl does not have either, answered as cobra answers it, with its suggestions.
extension Kubectl {
    func reportMissingCommand(_ verb: String) {
        if HelpTexts.verbs.contains(verb) {
            console.err("error: \"kubectl \(verb)\" is not simulated in stepkube yet")
            return
        }
        let suggestions = Kubectl.suggestions(for: verb)
        let hint = suggestions.isEmpty ? "" : "\n\nDid you mean this?\n" + suggestions.map { "\t\($0)\n" }.joined() + "\n"
        console.err("Error: unknown command \(GoQuote.quote(verb)) for \"kubectl\"\(hint)")
    }

    /// cobra's suggestions: every kubectl command within two edits of `typed`, or starting with
    /// it, in the order kubectl registers its commands.
    static func suggestions(for typed: String) -> [String] {
        let typed = typed.lowercased()
        return HelpTexts.verbs.filter { editDistance($0, typed) <= 2 || $0.hasPrefix(typed) }
    }

    /// Levenshtein distance, as cobra's `ld`.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var row = Array(0...b.count)
        for (i, left) in a.enumerated() {
            var diagonal = row[0]
            row[0] = i + 1
            for (j, right) in b.enumerated() {
                let above = row[j + 1]
                row[j + 1] = min(above + 1, row[j] + 1, diagonal + (left == right ? 0 : 1))
                diagonal = above
            }
        }
        return row[b.count]
    }
}
