import Crypto
import Foundation
import Cluster

/// `kubectl create configmap|secret|serviceaccount NAME`: the objects kubectl builds from
/// literals and files (create_configmap.go, create_secret*.go, create_serviceaccount.go).
extension CreateCommand {
    static let dataSourceFlags: [Arguments.Flag] = [.init("from-literal"), .init("from-file"), .init("from-env-file"), .init("append-hash", value: false)]

    static func configMap(_ name: String, _ arguments: Arguments, _ kubectl: Kubectl) throws(KubectlError) -> any APIObject {
        let (files, literals, envFiles) = try sources(arguments)
        var configMap = ConfigMap(metadata: ObjectMeta(name: name))
        var data: [String: String] = [:], binary: [String: Base64Bytes] = [:]
        func add(_ key: String, text: String?, bytes: [UInt8]) throws(KubectlError) {
            let problems = KeyRules.configKeyProblems(key)
            guard problems.isEmpty else { throw .message("\(GoQuote.quote(key)) is not a valid key name for a ConfigMap: \(problems.joined(separator: ","))") }
            if data[key] != nil || binary[key] != nil {
                throw .message("cannot add key \(GoQuote.quote(key)), another key by that name already exists in \(data[key] != nil ? "Data" : "BinaryData") for ConfigMap \(GoQuote.quote(name))")
            }
            if let text { data[key] = text } else { binary[key] = Base64Bytes(bytes) }
        }
        let reader = DataSources(workingDirectory: kubectl.workingDirectory)
        for source in files {
            for (key, bytes) in try reader.file(source) { try add(key, text: String(validating: bytes, as: UTF8.self), bytes: bytes) }
        }
        for source in literals {
            let (key, value) = try DataSources.literal(source)
            try add(key, text: value, bytes: [])
        }
        for path in envFiles {
            for (key, value) in try reader.envFile(path, kind: "config") { try add(key, text: value, bytes: []) }
        }
        configMap.data = data.isEmpty ? nil : data
        configMap.binaryData = binary.isEmpty ? nil : binary
        if arguments.bool("append-hash") {
            var hashed: [String: JSONValue] = ["kind": .string("ConfigMap"), "name": .string(name), "data": .object(data.mapValues { .string($0) })]
            if !binary.isEmpty { hashed["binaryData"] = .object(binary.mapValues { .string($0.base64) }) }
            configMap.metadata.name = "\(name)-\(nameHash(.object(hashed)))"
        }
        return configMap
    }

    static func genericSecret(_ name: String, _ arguments: Arguments, _ kubectl: Kubectl) throws(KubectlError) -> any APIObject {
        let (files, literals, envFiles) = try sources(arguments)
        let reader = DataSources(workingDirectory: kubectl.workingDirectory)
        var data: [String: Base64Bytes] = [:]
        for source in literals {
            let (key, value) = try DataSources.literal(source)
            try addSecretKey(key, Base64Bytes(value), to: &data)
        }
        for source in files {
            for (key, bytes) in try reader.file(source) { try addSecretKey(key, Base64Bytes(bytes), to: &data) }
        }
        for path in envFiles {
            for (key, value) in try reader.envFile(path, kind: "secret") { try addSecretKey(key, Base64Bytes(value), to: &data) }
        }
        return hashed(Secret(metadata: ObjectMeta(name: name), type: arguments.value("type").flatMap { $0.isEmpty ? nil : $0 },
                             data: data.isEmpty ? nil : data), arguments)
    }

    /// `create secret docker-registry`: a `.dockerconfigjson` for one registry, or files.
    static func dockerRegistrySecret(_ name: String, _ arguments: Arguments, _ kubectl: Kubectl) throws(KubectlError) -> any APIObject {
        let files = DataSources.slice(arguments.all("from-file"))
        let username = arguments.value("docker-username") ?? "", password = arguments.value("docker-password") ?? ""
        let server = arguments.value("docker-server") ?? "https://index.docker.io/v1/"
        guard !files.isEmpty || !(username.isEmpty || password.isEmpty || server.isEmpty) else {
            throw .message("either --from-file or the combination of --docker-username, --docker-password and --docker-server is required")
        }
        var data: [String: Base64Bytes] = [:]
        if files.isEmpty {
            // DockerConfigEntry's fields in their Go order, empty ones left out.
            let entry = [("username", username), ("password", password), ("email", arguments.value("docker-email") ?? ""),
                         ("auth", GoBase64.encode(Array("\(username):\(password)".utf8)))]
                .filter { !$0.1.isEmpty }.map { "\(JSONValue.quote($0.0)):\(JSONValue.quote($0.1))" }.joined(separator: ",")
            data[".dockerconfigjson"] = Base64Bytes("{\"auths\":{\(JSONValue.quote(server)):{\(entry)}}}")
        } else {
            let reader = DataSources(workingDirectory: kubectl.workingDirectory)
            for source in files {
                for (key, bytes) in try reader.file(source) { try addSecretKey(key, Base64Bytes(bytes), to: &data) }
            }
        }
        return hashed(Secret(metadata: ObjectMeta(name: name), type: "kubernetes.io/dockerconfigjson", data: data), arguments)
    }

