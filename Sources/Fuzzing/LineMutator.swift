import SimCore

/// Mutations of lines already generated: characters inserted, dropped and replaced, words
/// swapped and repeated, extreme values and shell operators spliced in, two lines joined.
struct LineMutator {
    let random: SeededRandom

    func mutate(_ line: String, other: String) -> String {
        var scalars = Array(line.unicodeScalars)
        for _ in 0..<random.small(1...5) {
            let position = scalars.isEmpty ? 0 : random.int(below: scalars.count + 1)
            switch random.int(below: 9) {
            case 0:
                scalars.insert(contentsOf: random.pick(splices).unicodeScalars, at: position)
            case 1 where !scalars.isEmpty:
                let end = min(scalars.count, position + random.small(1...8))
                if position < end { scalars.removeSubrange(position..<end) }
            case 2 where !scalars.isEmpty:
                scalars[min(position, scalars.count - 1)] = anyScalar()
            case 3:
                scalars.insert(contentsOf: (" " + random.pick(Vocabulary.numbers + Vocabulary.durations + Vocabulary.oddWords) + " ").unicodeScalars, at: position)
            case 4:
                var words = String(String.UnicodeScalarView(scalars)).split(separator: " ", omittingEmptySubsequences: false).map(String.init)
                if words.count > 1 { words.swapAt(random.int(below: words.count), random.int(below: words.count)) }
                scalars = Array(words.joined(separator: " ").unicodeScalars)
            case 5:
                var words = String(String.UnicodeScalarView(scalars)).split(separator: " ").map(String.init)
                if let word = words.isEmpty ? nil : random.pick(words) { words.insert(contentsOf: Array(repeating: word, count: random.small(1...50)), at: random.int(below: words.count + 1)) }
                scalars = Array(words.joined(separator: " ").unicodeScalars)
            case 6:
                let joint = random.pick([" | ", "; ", " && ", " || ", " $(", " `", " <<< ", " | xargs ", " "])
                scalars = Array((String(String.UnicodeScalarView(scalars)) + joint + other).unicodeScalars)
            case 7:
                scalars = Array(scalars.prefix(position))
            default:
                let quote = random.pick(["'", "\"", "`", "(", ")", "{", "}", "[", "]", "\\", "$", "#", "!", "*", "?", "&", ";", "|", ">", "<", "="])
                scalars.insert(contentsOf: quote.unicodeScalars, at: position)
            }
        }
        return String(String.UnicodeScalarView(scalars.filter { $0 != "\n" && $0 != "\r" }))
    }

    private var splices: [String] {
        [" --zz-fuzz", " -o yaml", " -n kube-system", " --all", " -A", " --force", " --grace-period=0", " -l app=web", " --dry-run=server", " --replicas=", " -w", " --watch",
         " --request-timeout=1s", " 2>&1", " >/dev/null", " | head -n 1", " $((", " ${x", " $(kubectl get pods -o name)", " <<EOF", "'\\''", " -- ", "=", ",", "/", ":"]
    }

    /// Any character at all, control characters and the ends of the Unicode range included.
    private func anyScalar() -> Unicode.Scalar {
        let value: UInt32 = random.weighted([
            (4, { UInt32(random.int(below: 0x80)) }),
            (1, { UInt32(0x80 + random.int(below: 0x780)) }),
            (1, { UInt32(random.pick([0x0, 0x7F, 0x85, 0xA0, 0x2028, 0x200B, 0x202E, 0xFEFF, 0xFFFD, 0xFFFF, 0x10FFFF, 0x1F600, 0x0301])) }),
            (1, { UInt32(random.int(below: 0x110000)) }),
        ])
        return Unicode.Scalar(value) ?? "\u{FFFD}"
    }
}
