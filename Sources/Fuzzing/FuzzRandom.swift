import SimCore

/// The fuzzer's draws, all from one seeded generator, so a seed names a campaign exactly.
extension SeededRandom {
    func chance(_ probability: Double) -> Bool {
        Double(next() >> 11) / Double(1 << 53) < probability
    }

    func pick<Element>(_ elements: [Element]) -> Element {
        elements[int(below: elements.count)]
    }

    /// A number from `range`, small ones far more often than large.
    func small(_ range: ClosedRange<Int>) -> Int {
        let span = range.upperBound - range.lowerBound + 1
        return range.lowerBound + min(int(below: span), int(below: span))
    }

    /// Picks one of several ways of making something, each with a weight.
    func weighted<Result>(_ choices: [(Int, () -> Result)]) -> Result {
        var draw = int(below: choices.reduce(0) { $0 + $1.0 })
        for (weight, make) in choices {
            if draw < weight { return make() }
            draw -= weight
        }
        return choices[choices.count - 1].1()
    }
}
