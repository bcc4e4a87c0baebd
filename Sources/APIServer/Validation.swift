import KubeModel

/// The name rules of apimachinery's validation package, with its messages.
public enum NameRules {
    static let subdomainMessage = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
    static let labelMessage = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"

    static let protocols = ["SCTP", "TCP", "UDP"]

    /// A port number field (`containerPort`, a Service's `port`, a policy's `port`).
    static func validatePort(_ number: Int, field: String) -> [FieldError] {
        (1...65535).contains(number) ? [] : [FieldError(field, .invalid(value: String(number), detail: "must be between 1 and 65535, inclusive"))]
    }

    static func validateProtocol(_ proto: String?, field: String) -> [FieldError] {
        guard let proto, !protocols.contains(proto) else { return [] }
        return [FieldError(field, .unsupported(value: proto, supported: protocols))]
    }

    static func isLabel(_ text: String) -> Bool {
        text.count <= 63 && matchesLabelPattern(text)
    }

    /// `[a-z0-9]([-a-z0-9]*[a-z0-9])?`, whatever the length.
    private static func matchesLabelPattern(_ text: some StringProtocol) -> Bool {
        let characters = Array(text.unicodeScalars)
        func alphanumeric(_ c: Unicode.Scalar) -> Bool { ("a"..."z").contains(c) || ("0"..."9").contains(c) }
        guard let first = characters.first, let last = characters.last, alphanumeric(first), alphanumeric(last) else { return false }
        return characters.allSatisfy { alphanumeric($0) || $0 == "-" }
    }

    public static func isSubdomain(_ text: String) -> Bool {
        guard !text.isEmpty, text.count <= 253 else { return false }
        return text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { isLabel(String($0)) }
    }

    static func validateObjectName(_ name: String, field: String = "metadata.name", label: Bool = false) -> [FieldError] {
        let ok = label ? isLabel(name) : isSubdomain(name)
        if ok { return [] }
        if name.count > (label ? 63 : 253) {
            return [FieldError(field, .invalid(value: "\"\(name)\"", detail: "must be no more than \(label ? 63 : 253) characters"))]
        }
        return [FieldError(field, .invalid(value: "\"\(name)\"", detail: label ? labelMessage : subdomainMessage))]
    }

    /// Label keys may carry a DNS prefix (`app.kubernetes.io/name`); values are at most 63 characters.
    static func validateLabels(_ labels: [String: String]?, field: String) -> [FieldError] {
        var errors: [FieldError] = []
        for (key, value) in (labels ?? [:]).sorted(by: { $0.key < $1.key }) {
            errors += qualifiedNameProblems(key).map { FieldError(field, .invalid(value: "\"\(key)\"", detail: $0)) }
            errors += labelValueProblems(value).map { FieldError(field, .invalid(value: "\"\(value)\"", detail: $0)) }
        }
        return errors
    }

    static let qualifiedNameMessage = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"

    /// What is wrong with a label key or other qualified name (IsQualifiedName): `[prefix/]name`,
    /// the prefix a DNS subdomain, the name at most 63 characters of the qualified-name pattern.
    public static func qualifiedNameProblems(_ text: String) -> [String] {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count <= 2, let name = parts.last else {
            return ["a qualified name " + qualifiedNameMessage + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"]
        }
        var problems: [String] = []
        if parts.count == 2 {
            let prefix = parts[0]
            if prefix.isEmpty {
                problems.append("prefix part must be non-empty")
            } else {
                if prefix.count > 253 { problems.append("prefix part must be no more than 253 characters") }
                if !matchesSubdomainPattern(prefix) { problems.append("prefix part " + subdomainMessage) }
            }
        }
        if name.isEmpty {
            problems.append("name part must be non-empty")
        } else if name.count > 63 {
            problems.append("name part must be no more than 63 characters")
        }
        if !matchesQualifiedNamePattern(name) { problems.append("name part " + qualifiedNameMessage) }
        return problems
    }

    /// What is wrong with a label value (IsValidLabelValue): nothing, its length, its characters, or both.
    public static func labelValueProblems(_ value: String) -> [String] {
        if value.isEmpty { return [] }
        var problems: [String] = []
        if value.count > 63 { problems.append("must be no more than 63 characters") }
        if !matchesQualifiedNamePattern(value) {
            problems.append("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')")
        }
        return problems
    }

    /// `[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*`, whatever the length.
    private static func matchesSubdomainPattern(_ text: String) -> Bool {
        text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy(matchesLabelPattern)
    }

    /// `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]`, whatever the length.
    private static func matchesQualifiedNamePattern(_ text: String) -> Bool {
        let characters = Array(text.unicodeScalars)
        func alphanumeric(_ c: Unicode.Scalar) -> Bool {
            ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c)
        }
        guard let first = characters.first, let last = characters.last, alphanumeric(first), alphanumeric(last) else { return false }
        return characters.allSatisfy { alphanumeric($0) || $0 == "-" || $0 == "_" || $0 == "." }
    }
}
