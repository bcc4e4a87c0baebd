/// One seeded stream per purpose, so that drawing one more of one kind (an extra Event's name,
/// a scheduler tie) never shifts another (every later Pod's name): the same commands give the
/// same names, UIDs and addresses even when something unrelated changed in between.
public final class RandomStreams {
    public enum Purpose: String, CaseIterable, Sendable {
        case objectNames, uids, clusterIPs, nodePorts, volumeNames, schedulerTies, containerIDs, imageIDs, eventNames, staticPodHashes
    }

    private let seed: UInt64
    private var streams: [Purpose: SeededRandom]

    public init(seed: UInt64) {
        self.seed = seed
        streams = [:]
    }

    private init(seed: UInt64, streams: [Purpose: SeededRandom]) {
        self.seed = seed
        self.streams = streams
    }

    /// The stream for `purpose`, seeded from the simulation's seed and the purpose's name (FNV-1a,
    /// stable across processes, unlike Swift's per-process `hashValue`).
    public subscript(_ purpose: Purpose) -> SeededRandom {
        if let stream = streams[purpose] { return stream }
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in purpose.rawValue.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        let stream = SeededRandom(seed: seed ^ hash)
        streams[purpose] = stream
        return stream
    }

    /// Streams that draw what these would draw next, without advancing these (a dry run's).
    public func copy() -> RandomStreams {
        RandomStreams(seed: seed, streams: streams.mapValues { $0.copy() })
    }
}
