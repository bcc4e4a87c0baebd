@_spi(Observer) import APIServer
import Testing
import Cluster
import REPL

@Suite("Job and CronJob controllers")
struct BatchTests {
    static let failingJob = ["kubectl apply -f - <<EOF", "apiVersion: batch/v1", "kind: Job", "metadata:", "  name: failing", "spec:",
                             "  backoffLimit: 2", "  template:", "    spec:", "      containers:", "      - name: fail", "        image: busybox",
                             "        command: [\"sh\", \"-c\", \"echo trying; exit 1\"]", "      restartPolicy: Never", "EOF"]

    @Test func myjobRunsToCompleteAndItsOutputIsInTheLogs() {
        let output = transcript(["kubectl apply -f manifests/job.yaml", "kubectl get job", "kubectl logs job/myjob", "kubectl get pod"])
        #expect(output.contains("job.batch/myjob created"))
        #expect(output.contains("NAME    STATUS     COMPLETIONS   DURATION   AGE\nmyjob   Complete   1/1           4s"))
        #expect(output.contains("training softmax with rate 0.5 for 3 epochs\ndone\n"))
        #expect(output.lines(containing: "myjob-").first?.contains("Completed") == true)
    }

    @Test func aFailingJobBacksOffAndFailsAtItsBackoffLimit() throws {
        let session = Session(workingDirectory: repositoryRoot)
        _ = run(session, BatchTests.failingJob)
        let server = session.cluster.server
        #expect(server.list(Pod.self, namespace: "default").count == 1, "the replacement waits out a 10s back-off")
        _ = session.feed("clock advance 9s")
        #expect(server.list(Pod.self, namespace: "default").count == 1)
        _ = session.feed("clock advance 2m")
        let output = run(session, ["kubectl get job failing", "kubectl describe job failing | grep -E 'Pods Statuses|BackoffLimitExceeded'"])
        #expect(output.contains("failing   Failed   0/1"))
        #expect(output.contains("Pods Statuses:    0 Active (0 Ready) / 0 Succeeded / 3 Failed"))
        #expect(output.contains("Warning  BackoffLimitExceeded  "))
        let job = try #require(server.get(Job.self, namespace: "default", name: "failing"))
        #expect(job.status?.conditions?.map(\.type) == ["FailureTarget", "Failed"])
        #expect(job.condition("Failed")?.message == "Job has reached the specified backoff limit")
        let created = server.list(Pod.self, namespace: "default").compactMap(\.metadata.creationTimestamp?.seconds).sorted()
        #expect(created.count == 3)
        #expect(created[1] - created[0] >= 10 && created[2] - created[1] >= 20, "back-off doubles: 10s, then 20s")
    }

    @Test func aDeadlineFailsTheJobAndStopsItsPods() throws {
        let session = Session(workingDirectory: repositoryRoot)
        _ = run(session, ["kubectl apply -f - <<EOF", "apiVersion: batch/v1", "kind: Job", "metadata:", "  name: slow",
                          "spec:", "  activeDeadlineSeconds: 30", "  template:", "    spec:", "      containers:", "      - name: c",
                          "        image: busybox", "        command: [\"sleep\", \"600\"]", "      restartPolicy: Never", "EOF", "clock advance 1m"])
        let job = try #require(session.cluster.server.get(Job.self, namespace: "default", name: "slow"))
        #expect(job.condition("Failed")?.reason == "DeadlineExceeded")
        #expect(session.feed("kubectl get job slow").contains("slow   Failed"))
    }

    @Test func helloCreatesAJobEachMinuteAndKeepsThreeSuccessful() {
        let session = Session(workingDirectory: repositoryRoot)
        _ = session.feed("kubectl apply -f manifests/cronjob-v1.yaml")
        let server = session.cluster.server
        #expect(server.list(Job.self, namespace: "default").isEmpty)
        _ = session.feed("clock advance 1m")
        #expect(server.list(Job.self, namespace: "default").count == 1)
        _ = session.feed("clock advance 5m")
        let jobs = server.list(Job.self, namespace: "default")
        #expect(jobs.count == 3, "successfulJobsHistoryLimit 3")
        #expect(jobs.allSatisfy { $0.condition("Complete") != nil })
        // Each Job is named for its scheduled minute, one minute apart.
        let minutes = jobs.compactMap { Int64($0.name.split(separator: "-").last ?? "") }.sorted()
        #expect(minutes.count == 3 && minutes[2] - minutes[0] == 2)
        let output = run(session, ["kubectl get cj hello", "kubectl describe cj hello | grep SuccessfulDelete | wc -l", "kubectl delete cj hello",
                                   "kubectl get jobs,pods"])
        #expect(output.contains("hello   */1 * * * *   <none>     False     0        "))
        #expect(output.contains("wc -l\n3\n"))
        #expect(output.hasSuffix("No resources found in default namespace.\n"), "the CronJob's Jobs and their Pods go with it")
    }

