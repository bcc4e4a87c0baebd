import Foundation

/// What a simulated container does once started: serve forever, or run a short shell program.
enum Program: Equatable {
    /// A long-running server (nginx, redis ...).
    case server(String)
    /// A shell image (busybox, alpine): what it does depends on its command and args.
    case shell

    /// The outcome of running a container: its log lines, and when and how it exits (nil = runs on).
    struct Run {
        var output: [String]
        var exit: (afterMilliseconds: Int64, code: Int32)?
    }

    /// Interprets the container's command line the way a tiny shell would.
    func run(command: [String], environment: [String: String], clock: () -> String) -> Run {
        switch self {
        case .server(let name):
            if name == "mysql", environment["MYSQL_ROOT_PASSWORD"] == nil, environment["MYSQL_ALLOW_EMPTY_PASSWORD"] == nil,
               environment["MYSQL_RANDOM_ROOT_PASSWORD"] == nil {
                return Run(output: ["\(clock()) [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified",
                                    "    You need to specify one of the following as an environment variable:",
                                    "    - MYSQL_ROOT_PASSWORD", "    - MYSQL_ALLOW_EMPTY_PASSWORD", "    - MYSQL_RANDOM_ROOT_PASSWORD"],
                           exit: (800, 1))
            }
            // A command that starts a shell or a shell builtin is interpreted; anything else is
            // taken to be the server's own binary (`nginx -g 'daemon off;'`, `etcd --name=...`).
            if let first = command.first, Program.shellWords.contains((first as NSString).lastPathComponent),
               let script = Program.shellScript(command) {
                return Program.interpret(script, clock: clock)
            }
            return Run(output: Program.banner(name, clock: clock), exit: nil)
        case .shell:
            guard let script = Program.shellScript(command) else { return Run(output: [], exit: (50, 0)) }
            return Program.interpret(script, clock: clock)
        }
    }

    static let shellWords: Set<String> = ["sh", "bash", "ash", "echo", "sleep", "date", "true", "false", "exit", "cat", "ls", "env"]

    /// `sh -c "a; b"` → `a; b`; `sleep 3600` → `sleep 3600`.
    static func shellScript(_ command: [String]) -> String? {
        guard !command.isEmpty else { return nil }
        if let flag = command.firstIndex(of: "-c"), ["sh", "/bin/sh", "bash", "/bin/bash"].contains(command.first ?? ""),
           flag + 1 < command.count {
            return command[(flag + 1)...].joined(separator: " ")
        }
        return command.joined(separator: " ")
    }

    static func interpret(_ script: String, clock: () -> String) -> Run {
        var output: [String] = []
        var elapsed: Int64 = 50
        for rawStatement in script.split(whereSeparator: { $0 == ";" || $0 == "\n" }) {
            let statement = rawStatement.split(separator: "&").first.map(String.init) ?? String(rawStatement)
            let words = statement.split(separator: " ").map(String.init)
            guard let verb = words.first else { continue }
            let rest = words.dropFirst().joined(separator: " ")
            switch verb {
            case "echo": output.append(unquote(rest))
            case "date": output.append(clock())
            case "sleep":
                // A year or more (or `infinity`) is as good as forever for a simulated cluster.
                let seconds = Double(rest.hasSuffix("s") ? String(rest.dropLast()) : rest) ?? 0
                guard seconds.isFinite, seconds < 365 * 86_400 else { return Run(output: output, exit: nil) }
                elapsed += Int64(max(seconds, 0) * 1000)
            case "true", ":": break
            case "false": return Run(output: output, exit: (elapsed, 1))
            case "exit": return Run(output: output, exit: (elapsed, Int32(rest) ?? 0))
            case "while", "tail":
                return Run(output: output, exit: nil)
            case "ls", "cat", "env", "hostname", "nslookup", "wget", "curl", "printenv":
                break
            default:
                output.append("sh: \(verb): not found")
                return Run(output: output, exit: (elapsed, 127))
            }
        }
        return Run(output: output, exit: (elapsed, 0))
    }

    private static func unquote(_ text: String) -> String {
        var result = text
        for quote in ["\"", "'"] where result.hasPrefix(quote) && result.hasSuffix(quote) && result.count >= 2 {
            result = String(result.dropFirst().dropLast())
        }
        return result
    }

    private static func banner(_ name: String, clock: () -> String) -> [String] {
        switch name {
        case "nginx":
            return ["/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration",
                    "/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/",
                    "/docker-entrypoint.sh: Configuration complete; ready for start up",
                    "\(clock()) [notice] 1#1: using the \"epoll\" event method",
                    "\(clock()) [notice] 1#1: start worker processes"]
        case "redis": return ["1:M \(clock()) * Ready to accept connections tcp"]
        case "httpd": return ["AH00558: httpd: Could not reliably determine the server's fully qualified domain name", "[mpm_event:notice] AH00489: Apache/2.4 configured -- resuming normal operations"]
        case "mysql": return ["\(clock()) [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '8.0'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL."]
        case "fluentd": return ["\(clock()) [info]: fluentd worker is now running worker=0"]
        default: return []
        }
    }
}
