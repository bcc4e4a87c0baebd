import Cluster
import Foundation
import KubeYAML

/// kubectl inside the REPL: the same verbs, flags, tables and messages as kubectl v1.32.
/// Reads are answered at once; every write is an API request queued as a step.
public final class Kubectl {
    public let cluster: Cluster
    public let console: Console
    /// kubectl's connection, as kubernetes-admin: every read and write it makes goes through it.
    public let client: Client
    /// Where relative `-f` paths are read from.
    public var workingDirectory: String
    /// The command as typed, for `--record`'s change-cause annotation.
    var commandLine = ""
    /// The annotation `--record` writes and `rollout history` shows as CHANGE-CAUSE.
    static let changeCause = "kubernetes.io/change-cause"
    /// Whether commands that watch (`rollout status`) may let virtual time pass while they wait.
    public var mayWait = true
    /// Called while `get -w` or `events -w` runs, whenever output waits in the console: with nil
    /// for what the command printed before letting the cluster run, then with each step after
    /// which there is more. The REPL passes it on at once (in step mode after the step's trace
    /// line); without it, the output waits in the console until the command is done.
    public var onOutput: ((_ step: TraceRecord?) -> Void)?
    /// The command's `--request-timeout`, which ends a watch after that much virtual time.
    var requestTimeout: SimTime?
    /// The field manager the command's writes own their fields as (`--field-manager`, or the
    /// command's default such as `kubectl-edit`); nil lets the server name it `kubectl`.
    var fieldManager: String?
    /// The user's editor for `kubectl edit`; nil when there is none to run.
    public var editor: (any Editor)?
    /// Where `kubectl edit` writes its files (`/tmp/kubectl-edit-1234567890.yaml`).
    public var scratchDirectory = NSTemporaryDirectory()
    /// Numbers the scratch files as kubectl's random names do, the same in every run.
    private let scratchNames = SeededRandom(seed: 0x6B75_6265_6374_6C)

    static let commands: [any KubectlCommand.Type] = [
        ApplyCommand.self, CreateCommand.self, GetCommand.self, DescribeCommand.self, DeleteCommand.self,
        RunCommand.self, ScaleCommand.self, LogsCommand.self, SetCommand.self, RolloutCommand.self, EditCommand.self,
        ReplaceCommand.self, ExecCommand.self, ExposeCommand.self, LabelCommand.self, AnnotateCommand.self,
        PatchCommand.self, WaitCommand.self, EventsCommand.self, VersionCommand.self, ClusterInfoCommand.self,
        CompletionCommand.self, DiffCommand.self,
    ]

    public static var verbs: [String] { commands.map { $0.name } }

    /// The long flags a verb takes (`--image`, `--replicas` ...), for Tab completion.
    public static func flags(of verb: String) -> [String] {
        let command = commands.first { $0.name == verb || $0.aliases.contains(verb) }
        return ((command?.flags ?? []) + globalFlags).map { "--" + $0.long }
    }

    public init(cluster: Cluster, console: Console, workingDirectory: String = FileManager.default.currentDirectoryPath) {
        self.cluster = cluster
        self.console = console
        self.workingDirectory = workingDirectory
        client = Client(component: "kubectl", user: .kubernetesAdmin, server: cluster.server, simulation: cluster.simulation)
    }

    /// Runs `kubectl WORDS...` (without the leading `kubectl`). `stdin` feeds `-f -`.
    public func run(_ typed: [String], stdin: String? = nil) {
        var words = typed
        if typed.first?.hasPrefix("-") == true, !["-h", "--help"].contains(typed.first) {
            switch Kubectl.reorderLeadingGlobalFlags(typed) {
            case .reordered(let reordered): words = reordered
            case .noVerb: return printHelp("")
            case .failure(let message): return console.err(message)
            }
        }
        guard let verb = words.first, verb != "-h", verb != "--help" else { return printHelp("") }
        let rest = Array(words.dropFirst())
        if verb == "help" { return printHelp(topic: rest) }
        guard let command = Kubectl.commands.first(where: { $0.name == verb || $0.aliases.contains(verb) }) else {
            return reportMissingCommand(verb)
        }
        commandLine = (["kubectl"] + words).joined(separator: " ")
        let path = Kubectl.commandPath(verb: command.name, words: rest)
        do {
            let subcommand = path.split(separator: " ").dropFirst().map(String.init)
            let arguments = try Arguments(rest, flags: command.flags(subcommand: subcommand) + Kubectl.globalFlags)
            if arguments.bool("help") { return printHelp(path) }
            requestTimeout = try Kubectl.parseRequestTimeout(arguments)
            fieldManager = arguments.value("field-manager") ?? command.fieldManager
            try command.init().run(arguments, kubectl: self, stdin: stdin)
        } catch {
            if let status = command.errorStatus {
                // kubectl diff reports flag errors as usage errors, with its own status.
                if case .flag(let message) = error { report(.usage(message), verb: path) } else { report(error, verb: path) }
                console.exit(status)
            } else {
                report(error, verb: path)
            }
        }
    }

