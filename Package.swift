// swift-tools-version: 6.0
import PackageDescription

// Modules mirror the Kubernetes components; dependencies point from the frontends
// (stepkube, REPL, Kubectl) down to the simulation core (SimCore, Store, KubeModel).
let package = Package(
    name: "stepkube",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "stepkube", targets: ["stepkube"]),
        .executable(name: "stepkube-fuzz", targets: ["stepkube-fuzz"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
    ],
    targets: [
        .target(name: "KubeModel"),
        .target(name: "KubeYAML", dependencies: ["KubeModel", "Yams"]),
        .target(name: "SimCore", dependencies: [.product(name: "HeapModule", package: "swift-collections")]),
        .target(name: "Store"),
        .target(name: "APIServer", dependencies: ["KubeModel", "Store", "SimCore"]),
        .target(name: "ClientKit", dependencies: ["KubeModel", "APIServer", "SimCore", .product(name: "DequeModule", package: "swift-collections")]),
        .target(name: "Scheduler", dependencies: ["ClientKit"]),
        .target(name: "Controllers", dependencies: ["ClientKit"]),
        .target(name: "NodeAgents", dependencies: ["ClientKit"]),
        .target(name: "KubeProxy", dependencies: ["ClientKit", .product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "ClusterDNS", dependencies: ["ClientKit"]),
        .target(name: "CloudControllerManager", dependencies: ["ClientKit"]),
        .target(name: "IngressController", dependencies: ["ClientKit"]),
        .target(name: "Network", dependencies: ["NodeAgents", "KubeProxy", "ClusterDNS", "CloudControllerManager", "IngressController"]),
        .target(name: "Cluster", dependencies: ["Scheduler", "Controllers", "CloudControllerManager", "IngressController", "NodeAgents", "KubeProxy", "ClusterDNS", "Network", "KubeYAML"]),
        .target(name: "Kubectl", dependencies: ["Cluster", "KubeYAML", "Shell", .product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "Checks", dependencies: ["Kubectl", "Yams"]),
        .target(name: "Lessons", dependencies: ["Checks", "Yams"]),
        .target(name: "Exercises", dependencies: ["Checks", "Yams"]),
        .target(name: "Shell"),
        .target(name: "REPL", dependencies: ["Kubectl", "Checks", "Lessons", "Exercises", "Shell"]),
        .systemLibrary(
            name: "CEditLine",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        .executableTarget(
            name: "stepkube",
            dependencies: [
                "REPL", "CEditLine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "stepkube-bench", dependencies: ["Cluster"]),
        // The fuzzer's generator, runner and minimiser are a library, so that a test runs a short
        // campaign in process; stepkube-fuzz adds the watchdog, subprocesses and files around it.
        .target(name: "Fuzzing", dependencies: ["REPL", "Kubectl", "Cluster", "Exercises"]),
        .executableTarget(
            name: "stepkube-fuzz",
            dependencies: ["Fuzzing", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(name: "StepkubeTests", dependencies: ["Fuzzing", "REPL", "Store", "SimCore", "APIServer", "Scheduler", "Cluster", "KubeYAML", "Kubectl", "Checks", "Lessons", "Exercises", "Shell"]),
    ]
)
