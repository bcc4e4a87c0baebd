/// Durations as kubectl and the stepper accept them: `30s`, `5m`, `1h30m`, `250ms`.
enum Duration {
    /// Ten years: more than any lesson needs, far from overflowing the clock.
    static let maximum = 10 * 365 * 86_400_000.0

    static func parse(_ text: String) -> Int64? {
        var total: Int64 = 0
        var number = ""
        var rest = Substring(text)
        guard !rest.isEmpty else { return nil }
        while let character = rest.first {
            if character.isNumber || character == "." {
                number.append(character)
                rest = rest.dropFirst()
                continue
            }
            guard let value = Double(number) else { return nil }
            let unit: Int64
            if rest.hasPrefix("ms") { unit = 1; rest = rest.dropFirst(2) } else {
                switch character {
                case "s": unit = 1000
                case "m": unit = 60_000
                case "h": unit = 3_600_000
                case "d": unit = 86_400_000
                default: return nil
                }
                rest = rest.dropFirst()
            }
            let amount = value * Double(unit)
            guard amount.isFinite, amount < maximum, total < Int64(maximum) - Int64(amount) else { return nil }
            total += Int64(amount)
            number = ""
        }
        if !number.isEmpty {
            guard let value = Double(number), value * 1000 < maximum - Double(total) else { return nil }
            total += Int64(value * 1000)
        }
        return total
    }
}
