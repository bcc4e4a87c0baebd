import Foundation

/// The commands that read the clock or the environment. `date` reads the cluster's virtual clock
/// and `sleep` lets virtual time pass, so that scripts print the same on every run.
enum ClockTools {
    static func date(_ call: ToolCall) -> Int32 {
        let seconds = call.shell.host?.secondsSince1970 ?? 0
        let time = Date(timeIntervalSince1970: TimeInterval(seconds))
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        if let format = call.arguments.first(where: { $0.hasPrefix("+") }) {
            call.io.out(strftime(String(format.dropFirst()), seconds: seconds) + "\n")
            return 0
        }
        formatter.dateFormat = "EEE MMM d HH:mm:ss 'UTC' yyyy"
        call.io.out(formatter.string(from: time) + "\n")
        return 0
    }

    /// The conversions of date's `+FORMAT` that scripts use.
    private static func strftime(_ format: String, seconds: Int64) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        let time = Date(timeIntervalSince1970: TimeInterval(seconds))
        func pattern(_ text: String) -> String {
            formatter.dateFormat = text
            return formatter.string(from: time)
        }
        var result = ""
        var characters = Substring(format)
        while let character = characters.first {
            characters = characters.dropFirst()
            guard character == "%", let code = characters.first else { result.append(character); continue }
            characters = characters.dropFirst()
            switch code {
            case "Y": result += pattern("yyyy")
            case "m": result += pattern("MM")
            case "d": result += pattern("dd")
            case "H": result += pattern("HH")
            case "M": result += pattern("mm")
            case "S": result += pattern("ss")
            case "F": result += pattern("yyyy-MM-dd")
            case "T": result += pattern("HH:mm:ss")
            case "s": result += String(seconds)
            case "%": result += "%"
            default: result += "%" + String(code)
            }
        }
        return result
    }

    /// sleep N[smhd]: virtual time passes and the cluster runs meanwhile.
    static func sleep(_ call: ToolCall) -> Int32 {
        guard !call.arguments.isEmpty else { return call.fail("missing operand") }
        var total: Double = 0
        for argument in call.arguments {
            let unit: Double = ["s": 1, "m": 60, "h": 3600, "d": 86_400][String(argument.suffix(1))] ?? 1
            let number = Double(argument.last?.isLetter == true ? String(argument.dropLast()) : argument)
            guard let number, number >= 0, number.isFinite else { return call.fail("invalid time interval ‘\(argument)’") }
            total += number * unit
        }
        call.shell.host?.sleep(milliseconds: Int64(min(total, 10 * 365 * 86_400) * 1000), io: call.io)
        return call.shell.host?.isInterrupted == true ? 130 : 0
    }

    static func env(_ call: ToolCall) -> Int32 {
        for name in call.environment.keys.sorted() { call.io.out("\(name)=\(call.environment[name] ?? "")\n") }
        return 0
    }
}