    static let globalFlags: [Arguments.Flag] = [
        .init("namespace", short: "n"), .init("help", short: "h", value: false), .init("v", short: "v"),
        .init("context"), .init("kubeconfig"), .init("request-timeout"),
    ]

    func report(_ error: KubectlError, verb: String) {
        switch error {
        case .flag(let message): console.err("Error: \(message)\nSee 'kubectl \(verb) --help' for usage.")
        case .usage(let message): console.err("error: \(message)\nSee 'kubectl \(verb) -h' for help and examples")
        case .message(let message): console.err("error: \(message)")
        case .raw(let message): console.err(message)
        case .commandFailed(let message): console.err(klogError("\"command failed\" err=\(GoQuote.quote(message))"))
        }
    }

    // MARK: Shared helpers

    /// A fresh file name in the scratch directory: `kubectl-edit-1234567890.yaml`.
    /// The file is created here, exclusively, so that two sessions in one process (tests run in
    /// parallel) never share one: a name already taken is passed over for the next.
    func scratchFile(prefix: String, suffix: String) -> String {
        while true {
            let path = scratchName(prefix: prefix) + "." + suffix
            let descriptor = open(path, O_CREAT | O_EXCL | O_WRONLY, 0o600)
            if descriptor >= 0 {
                close(descriptor)
                return path
            }
            // A directory that cannot be written to: the edit reports the failed write itself.
            if errno != EEXIST { return path }
        }
    }

    /// A fresh path in the scratch directory, named as Go names temporary files and directories
    /// (`/tmp/LIVE-1234567890`); nothing is created.
    func scratchName(prefix: String) -> String {
        (scratchDirectory as NSString).appendingPathComponent("\(prefix)\(scratchNames.next() % 4_294_967_296)")
    }

    func namespace(_ arguments: Arguments) -> String { arguments.value("namespace") ?? "default" }

    /// Resolves a resource name typed on the command line (`po`, `rs`, `nodes` ...).
    func resolveType(_ name: String) throws(KubectlError) -> ResourceType {
        if let type = Catalog.type(named: name) { return type.type }
        throw .raw("error: the server doesn't have a resource type \"\(name)\"")
    }

    /// Sends a write as a step; `done` prints the outcome when the API server has answered.
    func send(_ request: APIRequest, done: @escaping (Result<any APIObject, APIError>) -> Void) {
        var request = request
        if request.fieldManager == nil { request.fieldManager = fieldManager }
        client.send(request, why: "typed by the user: kubectl") { result in done(result) }
    }

    /// `Error from server (NotFound): pods "x" not found`, optionally with kubectl's context.
    static func serverError(_ error: APIError, context: String? = nil) -> String {
        if error.reason == "Invalid" { return error.message }
        return "Error from server (\(error.reason)): \(context.map { $0 + ": " } ?? "")\(error.message)"
    }

    /// Reads every manifest named by `-f` (files, directories, `-` for stdin); `-R` descends
    /// into subdirectories.
    func readManifests(_ arguments: Arguments, stdin: String?) throws(KubectlError) -> [Manifest.Document] {
        let paths = arguments.all("filename")
        guard !paths.isEmpty else { throw .message("must specify one of -f and -k") }
        var documents: [Manifest.Document] = []
        for path in paths {
            for (source, text) in try readSources(path, stdin: stdin, recursive: arguments.bool("recursive")) {
                do {
                    documents += try Manifest.parse(text, source: source)
                } catch {
                    throw .raw(error.message)
                }
            }
        }
        return documents
    }