    @Test func theBetaCronJobOfTheSourceIsNotServed() {
        let output = transcript(["kubectl apply -f manifests/cronjob.yaml"])
        #expect(output.contains("no matches for kind \"CronJob\" in version \"batch/v1beta1\""))
    }

    @Test func cronSchedulesReadTheStandardSyntax() throws {
        let start = try #require(Timestamp(rfc3339: "2026-11-21T09:07:30Z")).seconds
        func next(_ text: String) throws -> String {
            Timestamp(seconds: try #require(try CronSchedule(parsing: text).next(after: start))).description
        }
        #expect(try next("*/1 * * * *") == "2026-11-21T09:08:00Z")
        #expect(try next("@hourly") == "2026-11-21T10:00:00Z")
        #expect(try next("15,45 9-17/2 * * mon-fri") == "2026-11-23T09:15:00Z", "21 Nov 2026 is a Saturday")
        #expect(try next("0 0 1 jan *") == "2027-01-01T00:00:00Z")
        #expect(try next("0 12 13 * fri") == "2026-11-27T12:00:00Z", "day of month or day of week when both are restricted")
        #expect(throws: CronError.self) { try CronSchedule(parsing: "61 * * * *") }
        let output = transcript(["kubectl create cronjob bad --image=busybox --schedule='* * *'"])
        #expect(output.contains("spec.schedule: Invalid value: \"* * *\": expected exactly 5 fields, found 3: [* * *]"))
    }
}

@Suite("Garbage collector")
struct GarbageCollectorTests {
    @Test func orphanLeavesTheReplicaSetAndItsPods() throws {
        let session = Session(workingDirectory: repositoryRoot)
        let output = run(session, ["kubectl apply -f manifests/mydeploy.yaml", "kubectl delete deploy mydeploy --cascade=orphan", "kubectl get deploy,rs"])
        #expect(output.contains("deployment.apps \"mydeploy\" deleted"))
        #expect(output.contains("replicaset.apps/mydeploy-"))
        let rs = try #require(session.cluster.server.list(ReplicaSet.self, namespace: "default").first)
        #expect(rs.metadata.ownerReferences == nil)
        #expect(session.cluster.server.list(Pod.self, namespace: "default").count == 10)
    }

    @Test func foregroundWaitsForTheDependentsBeforeTheOwnerGoes() {
        let session = Session(workingDirectory: repositoryRoot)
        _ = session.feed("kubectl apply -f manifests/mydeploy.yaml")
        _ = session.feed("mode step")
        _ = session.feed("kubectl delete deploy mydeploy --cascade=foreground")
        let server = session.cluster.server
        var sawOwnerWaiting = false
        while session.cluster.simulation.hasForegroundWork {
            session.cluster.simulation.step()
            if let deployment = server.get(Deployment.self, namespace: "default", name: "mydeploy") {
                #expect(deployment.metadata.deletionTimestamp == nil || deployment.metadata.finalizers == ["foregroundDeletion"])
                if deployment.metadata.deletionTimestamp != nil, !server.list(Pod.self, namespace: "default").isEmpty { sawOwnerWaiting = true }
            }
        }
        #expect(sawOwnerWaiting, "the Deployment stays, marked for deletion, while its Pods exist")
        #expect(server.get(Deployment.self, namespace: "default", name: "mydeploy") == nil)
        #expect(server.list(ReplicaSet.self, namespace: "default").isEmpty && server.list(Pod.self, namespace: "default").isEmpty)
    }
}

@Suite("kubectl create generators")
struct CreateGeneratorTests {
    @Test func dryRunsPrintWhatKubectlPrints() {
        let output = transcript(["kubectl create deployment web --image=nginx --replicas=3 --dry-run=client -o yaml",
                                 "kubectl create job hi --image=busybox --dry-run=client -o yaml -- echo hi",
                                 "kubectl create deploy web --image=nginx --dry-run=client", "kubectl create cronjob x --image=busybox"])
        #expect(output.contains("""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              creationTimestamp: null
              labels:
                app: web
              name: web
            spec:
              replicas: 3
              selector:
                matchLabels:
                  app: web
              strategy: {}
              template:
                metadata:
                  creationTimestamp: null
                  labels:
                    app: web
                spec:
                  containers:
                  - image: nginx
                    name: nginx
                    resources: {}
            status: {}
            """))
        #expect(output.contains("""
              template:
                metadata:
                  creationTimestamp: null
                spec:
                  containers:
                  - command:
                    - echo
                    - hi
                    image: busybox
                    name: hi
                    resources: {}
                  restartPolicy: Never
            status: {}
            """))
        #expect(output.contains("deployment.apps/web created (dry run)"))
        #expect(output.contains("run.go:72] \"command failed\" err=\"required flag(s) \\\"schedule\\\" not set\""))
    }
}
