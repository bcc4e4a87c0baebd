import Foundation

/// The coreutils that touch files: cat, ls, tee, touch, mkdir, rm, cp, mv. Paths are relative to
/// the shell's working directory; messages are GNU's.
enum FileTools {
    static func cat(_ call: ToolCall) -> Int32 {
        var status: Int32 = 0
        let numbered = call.arguments.contains("-n")
        let operands = call.arguments.filter { $0 == "-" || !$0.hasPrefix("-") }
        var text = ""
        for operand in operands.isEmpty ? ["-"] : operands {
            do { text += try call.inputs([operand]).joined() } catch {
                call.io.out(render(text, numbered: numbered))
                text = ""
                call.io.err(error.message + "\n")
                status = 1
            }
        }
        call.io.out(render(text, numbered: numbered))
        return status
    }

    private static func render(_ text: String, numbered: Bool) -> String {
        guard numbered else { return text }
        let lines = text.shellLines.enumerated().map { String(repeating: " ", count: max(0, 6 - String($0.offset + 1).count)) + "\($0.offset + 1)\t\($0.element)" }
        return lines.joinedLines
    }

    /// ls [-a] [-l] [-1] [PATH...]: names sorted, one a line (a pipe's layout, the same everywhere).
    static func ls(_ call: ToolCall) -> Int32 {
        do {
            let options = try ToolOptions(call.arguments, plain: ["a", "l", "1", "h", "t", "r", "A", "F"], tool: "ls")
            var status: Int32 = 0
            let operands = options.operands.isEmpty ? ["."] : options.operands
            for (position, operand) in operands.enumerated() {
                let path = call.shell.path(operand)
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                    call.io.err("ls: cannot access '\(operand)': No such file or directory\n")
                    status = 2
                    continue
                }
                guard isDirectory.boolValue else {
                    call.io.out(line(operand, path: path, long: options.has("l")))
                    continue
                }
                if operands.count > 1 { call.io.out((position > 0 ? "\n" : "") + operand + ":\n") }
                var names = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
                if !options.has("a") && !options.has("A") { names = names.filter { !$0.hasPrefix(".") } }
                if options.has("r") { names.reverse() }
                for name in names { call.io.out(line(name, path: (path as NSString).appendingPathComponent(name), long: options.has("l"))) }
            }
            return status
        } catch {
            return call.fail(error.message.replacingOccurrences(of: "ls: ", with: ""), status: 2)
        }
    }

    private static func line(_ name: String, path: String, long: Bool) -> String {
        guard long else { return name + "\n" }
        let attributes = (try? FileManager.default.attributesOfItem(atPath: path)) ?? [:]
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        let directory = (attributes[.type] as? FileAttributeType) == .typeDirectory
        return "\(directory ? "drwxr-xr-x" : "-rw-r--r--") 1 root root \(String(repeating: " ", count: max(0, 6 - String(size).count)))\(size) \(name)\n"
    }

    static func tee(_ call: ToolCall) -> Int32 {
        let append = call.arguments.contains("-a")
        var status: Int32 = 0
        for operand in call.arguments where !operand.hasPrefix("-") {
            do {
                let sink = try FileSink(path: call.shell.path(operand), shownAs: "tee: \(operand)", append: append)
                sink.write(call.io.input)
            } catch {
                call.io.err(error.message + "\n")
                status = 1
            }
        }
        call.io.out(call.io.input)
        return status
    }

    static func touch(_ call: ToolCall) -> Int32 {
        guard !call.arguments.isEmpty else { return call.fail("missing file operand") }
        var status: Int32 = 0
        for operand in call.arguments where !operand.hasPrefix("-") {
            let path = call.shell.path(operand)
            if FileManager.default.fileExists(atPath: path) { continue }
            if !FileManager.default.createFile(atPath: path, contents: nil) {
                call.io.err("touch: cannot touch '\(operand)': No such file or directory\n")
                status = 1
            }
        }
        return status
    }

    static func mkdir(_ call: ToolCall) -> Int32 {
        let parents = call.arguments.contains("-p")
        var status: Int32 = 0
        for operand in call.arguments where !operand.hasPrefix("-") {
            do {
                try FileManager.default.createDirectory(atPath: call.shell.path(operand), withIntermediateDirectories: parents)
            } catch {
                let exists = FileManager.default.fileExists(atPath: call.shell.path(operand))
                if exists && parents { continue }
                call.io.err("mkdir: cannot create directory ‘\(operand)’: \(exists ? "File exists" : "No such file or directory")\n")
                status = 1
            }
        }
        return status
    }

    static func rm(_ call: ToolCall) -> Int32 {
        let flags = call.arguments.filter { $0.hasPrefix("-") }.joined()
        let force = flags.contains("f"), recursive = flags.contains("r") || flags.contains("R")
        let operands = call.arguments.filter { !$0.hasPrefix("-") }
        if operands.isEmpty && !force { return call.fail("missing operand") }
        var status: Int32 = 0
        for operand in operands {
            let path = call.shell.path(operand)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                if !force { call.io.err("rm: cannot remove '\(operand)': No such file or directory\n"); status = 1 }
                continue
            }
            if isDirectory.boolValue && !recursive {
                call.io.err("rm: cannot remove '\(operand)': Is a directory\n")
                status = 1
                continue
            }
            try? FileManager.default.removeItem(atPath: path)
        }
        return status
    }

    static func cp(_ call: ToolCall) -> Int32 { copyOrMove(call, move: false) }
    static func mv(_ call: ToolCall) -> Int32 { copyOrMove(call, move: true) }

    private static func copyOrMove(_ call: ToolCall, move: Bool) -> Int32 {
        let operands = call.arguments.filter { !$0.hasPrefix("-") }
        guard operands.count >= 2, let destination = operands.last else {
            return call.fail(operands.isEmpty ? "missing file operand" : "missing destination file operand after '\(operands[0])'")
        }
        var target = call.shell.path(destination)
        var isDirectory: ObjCBool = false
        let targetIsDirectory = FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory) && isDirectory.boolValue
        var status: Int32 = 0
        for source in operands.dropLast() {
            let from = call.shell.path(source)
            guard FileManager.default.fileExists(atPath: from) else {
                call.io.err("\(call.name): cannot stat '\(source)': No such file or directory\n")
                status = 1
                continue
            }
            if targetIsDirectory { target = (call.shell.path(destination) as NSString).appendingPathComponent((from as NSString).lastPathComponent) }
            try? FileManager.default.removeItem(atPath: target)
            do {
                if move { try FileManager.default.moveItem(atPath: from, toPath: target) } else { try FileManager.default.copyItem(atPath: from, toPath: target) }
            } catch {
                call.io.err("\(call.name): cannot create regular file '\(destination)': No such file or directory\n")
                status = 1
            }
        }
        return status
    }
}
