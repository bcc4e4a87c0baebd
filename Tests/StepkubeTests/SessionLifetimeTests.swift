import Testing
import Cluster
import SimCore
import REPL

/// A Session that is dropped takes its cluster with it: fuzz workers and test runs start
/// thousands of them in one process.
@Suite("Session lifetime")
struct SessionLifetimeTests {
    @Test func aDroppedSessionFreesItsCluster() {
        weak var cluster: Cluster?
        weak var simulation: Simulation?
        do {
            let session = Session(workingDirectory: repositoryRoot)
            _ = session.feed("kubectl create deployment web --image=nginx --replicas=2")
            _ = session.feed("kubectl expose deployment web --port=80")
            cluster = session.cluster
            simulation = session.cluster.simulation
        }
        #expect(cluster == nil, "the cluster outlives its session")
        #expect(simulation == nil, "the simulation outlives its session")
    }
}
