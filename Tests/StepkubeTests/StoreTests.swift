import Testing
import Store
import SimCore

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

@Suite("Simulation engine")
struct SimulationTests {
    @Test func theTraceKeepsTheNewestRecordsInOrder() {
        let simulation = Simulation(traceCapacity: 3)
        for index in 1...5 {
            simulation.schedule(after: Int64(index), component: "test", kind: .timer, label: "tick \(index)") {
                StepOutcome(object: "tick/\(index)", summary: "tick \(index)")
            }
        }
        while simulation.step() != nil {}
        #expect(simulation.trace.count == 5)
        #expect(simulation.trace.records.map(\.summary) == ["tick 3", "tick 4", "tick 5"])
        #expect(simulation.trace.record(number: 2) == nil)
        #expect(simulation.trace.record(number: 4)?.summary == "tick 4")
        #expect(simulation.trace.last?.summary == "tick 5")
    }

    /// Explanations hold the objects a step saw; past the newest few only summaries stay, so
    /// an idle cluster left running for days does not grow without end.
    @Test func onlyTheNewestRecordsKeepTheirExplanations() {
        let simulation = Simulation(traceCapacity: 5, explainedTraceCapacity: 2)
        for index in 1...4 {
            simulation.schedule(after: Int64(index), component: "test", kind: .timer, label: "tick \(index)") {
                StepOutcome(object: "tick/\(index)", summary: "tick \(index)", explanation: "why \(index)")
            }
        }
        while simulation.step() != nil {}
        #expect(simulation.trace.records.map(\.summary) == ["tick 1", "tick 2", "tick 3", "tick 4"])
        #expect(simulation.trace.records.map(\.explanation).suffix(2) == ["why 3", "why 4"])
        #expect(simulation.trace.record(number: 2)?.explanation == "(no longer kept: only the newest 2 steps keep their explanations)")
    }

    @Test func sameTimeWorkRunsAfterTheEventsOfThatInstant() {
        let simulation = Simulation()
        var order: [String] = []
        simulation.schedule(component: "queue", kind: .reconcile, label: "work", afterEvents: true) {
            order.append("work"); return StepOutcome(object: "", summary: "")
        }
        simulation.schedule(component: "api", kind: .apiRequest, label: "event") {
            order.append("event"); return StepOutcome(object: "", summary: "")
        }
        simulation.schedule(after: 5, component: "timer", kind: .timer, label: "later") {
            order.append("later"); return StepOutcome(object: "", summary: "")
        }
        while simulation.step() != nil {}
        #expect(order == ["event", "work", "later"])
    }
}
