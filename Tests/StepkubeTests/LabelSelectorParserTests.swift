import Testing
import Cluster

/// apimachinery's labels.Parse: what parses, into which requirements, and the exact message
/// of what does not.
@Suite("Label selector parser")
struct LabelSelectorParserTests {
    @Test(arguments: [
        ("", "", ["app": "web"], true),
        ("app=web", "app=web", ["app": "web"], true),
        ("app==web", "app=web", ["app": "api"], false),
        ("app!=web", "app notin (web)", [:], true),
        ("env in (prod, qa),tier", "env in (prod,qa),tier", ["env": "qa", "tier": "x"], true),
        ("env notin (prod)", "env notin (prod)", ["env": "prod"], false),
        ("!legacy", "!legacy", ["legacy": ""], false),
        ("x in (in)", "x in (in)", ["x": "in"], true),
        ("a in (,b)", "a in (,b)", ["a": ""], true),
        ("a in ()", "a in ()", ["a": ""], true),
        ("a=", "a=", ["a": ""], true),
        ("size>3", "", ["size": "4"], true),
        ("size<3", "", ["size": "4"], false),
        ("app=a,app=b", "", ["app": "a"], false),
    ] as [(String, String, [String: String], Bool)])
    func parses(_ text: String, _ rendered: String, _ labels: [String: String], _ matches: Bool) throws {
        let selector = try LabelSelectorParser.parse(text)
        if !rendered.isEmpty { #expect(selector.text == rendered) }
        #expect(selector.matches(labels) == matches)
    }

    @Test(arguments: [
        ("!", "unable to parse requirement: found '', expected: identifier"),
        (",", "found ',', expected: !, identifier, or 'end of string'"),
        ("app=web,", "found '', expected: identifier after ','"),
        ("app=web,,x", "found ',', expected: identifier after ','"),
        ("app in (web", "unable to parse requirement: found '', expected: ',' or ')'"),
        ("app in web", "unable to parse requirement: found 'web' expected: '('"),
        ("app in (=)", "unable to parse requirement: found '=', expected: ',', ')' or identifier"),
        ("app in (a,=)", "unable to parse requirement: found '=', expected: ',', or identifier"),
        ("a b", "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"),
        ("a=b=c", "found '=', expected: ',' or 'end of string'"),
        ("a=(", "unable to parse requirement: found '(', expected: identifier"),
        ("x>y", "unable to parse requirement: values[0]: Invalid value: \"y\": for 'Gt', 'Lt' operators, the value must be an integer"),
        ("-x", "unable to parse requirement: <nil>: Invalid value: \"-x\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"),
        ("/x", "unable to parse requirement: <nil>: Invalid value: \"/x\": prefix part must be non-empty"),
        ("x>a$", "unable to parse requirement: [values[0]: Invalid value: \"a$\": for 'Gt', 'Lt' operators, the value must be an integer, values[0][x]: Invalid value: \"a$\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')]"),
    ])
    func rejects(_ text: String, _ message: String) {
        #expect(throws: LabelSelectorParser.Failure.self) { try LabelSelectorParser.parse(text) }
        do {
            _ = try LabelSelectorParser.parse(text)
        } catch {
            #expect(error.message == message)
        }
    }

    @Test func nonASCIIAndControlBytesNeverTrap() {
        for text in ["é=ü", "\u{0}", "a in (\u{FFFF}", String(repeating: "(", count: 10_000), String(repeating: "a,", count: 5_000)] {
            _ = try? LabelSelectorParser.parse(text)
        }
    }
}