    private func readSources(_ path: String, stdin: String?, recursive: Bool) throws(KubectlError) -> [(String, String)] {
        if path == "-" { return [("STDIN", stdin ?? "")] }
        if path.hasPrefix("http://") || path.hasPrefix("https://") {
            throw .message("unable to read URL \"\(path)\": there is no network in this simulated cluster; save the manifest to a file")
        }
        let full = path.hasPrefix("/") ? path : (workingDirectory as NSString).appendingPathComponent(path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory) else {
            throw .raw("error: the path \"\(path)\" does not exist")
        }
        if isDirectory.boolValue {
            let entries = recursive ? (FileManager.default.subpaths(atPath: full) ?? [])
                                    : ((try? FileManager.default.contentsOfDirectory(atPath: full)) ?? [])
            return entries.sorted().filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") || $0.hasSuffix(".json") }.compactMap { entry in
                let file = (full as NSString).appendingPathComponent(entry)
                return (try? String(contentsOfFile: file, encoding: .utf8)).map { ((path as NSString).appendingPathComponent(entry), $0) }
            }
        }
        guard let text = try? String(contentsOfFile: full, encoding: .utf8) else {
            throw .raw("error: the path \"\(path)\" cannot be read")
        }
        return [(path, text)]
    }

    /// Objects named on a command line: `TYPE NAME...`, `TYPE/NAME...` or `TYPE1,TYPE2`.
    /// The selector that picks the Pods of a workload or Service, for `logs TYPE/NAME`.
    static func podSelector(of object: any APIObject) -> LabelSelector? {
        if let service = object as? Service { return service.spec.selector.map { LabelSelector(matchLabels: $0) } }
        return (object as? any PodSelecting)?.podSelector
    }

    /// The kinds in the `all` category, in the order `kubectl get all` prints them.
    static let allCategory = [Pod.type, Service.type, DaemonSet.type, Deployment.type, ReplicaSet.type, StatefulSet.type, CronJob.type, Job.type]

    func targets(_ positionals: [String], verb: String) throws(KubectlError) -> [(ResourceType, String?)] {
        guard let first = positionals.first else {
            switch verb {
            case "get":
                throw .raw("You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse \"kubectl explain <resource>\" for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and examples")
            case "describe":
                throw .message("You must specify the type of resource to describe. Use \"kubectl api-resources\" for a complete list of supported resources.")
            case let verb where verb.hasPrefix("rollout"):
                throw .message("required resource not specified")
            default:
                throw .noResources
            }
        }
        if first.contains("/") {
            var result: [(ResourceType, String?)] = []
            for word in positionals {
                let parts = word.split(separator: "/", maxSplits: 1).map(String.init)
                guard parts.count == 2, !parts[1].isEmpty else {
                    throw .message("there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl \(verb) resource/<resource_name>' instead of 'kubectl \(verb) resource resource/<resource_name>'")
                }
                result.append((try resolveType(parts[0]), parts[1]))
            }
            return result
        }
        var types: [ResourceType] = []
        for name in first.split(separator: ",") {
            if name == "all" { types += Kubectl.allCategory } else { types.append(try resolveType(String(name))) }
        }
        guard let onlyType = types.first else { throw .raw("error: the server doesn't have a resource type \"\(first)\"") }
        let names = Array(positionals.dropFirst())
        if names.isEmpty { return types.map { ($0, nil) } }
        if types.count > 1 { throw .message("you may only specify a single resource type") }
        return names.map { (onlyType, $0) }
    }
}

/// One kubectl verb, as a type (in the manner of swift-argument-parser's commands).
protocol KubectlCommand: Sendable {
    static var name: String { get }
    static var aliases: [String] { get }
    /// Every flag the command or any of its subcommands takes (for Tab completion).
    static var flags: [Arguments.Flag] { get }
    /// The flags of the subcommand the words after the verb name (`["deployment"]` for
    /// `create deployment`), as cobra parses each subcommand's line with its own flag set.
    static func flags(subcommand words: [String]) -> [Arguments.Flag]
    init()
    func run(_ arguments: Arguments, kubectl: Kubectl, stdin: String?) throws(KubectlError)
    /// The exit status of a command that failed, when it is not 1 (`kubectl diff`'s 1 means
    /// "differences found", so its errors are 2).
    static var errorStatus: Int32? { get }
    /// The field manager kubectl names for the command's writes (`kubectl-create` ...); nil
    /// for commands that name none, whose writes the server puts down to `kubectl`.
    static var fieldManager: String? { get }
}

extension KubectlCommand {
    static var aliases: [String] { [] }
    static var errorStatus: Int32? { nil }
    static var fieldManager: String? { nil }
    static func flags(subcommand words: [String]) -> [Arguments.Flag] { flags }
}
