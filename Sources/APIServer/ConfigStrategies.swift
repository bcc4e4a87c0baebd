import KubeModel

/// The API server's rules for ConfigMaps and Secrets: keys a file or variable can be named
/// by, and data that an `immutable: true` object keeps (pkg/apis/core/validation).
enum ConfigRules {
    /// IsConfigMapKey, each problem its own error on `field[key]`.
    static func validateKeys(_ keys: some Sequence<String>, field: String) -> [FieldError] {
        keys.sorted().flatMap { key in
            KeyRules.configKeyProblems(key).map { FieldError("\(field)[\(key)]", .invalid(value: GoQuote.quote(key), detail: $0)) }
        }
    }

    /// What an object that was created `immutable: true` refuses on update.
    static func validateImmutable(wasImmutable: Bool?, isImmutable: Bool?, dataChanged: Bool) -> [FieldError] {
        guard wasImmutable == true else { return [] }
        var errors: [FieldError] = []
        let message = "field is immutable when `immutable` is set"
        if isImmutable != true { errors.append(FieldError("immutable", .forbidden(message))) }
        if dataChanged { errors.append(FieldError("data", .forbidden(message))) }
        return errors
    }
}

struct ConfigMapStrategy: Strategy {
    typealias Object = ConfigMap

    func validate(_ configMap: ConfigMap) -> [FieldError] {
        let data = configMap.data ?? [:], binary = configMap.binaryData ?? [:]
        var errors = ConfigRules.validateKeys(data.keys, field: "data")
        for key in data.keys.sorted() where binary[key] != nil {
            errors.append(FieldError("data[\(key)]", .invalid(value: GoQuote.quote(key), detail: "duplicate of key present in binaryData")))
        }
        errors += ConfigRules.validateKeys(binary.keys, field: "binaryData")
        for key in binary.keys.sorted() where data[key] != nil {
            errors.append(FieldError("binaryData[\(key)]", .invalid(value: GoQuote.quote(key), detail: "duplicate of key present in data")))
        }
        return errors
    }

    func validateUpdate(_ new: ConfigMap, old: ConfigMap) -> [FieldError] {
        var errors = ConfigRules.validateImmutable(wasImmutable: old.immutable, isImmutable: new.immutable, dataChanged: new.data != old.data)
        if old.immutable == true, new.binaryData != old.binaryData {
            errors.append(FieldError("binaryData", .forbidden("field is immutable when `immutable` is set")))
        }
        return errors + validate(new)
    }
}

/// Secrets: `stringData` folded into `data` (as the conversion to the internal type does),
/// `Opaque` by default, and the keys each built-in type requires.
struct SecretStrategy: Strategy {
    typealias Object = Secret

    func prepareForCreate(_ secret: inout Secret, _ context: inout AdmissionContext) {
        foldStringData(&secret)
        if secret.secretType == nil {
            secret.secretType = "Opaque"
            context.defaulted.append("type=Opaque")
        }
    }

    func prepareForUpdate(_ secret: inout Secret, old: Secret, _ context: inout AdmissionContext) {
        foldStringData(&secret)
        if secret.secretType == nil { secret.secretType = "Opaque" }
    }

    private func foldStringData(_ secret: inout Secret) {
        guard let strings = secret.stringData else { return }
        var data = secret.data ?? [:]
        for (key, value) in strings { data[key] = Base64Bytes(value) }
        secret.data = data
        secret.stringData = nil
    }

    func validate(_ secret: Secret) -> [FieldError] {
        let data = secret.data ?? [:]
        var errors = ConfigRules.validateKeys(data.keys, field: "data")
        switch secret.secretType ?? "Opaque" {
        case "kubernetes.io/service-account-token":
            if (secret.metadata.annotations?["kubernetes.io/service-account.name"] ?? "").isEmpty {
                errors.append(FieldError("metadata.annotations[kubernetes.io/service-account.name]", .required()))
            }
        case "kubernetes.io/basic-auth":
            if data["username"] == nil, data["password"] == nil {
                errors += [FieldError("data[username]", .required()), FieldError("data[password]", .required())]
            }
        case "kubernetes.io/ssh-auth":
            if data["ssh-privatekey"]?.bytes.isEmpty ?? true { errors.append(FieldError("data[ssh-privatekey]", .required())) }
        case let type:
            for key in Secret.requiredKeys[type] ?? [] where data[key] == nil { errors.append(FieldError("data[\(key)]", .required())) }
        }
        return errors
    }

    func validateUpdate(_ new: Secret, old: Secret) -> [FieldError] {
        var errors: [FieldError] = []
        if new.secretType != old.secretType {
            errors.append(FieldError("type", .invalid(value: GoQuote.quote(new.secretType ?? ""), detail: "field is immutable")))
        }
        errors += ConfigRules.validateImmutable(wasImmutable: old.immutable, isImmutable: new.immutable, dataChanged: new.data != old.data)
        return errors + validate(new)
    }
}
