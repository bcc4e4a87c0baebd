/// A resource quantity (`500m`, `2`, `1Gi`, `64M`), kept as written and as thousandths of a unit.
public struct Quantity: Codable, Hashable, Sendable, CustomStringConvertible {
    public let text: String
    /// The amount in thousandths of the base unit (millicores for cpu, millibytes for memory).
    public let milliValue: Int64

    public init?(_ text: String) {
        guard let milli = Quantity.parseMilli(text) else { return nil }
        self.text = text
        self.milliValue = milli
    }

    public init(milli: Int64) {
        self.milliValue = milli
        self.text = milli % 1000 == 0 ? String(milli / 1000) : "\(milli)m"
    }

    /// A byte quantity printed the way the kubelet reports memory (`8148108Ki`).
    public init(kibibytes: Int64) {
        self.milliValue = kibibytes * 1024 * 1000
        self.text = "\(kibibytes)Ki"
    }

    /// The largest amount (in thousandths) the API accepts here: about 9 × 10^15 units, far past
    /// any machine, and small enough that sums over a cluster cannot overflow.
    public static let largest: Int64 = 1 << 53
    public var description: String { text }

    /// Bytes in the largest binary unit that divides them: `2Gi`, `200Mi`, `8148108Ki`, `1000`.
    public static func bytesText(_ bytes: Int64) -> String {
        guard bytes > 0 else { return String(bytes) }
        for (shift, suffix) in [(30, "Gi"), (20, "Mi"), (10, "Ki")] where bytes % (Int64(1) << shift) == 0 {
            return "\(bytes >> shift)\(suffix)"
        }
        return String(bytes)
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let raw: String
        if let number = try? container.decode(Int64.self) {
            raw = String(number)
        } else if let number = try? container.decode(Double.self) {
            raw = String(number)
        } else {
            raw = try container.decode(String.self)
        }
        guard let quantity = Quantity(raw) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                debugDescription: "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"))
        }
        self = quantity
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }

    private static let suffixes: [(String, Double)] = [
        ("Ki", 1024), ("Mi", 1_048_576), ("Gi", 1_073_741_824), ("Ti", 1_099_511_627_776),
        ("Pi", 1_125_899_906_842_624), ("Ei", 1_152_921_504_606_846_976),
        ("n", 1e-9), ("u", 1e-6), ("m", 1e-3), ("k", 1e3), ("M", 1e6), ("G", 1e9), ("T", 1e12),
        ("P", 1e15), ("E", 1e18),
    ]

    private static func parseMilli(_ text: String) -> Int64? {
        let trimmed = text.trimming(" ")
        guard !trimmed.isEmpty else { return nil }
        var number = Substring(trimmed)
        var multiplier = 1.0
        for (suffix, factor) in suffixes where number.hasSuffix(suffix) {
            number = number.dropLast(suffix.count)
            multiplier = factor
            break
        }
        if multiplier == 1.0, let exponentIndex = number.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            guard let exponent = Int(number[number.index(after: exponentIndex)...]), abs(exponent) <= 30 else { return nil }
            multiplier = pow10(exponent)
            number = number[..<exponentIndex]
        }
        guard !number.isEmpty, number.allSatisfy({ $0.isNumber || $0 == "." || $0 == "+" || $0 == "-" }),
              let base = Double(number) else { return nil }
        let milli = (base * multiplier * 1000).rounded(.up)
        guard milli.isFinite, abs(milli) < 9.2e18 else { return nil }
        return Int64(milli)
    }

    private static func pow10(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<abs(exponent) { result *= 10 }
        return exponent < 0 ? 1 / result : result
    }
}

