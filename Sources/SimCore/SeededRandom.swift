/// SplitMix64: the simulation's randomness (one per purpose, see RandomStreams), seeded so every
/// run is the same.
public final class SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// A generator that draws what this one would draw next, without advancing this one.
    public func copy() -> SeededRandom { SeededRandom(seed: state) }

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
        var digits = Array(hex(length: 32).utf8)
        digits[12] = UInt8(ascii: "4")
        digits[16] = Array("89ab".utf8)[int(below: 4)]
        for position in [20, 16, 12, 8] { digits.insert(UInt8(ascii: "-"), at: position) }
        return String(decoding: digits, as: UTF8.self)
    }

    /// `length` lowercase hex digits, sixteen from each draw.
    public func hex(length: Int) -> String {
        let alphabet = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(length)
        var bits: UInt64 = 0
        for index in 0..<length {
            if index % 16 == 0 { bits = next() }
            bytes.append(alphabet[Int(bits & 15)])
            bits >>= 4
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
