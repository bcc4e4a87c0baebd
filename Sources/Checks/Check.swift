import Cluster
import Foundation
import Kubectl
import Yams

/// A declarative check on the cluster's state: what a lesson section or an exercise task
/// asks for. Checks look at outcomes (objects, fields, conditions, traffic, events), never at
/// the commands a student typed, so any correct way to get there passes.
public struct Check: Sendable, Equatable, Decodable {
    public enum Expectation: Sendable, Equatable {
        case equals(String)
        case matches(String)
    }

    public enum Condition: Sendable, Equatable {
        /// The object exists (`pod/nginx`, `deploy/web`, `node/node01`).
        case exists(ObjectName)
        /// The object does not exist.
        case absent(ObjectName)
        /// A JSONPath into the object, as `kubectl get -o jsonpath=` prints it, equals or matches.
        case field(ObjectName, path: String, Expectation)
        /// `.status.conditions[type=TYPE].status`.
        case condition(ObjectName, type: String, status: String)
        /// How many objects of a type match a label selector and field selector.
        case count(type: String, namespace: String, selector: String, fieldSelector: String, Count)
        /// A request sent from a node (`node01`) or a Pod (`pod/NAME`) is answered with a
        /// 2xx status, or (with `succeeds: false`) is not.
        case request(url: String, from: String, namespace: String, succeeds: Bool)
        /// An Event with this reason exists, about one object or any.
        case event(reason: String, about: ObjectName?, namespace: String)
    }

    /// A number of objects: exactly, at least or at most.
    public enum Count: Sendable, Equatable {
        case exactly(Int), atLeast(Int), atMost(Int)

        func admits(_ value: Int) -> Bool {
            switch self {
            case .exactly(let expected): value == expected
            case .atLeast(let minimum): value >= minimum
            case .atMost(let maximum): value <= maximum
            }
        }

        var text: String {
            switch self {
            case .exactly(let expected): "\(expected)"
            case .atLeast(let minimum): "at least \(minimum)"
            case .atMost(let maximum): "at most \(maximum)"
            }
        }
    }

    public var condition: Condition
    /// Points the check is worth in an exercise's score.
    public var weight: Int
    /// What to tell the student when the check fails.
    public var message: String?

    public init(_ condition: Condition, weight: Int = 1, message: String? = nil) {
        self.condition = condition
        self.weight = weight
        self.message = message
    }
}

/// `TYPE/NAME` in a namespace, as typed on kubectl's command line.
public struct ObjectName: Sendable, Equatable, CustomStringConvertible {
    public var type: String
    public var name: String
    public var namespace: String

    /// Reads `TYPE/NAME`; the type may be any name kubectl accepts (`po`, `deploy`, `svc`).
    public init(_ text: String, namespace: String) throws(CheckError) {
        let parts = text.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[1].isEmpty, Catalog.type(named: parts[0]) != nil else {
            throw CheckError("expected TYPE/NAME with a type kubectl knows, such as pod/nginx or deploy/web, not \"\(text)\"")
        }
        type = parts[0]
        name = parts[1]
        self.namespace = namespace
    }

    public var description: String { "\(type)/\(name)" }
}

/// A check file or block that cannot be read, with the reason.
public struct CheckError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }

    /// The CheckError a YAML decoder wrapped while reading a document, prefixed with where it
    /// was raised (`tasks[1].checks[0]: ...`); nil for any other error.
    public static func unwrapping(_ error: any Error) -> CheckError? {
        if let error = error as? CheckError { return error }
        guard let decoding = error as? DecodingError else { return nil }
        let context: DecodingError.Context
        switch decoding {
        case .dataCorrupted(let found), .keyNotFound(_, let found), .typeMismatch(_, let found), .valueNotFound(_, let found): context = found
        @unknown default: return nil
        }
        guard let inner = context.underlyingError.flatMap(unwrapping) else { return nil }
        let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().drop { $0 == "." }
        return path.isEmpty ? inner : CheckError("\(path): \(inner.description)")
    }
}

extension Check {
    /// One check as written in YAML: exactly one of the kind keys, plus its parameters.
    struct Document: Decodable {
        var exists: String?
        var absent: String?
        var field: String?
        var condition: String?
        var count: String?
        var request: String?
        var event: String?

        var namespace: String?
        var path: String?
        var equals: String?
        var matches: String?
        var type: String?
        var status: String?
        var selector: String?
        var fieldSelector: String?
        var atLeast: Int?
        var atMost: Int?
        var from: String?
        var succeeds: Bool?
        var object: String?
        var weight: Int?
        var message: String?
    }

