import Testing
import Store

@Suite("etcd-like store")
struct StoreTests {
    @Test func everyWriteMovesTheRevisionAndKeysKeepTheirHistory() throws {
        let store = MVCCStore<String>()
        let first = try store.put("/registry/pods/default/a", "v1")
        let second = try store.put("/registry/pods/default/a", "v2")
        #expect(second.modRevision == first.modRevision + 1)
        #expect(second.createRevision == first.createRevision)
        #expect(second.version == 2)
        #expect(store.get("/registry/pods/default/a")?.value == "v2")
    }

    @Test func compareAndSwapRejectsAStaleRevision() throws {
        let store = MVCCStore<String>()
        let entry = try store.put("/k/a", "one", expectedModRevision: 0)
        #expect(throws: MVCCStore<String>.Failure.keyExists("/k/a")) { try store.put("/k/a", "again", expectedModRevision: 0) }
        _ = try store.put("/k/a", "two", expectedModRevision: entry.modRevision)
        #expect(throws: MVCCStore<String>.Failure.self) { try store.put("/k/a", "three", expectedModRevision: entry.modRevision) }
        #expect(store.get("/k/a")?.value == "two")
    }

    @Test func rangeByPrefixIsSortedAndStaysInsideThePrefix() throws {
        let store = MVCCStore<Int>()
        for (index, key) in ["/registry/pods/b/x", "/registry/pods/a/y", "/registry/podsecurity/z", "/registry/pods/a/a"].enumerated() {
            try store.put(key, index)
        }
        #expect(store.range(prefix: "/registry/pods/").map(\.key) == ["/registry/pods/a/a", "/registry/pods/a/y", "/registry/pods/b/x"])
        #expect(store.range(prefix: "/registry/pods/a/").count == 2)
    }

    @Test func watchesReplayHistoryThenFollowNewWrites() throws {
        let store = MVCCStore<String>()
        let start = store.revision
        try store.put("/w/a", "1")
        try store.put("/other/b", "2")
        var seen: [String] = []
        try store.watch(prefix: "/w/", fromRevision: start) { seen.append("\($0.type.rawValue) \($0.entry.key)") }
        try store.delete("/w/a")
        #expect(seen == ["PUT /w/a", "DELETE /w/a"])
    }
}
