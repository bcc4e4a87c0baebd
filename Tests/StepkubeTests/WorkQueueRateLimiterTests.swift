import Testing
import ClientKit

@Suite("Work queue rate limiting")
struct WorkQueueRateLimiterTests {
    @Test func perItemDelaysDoubleFromFiveMillisecondsAndForgetResetsThem() {
        let limiter = ItemExponentialFailureRateLimiter(base: 5, max: 1_000_000)
        #expect((0..<6).map { _ in limiter.when("default/web", now: 0) } == [5, 10, 20, 40, 80, 160])
        #expect(limiter.numRequeues("default/web") == 6)
        #expect(limiter.when("default/db", now: 0) == 5, "each item counts its own failures")
        limiter.forget("default/web")
        #expect(limiter.numRequeues("default/web") == 0)
        #expect(limiter.when("default/web", now: 0) == 5)
    }

    @Test func perItemDelaysStopAtTheCapWithoutOverflowing() {
        let limiter = ItemExponentialFailureRateLimiter(base: 5, max: 1_000_000)
        let delays = (0..<100).map { _ in limiter.when("default/web", now: 0) }
        #expect(delays[17] == 655_360 && delays[18] == 1_000_000)
        #expect(delays.allSatisfy { $0 <= 1_000_000 } && delays.last == 1_000_000)
    }

    @Test func theBucketLetsABurstThroughThenTenASecond() {
        let bucket = BucketRateLimiter(qps: 10, burst: 100)
        let burst = (0..<100).map { bucket.when("key\($0)", now: 0) }
        #expect(burst.allSatisfy { $0 == 0 })
        #expect(bucket.when("more", now: 0) == 100)
        #expect(bucket.when("more", now: 0) == 200, "the second waits for the token after the first")
        #expect(bucket.when("later", now: 10_000) == 0, "ten seconds refill the bucket")
    }

    @Test func theDefaultLimiterTakesTheLongerOfTheTwoWaits() {
        let limiter = defaultControllerRateLimiter()
        #expect(limiter.when("a", now: 0) == 5)
        for index in 0..<99 { _ = limiter.when("other\(index)", now: 0) }
        #expect(limiter.when("a", now: 0) == 100, "the bucket is empty: 100ms beats the item's 10ms")
        #expect(limiter.numRequeues("a") == 2)
        limiter.forget("a")
        #expect(limiter.numRequeues("a") == 0)
    }

    @Test func aRateLimitedKeyComesBackLaterEachTimeUntilForgotten() {
        let simulation = Simulation()
        var syncs: [SimTime] = []
        var queue: WorkQueue!
        queue = WorkQueue(simulation: simulation, component: "test-controller") { key in
            syncs.append(simulation.now)
            if syncs.count < 4 { queue.addRateLimited(key, reason: "sync failed") } else { queue.forget(key) }
            return StepOutcome(object: key, summary: "sync")
        }
        queue.add("default/web")
        simulation.runUntilSettled()
        #expect(syncs == [0, 5, 15, 35], "retries wait 5, 10 and 20ms: never at the same instant")
        #expect(queue.numRequeues("default/web") == 0)
        let requeues = simulation.trace.records.filter { $0.kind == .timer }.map(\.summary)
        #expect(requeues.first == "sync failed; retry 1 after 5ms back-off: queued default/web")
    }

    @Test func aLongBackOffIsBackgroundWork() {
        let simulation = Simulation()
        var queue: WorkQueue!
        queue = WorkQueue(simulation: simulation, component: "test-controller",
                          rateLimiter: ItemExponentialFailureRateLimiter(base: 40_000, max: 1_000_000)) { key in
            queue.addRateLimited(key, reason: "sync failed")
            return StepOutcome(object: key, summary: "sync")
        }
        queue.add("default/web")
        simulation.runUntilSettled()
        #expect(simulation.now == 40_000, "the 40s retry ran; the 80s one after it does not hold runUntilSettled")
        #expect(simulation.pending.contains { $0.background && $0.time == 120_000 })
    }

    @Test func anEarlierDelayedAddReplacesALaterOne() {
        let simulation = Simulation()
        var syncs: [SimTime] = []
        let queue = WorkQueue(simulation: simulation, component: "test-controller") { key in
            syncs.append(simulation.now)
            return StepOutcome(object: key, summary: "sync")
        }
        queue.add("default/web", after: 300_000, reason: "expectations expire", background: false)
        queue.add("default/web", after: 5, reason: "retry", background: false)
        queue.add("default/web", after: 1_000, reason: "later retry", background: false)
        simulation.runUntilSettled()
        #expect(syncs == [5])
    }
}