    /// Reads a YAML list of checks (a lesson's ```check block).
    public static func list(yaml: String) throws(CheckError) -> [Check] {
        do {
            return try YAMLDecoder().decode([Check].self, from: yaml)
        } catch {
            throw CheckError.unwrapping(error) ?? CheckError("checks are not a YAML list of checks: \(error)")
        }
    }

    /// Reads one check from YAML (in an exercise's `checks:` too); a check that makes no sense
    /// throws a `CheckError` saying why.
    public init(from decoder: Decoder) throws {
        try self.init(Document(from: decoder))
    }

    init(_ document: Document) throws(CheckError) {
        let namespace = document.namespace ?? "default"
        let kinds: [(String, String?)] = [
            ("exists", document.exists), ("absent", document.absent), ("field", document.field), ("condition", document.condition),
            ("count", document.count), ("request", document.request), ("event", document.event),
        ]
        let given = kinds.filter { $0.1 != nil }
        guard given.count == 1, let (kind, subject) = given.first, let subject else {
            throw CheckError("each check needs exactly one of \(kinds.map(\.0).joined(separator: ", ")); this one has \(given.isEmpty ? "none" : given.map(\.0).joined(separator: ", "))")
        }
        let condition: Condition
        switch kind {
        case "exists": condition = .exists(try ObjectName(subject, namespace: namespace))
        case "absent": condition = .absent(try ObjectName(subject, namespace: namespace))
        case "field":
            guard let path = document.path else { throw CheckError("field \(subject): needs a path, such as '{.spec.replicas}'") }
            do { _ = try JSONPathTemplate(path) } catch { throw CheckError("field \(subject): \(path) is not a JSONPath template") }
            condition = .field(try ObjectName(subject, namespace: namespace), path: path, try Check.expectation(document, subject: subject))
        case "condition":
            guard let type = document.type else { throw CheckError("condition \(subject): needs a type, such as Available or Ready") }
            condition = .condition(try ObjectName(subject, namespace: namespace), type: type, status: document.status ?? "True")
        case "count":
            guard let type = Catalog.type(named: subject)?.type else { throw CheckError("count: \"\(subject)\" is not a resource type kubectl knows") }
            do { _ = try LabelSelectorParser.parse(document.selector ?? "") } catch { throw CheckError("count \(subject): \"\(document.selector ?? "")\" is not a label selector") }
            let fieldSelector = document.fieldSelector ?? ""
            guard FieldSelector(fieldSelector) != nil else {
                throw CheckError("count \(subject): \"\(fieldSelector)\" is not a field selector such as status.phase=Running")
            }
            do { _ = try FieldSelector.parse(fieldSelector, for: type) } catch { throw CheckError("count \(subject): \(error.message)") }
            let count: Count
            if let exactly = document.equals {
                guard let number = Int(exactly) else { throw CheckError("count \(subject): equals must be a number") }
                count = .exactly(number)
            } else if let minimum = document.atLeast {
                count = .atLeast(minimum)
            } else if let maximum = document.atMost {
                count = .atMost(maximum)
            } else {
                throw CheckError("count \(subject): needs equals, atLeast or atMost")
            }
            condition = .count(type: subject, namespace: namespace, selector: document.selector ?? "", fieldSelector: fieldSelector, count)
        case "request":
            guard Network.parseURL(subject) != nil else { throw CheckError("request: \"\(subject)\" is not an http:// URL") }
            let from = document.from ?? "controlplane"
            if from.contains("/") { _ = try ObjectName(from, namespace: namespace) }
            condition = .request(url: subject, from: from, namespace: namespace, succeeds: document.succeeds ?? true)
        default:
            condition = .event(reason: subject, about: try document.object.map { (text) throws(CheckError) in try ObjectName(text, namespace: namespace) }, namespace: namespace)
        }
        guard (document.weight ?? 1) >= 0 else { throw CheckError("\(kind) \(subject): weight must not be negative") }
        self.init(condition, weight: document.weight ?? 1, message: document.message)
    }

    private static func expectation(_ document: Document, subject: String) throws(CheckError) -> Expectation {
        if let equals = document.equals { return .equals(equals) }
        if let pattern = document.matches {
            guard (try? NSRegularExpression(pattern: pattern)) != nil else { throw CheckError("field \(subject): \(pattern) is not a regular expression") }
            return .matches(pattern)
        }
        throw CheckError("field \(subject): needs equals or matches")
    }
}
