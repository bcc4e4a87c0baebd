/// client-go's workqueue rate limiters, in virtual time: how long a key that failed waits
/// before it is processed again (`AddRateLimited`), and how many times it has failed.
public protocol RateLimiter: AnyObject {
    /// The wait before `item`'s next retry, counting this retry as one more failure.
    func when(_ item: String, now: SimTime) -> SimTime
    /// The item succeeded (or was given up on): its failures are no longer counted.
    func forget(_ item: String)
    func numRequeues(_ item: String) -> Int
}

/// DefaultControllerRateLimiter: the worse of a per-item exponential back-off (5ms doubling
/// to 1000s) and an overall token bucket (10 retries a second, bursts of 100).
public func defaultControllerRateLimiter() -> RateLimiter {
    MaxOfRateLimiter([ItemExponentialFailureRateLimiter(base: 5, max: 1_000_000), BucketRateLimiter(qps: 10, burst: 100)])
}

/// base·2^failures for each item, capped at `max`.
public final class ItemExponentialFailureRateLimiter: RateLimiter {
    private let base: SimTime
    private let max: SimTime
    private var failures: [String: Int] = [:]

    public init(base: SimTime, max: SimTime) {
        self.base = base
        self.max = max
    }

    public func when(_ item: String, now: SimTime) -> SimTime {
        let exponent = failures[item, default: 0]
        failures[item] = exponent + 1
        guard exponent < 63 else { return max }
        let (delay, overflow) = base.multipliedReportingOverflow(by: 1 << exponent)
        return overflow ? max : min(delay, max)
    }

    public func forget(_ item: String) { failures[item] = nil }
    public func numRequeues(_ item: String) -> Int { failures[item, default: 0] }
}

/// golang.org/x/time/rate's token bucket as one limit over all items: each retry takes a token,
/// tokens come back at `qps`, and a retry that finds none waits for the one it took in advance.
public final class BucketRateLimiter: RateLimiter {
    private let qps: Int64
    private let burst: Int64
    /// Tokens in thousandths, so that a millisecond's refill (qps/1000 tokens) is a whole number.
    private var milliTokens: Int64
    private var last: SimTime = 0

    public init(qps: Int64, burst: Int64) {
        self.qps = qps
        self.burst = burst
        milliTokens = burst * 1000
    }

    public func when(_ item: String, now: SimTime) -> SimTime {
        if now > last {
            let refill = (now - last).multipliedReportingOverflow(by: qps)
            milliTokens = refill.overflow ? burst * 1000 : min(milliTokens + refill.partialValue, burst * 1000)
            last = now
        }
        milliTokens -= 1000
        guard milliTokens < 0 else { return 0 }
        return (-milliTokens + qps - 1) / qps
    }

    public func forget(_ item: String) {}
    public func numRequeues(_ item: String) -> Int { 0 }
}

/// Every limiter's answer, the longest wait winning.
public final class MaxOfRateLimiter: RateLimiter {
    private let limiters: [RateLimiter]

    public init(_ limiters: [RateLimiter]) { self.limiters = limiters }

    public func when(_ item: String, now: SimTime) -> SimTime {
        limiters.map { $0.when(item, now: now) }.max() ?? 0
    }

    public func forget(_ item: String) { limiters.forEach { $0.forget(item) } }
    public func numRequeues(_ item: String) -> Int { limiters.map { $0.numRequeues(item) }.max() ?? 0 }
}
