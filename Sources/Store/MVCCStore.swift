/// An etcd-like multi-version key-value store: one global revision that every write moves on,
/// per-key create and modify revisions and a version count, range reads by prefix,
/// compare-and-swap writes and watches that can start from a past revision.
public final class MVCCStore<Value> {
    public struct Entry {
        public let key: String
        public let value: Value
        public let createRevision: Int64
        public let modRevision: Int64
        /// How many times the key has been written since it was created.
        public let version: Int64
    }

    public enum EventType: String, Sendable { case put = "PUT", delete = "DELETE" }

    public struct Event {
        public let type: EventType
        public let entry: Entry
        /// The value before this write, if the key existed.
        public let previous: Entry?
        public var revision: Int64 { entry.modRevision }
    }

    public enum Failure: Error, Equatable {
        /// The key's modify revision is not the one the write expected.
        case revisionMismatch(key: String, expected: Int64, actual: Int64?)
        case keyExists(String)
        case keyNotFound(String)
        /// The requested start revision is older than the history kept.
        case compacted(requested: Int64, oldest: Int64)
    }

    public typealias WatchID = Int

    public private(set) var revision: Int64 = 1
    /// Keys grouped by the "directory" before their last path segment, so a prefix read touches
    /// only the directories under the prefix, never the whole keyspace.
    private var directories: [String: [String: Entry]] = [:]
    private var history: [Event] = []
    private var historyStart = 0
    private let historyLimit: Int
    private var watchers: [WatchID: (prefix: String, handler: (Event) -> Void)] = [:]
    private var nextWatchID = 1

    public init(historyLimit: Int = 10_000) { self.historyLimit = historyLimit }

    public var count: Int { directories.values.reduce(0) { $0 + $1.count } }

    public func get(_ key: String) -> Entry? {
        let (directory, leaf) = MVCCStore.split(key)
        return directories[directory]?[leaf]
    }

    /// Every entry whose key starts with `prefix`, sorted by key as etcd returns them.
    public func range(prefix: String) -> [Entry] {
        var result: [Entry] = []
        let (prefixDirectory, _) = MVCCStore.split(prefix)
        if prefix.hasSuffix("/"), let exact = directories[String(prefix.dropLast())] {
            result = Array(exact.values)
            for (directory, entries) in directories where directory.hasPrefix(prefix) {
                result += entries.values
            }
        } else {
            for (directory, entries) in directories where directory.hasPrefix(prefixDirectory) {
                result += entries.values.filter { $0.key.hasPrefix(prefix) }
            }
        }
        return result.sorted { $0.key < $1.key }
    }

    /// Writes `value` at `key`. With `expectedModRevision` the write happens only if the key's
    /// current modify revision matches (0 means "must not exist"): etcd's compare-and-swap txn.
    @discardableResult
    public func put(_ key: String, _ value: Value, expectedModRevision: Int64? = nil) throws(Failure) -> Entry {
        let previous = get(key)
        if let expected = expectedModRevision {
            if expected == 0, previous != nil { throw .keyExists(key) }
            if expected != 0, previous?.modRevision != expected {
                throw .revisionMismatch(key: key, expected: expected, actual: previous?.modRevision)
            }
        }
        revision += 1
        let entry = Entry(key: key, value: value, createRevision: previous?.createRevision ?? revision,
                          modRevision: revision, version: (previous?.version ?? 0) + 1)
        let (directory, leaf) = MVCCStore.split(key)
        directories[directory, default: [:]][leaf] = entry
        record(Event(type: .put, entry: entry, previous: previous))
        return entry
    }

    /// Deletes `key`, optionally only if its modify revision matches.
    @discardableResult
    public func delete(_ key: String, expectedModRevision: Int64? = nil) throws(Failure) -> Entry {
        guard let previous = get(key) else { throw .keyNotFound(key) }
        if let expected = expectedModRevision, previous.modRevision != expected {
            throw .revisionMismatch(key: key, expected: expected, actual: previous.modRevision)
        }
        revision += 1
        let (directory, leaf) = MVCCStore.split(key)
        directories[directory]?[leaf] = nil
        if directories[directory]?.isEmpty == true { directories[directory] = nil }
        let tombstone = Entry(key: key, value: previous.value, createRevision: previous.createRevision,
                              modRevision: revision, version: 0)
        record(Event(type: .delete, entry: tombstone, previous: previous))
        return tombstone
    }

    /// Calls `handler` for every later write under `prefix`; with `fromRevision`, first replays
    /// the kept history after that revision.
    @discardableResult
    public func watch(prefix: String, fromRevision: Int64? = nil, handler: @escaping (Event) -> Void) throws(Failure) -> WatchID {
        if let fromRevision {
            let oldest = history.count > historyStart ? history[historyStart].revision : revision + 1
            if history.count > historyStart, fromRevision + 1 < oldest { throw .compacted(requested: fromRevision, oldest: oldest) }
            for event in history[historyStart...] where event.revision > fromRevision && event.entry.key.hasPrefix(prefix) {
                handler(event)
            }
        }
        let id = nextWatchID
        nextWatchID += 1
        watchers[id] = (prefix, handler)
        return id
    }

    private func record(_ event: Event) {
        history.append(event)
        if history.count - historyStart > historyLimit {
            historyStart += historyLimit / 2
            if historyStart > history.count / 2 {
                history.removeFirst(historyStart)
                historyStart = 0
            }
        }
        for id in watchers.keys.sorted() {
            guard let watcher = watchers[id], event.entry.key.hasPrefix(watcher.prefix) else { continue }
            watcher.handler(event)
        }
    }

    private static func split(_ key: String) -> (String, String) {
        guard let slash = key.lastIndex(of: "/") else { return ("", key) }
        return (String(key[..<slash]), String(key[key.index(after: slash)...]))
    }
}
