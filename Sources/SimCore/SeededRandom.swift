/// SplitMix64: the one source of randomness in the simulation, seeded so every run is the same.
public final class SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    public func int(below bound: Int) -> Int {
        guard bound > 0 else { return 0 }
        return Int(next() % UInt64(bound))
    }

    /// The five-character suffix of generated names (`myreplicaset-x7k2p`), from the same
    /// alphabet as apimachinery's: no vowels, no digits that look like letters.
    public func nameSuffix(length: Int = 5) -> String {
        let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")
        return String((0..<length).map { _ in alphabet[int(below: alphabet.count)] })
    }

    /// A version-4 style UUID string drawn from this generator.
    public func uuid() -> String {
        let hex = Array("0123456789abcdef")
        var digits = (0..<32).map { _ in hex[int(below: 16)] }
        digits[12] = "4"
        digits[16] = hex[8 + int(below: 4)]
        let text = String(digits)
        func part(_ from: Int, _ to: Int) -> Substring {
            text[text.index(text.startIndex, offsetBy: from)..<text.index(text.startIndex, offsetBy: to)]
        }
        return "\(part(0, 8))-\(part(8, 12))-\(part(12, 16))-\(part(16, 20))-\(part(20, 32))"
    }

    public func hex(length: Int) -> String {
        let hex = Array("0123456789abcdef")
        return String((0..<length).map { _ in hex[int(below: 16)] })
    }
}