    /// `create secret tls --cert=FILE --key=FILE`. The files must hold PEM blocks of the right
    /// kinds; that the key matches the certificate is not checked here.
    static func tlsSecret(_ name: String, _ arguments: Arguments, _ kubectl: Kubectl) throws(KubectlError) -> any APIObject {
        guard let certPath = arguments.value("cert"), let keyPath = arguments.value("key"), !certPath.isEmpty, !keyPath.isEmpty else {
            throw .message("key and cert must be specified")
        }
        let reader = DataSources(workingDirectory: kubectl.workingDirectory)
        let cert = try reader.contents(of: certPath), key = try reader.contents(of: keyPath)
        let certText = String(decoding: cert, as: UTF8.self), keyText = String(decoding: key, as: UTF8.self)
        guard certText.contains("-----BEGIN CERTIFICATE-----") else { throw .message("tls: failed to find any PEM data in certificate input") }
        guard keyText.contains("PRIVATE KEY-----") else {
            throw .message(keyText.contains("-----BEGIN CERTIFICATE-----") ? "tls: found a certificate rather than a key in the PEM for the private key"
                                                                           : "tls: failed to find any PEM data in key input")
        }
        return hashed(Secret(metadata: ObjectMeta(name: name), type: "kubernetes.io/tls",
                             data: ["tls.crt": Base64Bytes(cert), "tls.key": Base64Bytes(key)]), arguments)
    }

    static func serviceAccount(_ name: String, _ arguments: Arguments, _ kubectl: Kubectl) throws(KubectlError) -> any APIObject {
        ServiceAccount(metadata: ObjectMeta(name: name))
    }

    /// `--from-file`, `--from-literal` and `--from-env-file`, the last not combined with the others.
    private static func sources(_ arguments: Arguments) throws(KubectlError) -> (files: [String], literals: [String], envFiles: [String]) {
        let files = DataSources.slice(arguments.all("from-file")), literals = arguments.all("from-literal")
        let envFiles = DataSources.slice(arguments.all("from-env-file"))
        if !envFiles.isEmpty, !files.isEmpty || !literals.isEmpty {
            throw .message("from-env-file cannot be combined with from-file or from-literal")
        }
        return (files, literals, envFiles)
    }

    private static func addSecretKey(_ key: String, _ value: Base64Bytes, to data: inout [String: Base64Bytes]) throws(KubectlError) {
        let problems = KeyRules.configKeyProblems(key)
        guard problems.isEmpty else { throw .message("\(GoQuote.quote(key)) is not valid key name for a Secret \(problems.joined(separator: ";"))") }
        guard data[key] == nil else { throw .message("cannot add key \(key), another key by that name already exists") }
        data[key] = value
    }

    /// `--append-hash`: the name followed by a hash of kind, name, type and data.
    private static func hashed(_ secret: Secret, _ arguments: Arguments) -> Secret {
        guard arguments.bool("append-hash") else { return secret }
        var copy = secret
        let hashed: JSONValue = .object(["kind": .string("Secret"), "name": .string(secret.name), "type": .string(secret.secretType ?? ""),
                                         "data": .object((secret.data ?? [:]).mapValues { .string($0.base64) })])
        copy.metadata.name = "\(secret.name)-\(nameHash(hashed))"
        return copy
    }

    /// kubectl's hash suffix: the SHA-256 of the compact JSON, its first ten hex digits with
    /// 0, 1, 3, a and e swapped for letters so that the suffix never reads as a number or word.
    private static func nameHash(_ value: JSONValue) -> String {
        let digest = SHA256.hash(data: Data(value.render(indent: "").utf8)).map { String(format: "%02x", $0) }.joined()
        let swaps: [Character: Character] = ["0": "g", "1": "h", "3": "k", "a": "m", "e": "t"]
        return String(digest.prefix(10).map { swaps[$0] ?? $0 })
    }
}
