import Testing
import Cluster
import SimCore
import REPL

/// A Session that is dropped takes its cluster with it: fuzz workers and test runs start
/// thousands of them in one process.
@Suite("Session lifetime")
struct SessionLifetimeTests {
    @Test(arguments: [
        ["kubectl create deployment web --image=nginx --replicas=2", "kubectl expose deployment web --port=80"],
        ["lesson 1", "lesson check"],
        ["exercise 01-scale-and-expose", "task 1"],
        ["kubectl get pods -w --request-timeout=1s", "kubectl create configmap c --from-literal=a=b"],
    ])
    func aDroppedSessionFreesItsCluster(_ lines: [String]) {
        weak var cluster: Cluster?
        weak var simulation: Simulation?
        do {
            let session = Session(workingDirectory: repositoryRoot)
            for line in lines { _ = session.feed(line) }
            cluster = session.cluster
            simulation = session.cluster.simulation
        }
        #expect(cluster == nil, "the cluster outlives its session")
        #expect(simulation == nil, "the simulation outlives its session")
    }
}
