/// apimachinery's key validations (util/validation), each problem one message, shared by
/// the API server's validation and kubectl's own checks before it sends anything.
public enum KeyRules {
    /// IsConfigMapKey: a key of a ConfigMap's or Secret's data.
    public static func configKeyProblems(_ key: String) -> [String] {
        var problems: [String] = []
        if key.utf8.count > 253 { problems.append("must be no more than 253 characters") }
        if key.isEmpty || !key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-._".contains($0)) }) {
            problems.append("a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')")
        }
        problems += chdirProblems(key)
        return problems
    }

    /// IsEnvVarName.
    public static func envVarNameProblems(_ name: String) -> [String] {
        var problems: [String] = []
        let valid = name.first.map { $0.isASCII && ($0.isLetter || "-._".contains($0)) } == true
            && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-._".contains($0)) }
        if !valid {
            problems.append("a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')")
        }
        return problems + chdirProblems(name)
    }

    private static func chdirProblems(_ name: String) -> [String] {
        if name == "." { return ["must not be '.'"] }
        if name == ".." { return ["must not be '..'"] }
        return name.hasPrefix("..") ? ["must not start with '..'"] : []
    }

}
