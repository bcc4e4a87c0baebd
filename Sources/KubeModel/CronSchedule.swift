/// A standard five-field cron schedule (minute hour day-of-month month day-of-week), with
/// lists, ranges, steps, month and weekday names and the @hourly-style descriptors, as the
/// CronJob controller reads it (robfig/cron's standard parser). Times are UTC.
public struct CronSchedule: Equatable, Sendable {
    let minutes: Set<Int>
    let hours: Set<Int>
    let daysOfMonth: Set<Int>
    let months: Set<Int>
    let daysOfWeek: Set<Int>
    /// Whether day-of-month or day-of-week was `*`: then both must match, otherwise either may.
    let anyDayField: Bool

    private struct Field {
        let range: ClosedRange<Int>
        let names: [String: Int]
    }

    private static let fields = [
        Field(range: 0...59, names: [:]),
        Field(range: 0...23, names: [:]),
        Field(range: 1...31, names: [:]),
        Field(range: 1...12, names: ["jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
                                     "sep": 9, "oct": 10, "nov": 11, "dec": 12]),
        Field(range: 0...6, names: ["sun": 0, "mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6]),
    ]

    private static let descriptors = [
        "@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *", "@monthly": "0 0 1 * *", "@weekly": "0 0 * * 0",
        "@daily": "0 0 * * *", "@midnight": "0 0 * * *", "@hourly": "0 * * * *",
    ]

    /// Parses `text`; the error is worded as robfig/cron words it, which the API server reports.
    public init(parsing text: String) throws(CronError) {
        var expression = text.trimming(" ")
        if expression.hasPrefix("@") {
            guard let expanded = CronSchedule.descriptors[expression.lowercased()] else {
                throw CronError("unrecognized descriptor: \(expression)")
            }
            expression = expanded
        }
        let parts = expression.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard parts.count == 5 else {
            throw CronError("expected exactly 5 fields, found \(parts.count): [\(parts.joined(separator: " "))]")
        }
        var sets: [Set<Int>] = []
        for (part, field) in zip(parts, CronSchedule.fields) { sets.append(try CronSchedule.parse(part, field)) }
        minutes = sets[0]
        hours = sets[1]
        daysOfMonth = sets[2]
        months = sets[3]
        daysOfWeek = sets[4]
        anyDayField = parts[2] == "*" || parts[2] == "?" || parts[4] == "*" || parts[4] == "?"
    }

    private static func parse(_ text: String, _ field: Field) throws(CronError) -> Set<Int> {
        var values: Set<Int> = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false).map(String.init) {
            let stepParts = item.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            guard stepParts.count <= 2 else { throw CronError("too many slashes: \(item)") }
            var low = field.range.lowerBound
            var high = field.range.upperBound
            let rangeText = stepParts[0]
            if rangeText != "*" && rangeText != "?" {
                let bounds = rangeText.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
                guard bounds.count <= 2 else { throw CronError("too many hyphens: \(item)") }
                low = try value(bounds[0], field)
                high = bounds.count == 2 ? try value(bounds[1], field) : (stepParts.count == 2 ? field.range.upperBound : low)
            }
            var step = 1
            if stepParts.count == 2 {
                guard let parsed = Int(stepParts[1]) else {
                    throw CronError("failed to parse int from \(stepParts[1]): strconv.Atoi: parsing \"\(stepParts[1])\": invalid syntax")
                }
                guard parsed > 0 else { throw CronError("step of range should be a positive number: \(item)") }
                step = parsed
            }
            guard low >= field.range.lowerBound else { throw CronError("beginning of range (\(low)) below minimum (\(field.range.lowerBound)): \(item)") }
            guard high <= field.range.upperBound else { throw CronError("end of range (\(high)) above maximum (\(field.range.upperBound)): \(item)") }
            guard low <= high else { throw CronError("beginning of range (\(low)) beyond end of range (\(high)): \(item)") }
            values.formUnion(stride(from: low, through: high, by: step))
        }
        return values
    }

    private static func value(_ text: String, _ field: Field) throws(CronError) -> Int {
        if let named = field.names[text.lowercased()] { return named }
        guard let number = Int(text) else {
            throw CronError("failed to parse int from \(text): strconv.Atoi: parsing \"\(text)\": invalid syntax")
        }
        return number
    }

    /// The first scheduled time strictly after `seconds` (Unix seconds), or nil if none comes
    /// within five years (a schedule such as 30 February).
    public func next(after seconds: Int64) -> Int64? {
        var time = (seconds >= 0 ? seconds / 60 + 1 : seconds / 60) * 60
        let limit = seconds + 5 * 366 * 86_400
        while time <= limit {
            let days = time >= 0 ? time / 86_400 : (time - 86_399) / 86_400
            let (year, month, day) = Timestamp.civil(fromDays: days)
            if !months.contains(Int(month)) {
                let nextMonth = month == 12 ? (year + 1, Int64(1)) : (year, month + 1)
                time = Timestamp.days(year: nextMonth.0, month: nextMonth.1, day: 1) * 86_400
                continue
            }
            let weekday = Int(((days + 4) % 7 + 7) % 7)
            let dayOfMonthMatches = daysOfMonth.contains(Int(day))
            let dayOfWeekMatches = daysOfWeek.contains(weekday)
            if anyDayField ? !(dayOfMonthMatches && dayOfWeekMatches) : !(dayOfMonthMatches || dayOfWeekMatches) {
                time = (days + 1) * 86_400
                continue
            }
            let secondOfDay = time - days * 86_400
            let hour = Int(secondOfDay / 3600)
            if !hours.contains(hour) {
                time = days * 86_400 + Int64(hour + 1) * 3600
                continue
            }
            if !minutes.contains(Int(secondOfDay / 60 % 60)) {
                time += 60
                continue
            }
            return time
        }
        return nil
    }
}

public struct CronError: Error, Equatable, Sendable {
    public let message: String
    init(_ message: String) { self.message = message }
}
