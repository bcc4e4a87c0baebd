/// A point in time with second precision, written as RFC 3339 (`2026-11-21T09:00:00Z`) like metav1.Time.
public struct Timestamp: Codable, Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Seconds since the Unix epoch.
    public var seconds: Int64

    public init(seconds: Int64) { self.seconds = seconds }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.seconds < rhs.seconds }

    public var description: String { rfc3339 }

    public var rfc3339: String {
        let (_, date, time) = parts
        return "\(date.year)-\(Timestamp.two(date.month))-\(Timestamp.two(date.day))T\(time)Z"
    }

    /// The RFC 1123 form `describe` prints: `Sat, 21 Nov 2026 09:00:00 +0000`.
    public var rfc1123: String {
        let (days, date, time) = parts
        return "\(Timestamp.weekday(days)), \(Timestamp.two(date.day)) \(Timestamp.months[Int(date.month - 1)]) \(date.year) \(time) +0000"
    }

    /// Go's time.Time form, which `describe networkpolicy` prints: `2026-11-21 09:00:00 +0000 UTC`.
    public var goString: String {
        let (_, date, time) = parts
        return "\(date.year)-\(Timestamp.two(date.month))-\(Timestamp.two(date.day)) \(time) +0000 UTC"
    }

    /// The C library's ctime form that date(1) and iptables-save print: `Sat Nov 21 09:00:00 2026`.
    public var ctime: String {
        let (days, date, time) = parts
        let day = date.day < 10 ? " \(date.day)" : "\(date.day)"
        return "\(Timestamp.weekday(days)) \(Timestamp.months[Int(date.month - 1)]) \(day) \(time) \(date.year)"
    }

    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The weekday of a day counted from 1970-01-01, a Thursday.
    private static func weekday(_ days: Int64) -> String {
        ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][Int(((days % 7) + 7) % 7)]
    }

    /// Days since the epoch, the civil date, and the time of day as `HH:MM:SS`.
    private var parts: (days: Int64, date: (year: Int64, month: Int64, day: Int64), time: String) {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let time = "\(Timestamp.two(secondOfDay / 3600)):\(Timestamp.two(secondOfDay / 60 % 60)):\(Timestamp.two(secondOfDay % 60))"
        return (days, Timestamp.civil(fromDays: days), time)
    }

    private static func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }

    public init?(rfc3339 text: String) {
        let digits = text.split(whereSeparator: { "-T:Z".contains($0) }).map { Int64($0) }
        guard digits.count >= 6, text.hasSuffix("Z") else { return nil }
        let parts = digits.compactMap { $0 }
        guard parts.count == digits.count, (0...9999).contains(parts[0]), (1...12).contains(parts[1]), (1...31).contains(parts[2]),
              (0...23).contains(parts[3]), (0...59).contains(parts[4]), (0...60).contains(parts[5]) else { return nil }
        let days = Timestamp.days(year: parts[0], month: parts[1], day: parts[2])
        seconds = days * 86_400 + parts[3] * 3600 + parts[4] * 60 + parts[5]
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = Timestamp(rfc3339: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                debugDescription: "parsing time \"\(text)\" as RFC3339 failed"))
        }
        self = value
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rfc3339)
    }

    /// Howard Hinnant's days-to-civil algorithm.
    static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}

/// Formats a duration the way kubectl prints ages: `45s`, `3m12s`, `5h2m`, `3d4h`, `2y`.
public func humanDuration(seconds: Int64) -> String {
    let s = max(seconds, 0)
    if s < 120 { return "\(s)s" }
    let minutes = s / 60
    if minutes < 10 { return s % 60 == 0 ? "\(minutes)m" : "\(minutes)m\(s % 60)s" }
    if minutes < 180 { return "\(minutes)m" }
    let hours = s / 3600
    if hours < 8 { return minutes % 60 == 0 ? "\(hours)h" : "\(hours)h\(minutes % 60)m" }
    if hours < 48 { return "\(hours)h" }
    if hours < 24 * 8 { return hours % 24 == 0 ? "\(hours / 24)d" : "\(hours / 24)d\(hours % 24)h" }
    if hours < 24 * 365 * 2 { return "\(hours / 24)d" }
    if hours < 24 * 365 * 8 { let days = hours / 24; return days % 365 == 0 ? "\(days / 365)y" : "\(days / 365)y\(days % 365)d" }
    return "\(hours / 24 / 365)y"
}
