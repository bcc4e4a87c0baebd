import Cluster
import Foundation
@testable import Kubectl
import Testing

/// JSONPath as client-go parses and runs it. Every expected output here was printed by kubectl
/// v1.32 (`kubectl label -f pod.json --local x=y -o jsonpath=...`) on the same Pod, except where
/// Go's random map order shows: stepkube orders by key there.
@Suite struct JSONPathTests {
    static let pod: JSONValue = {
        let text = #"""
        {"apiVersion":"v1","kind":"Pod","metadata":{"annotations":{"kubernetes.io/change-cause":"kubectl set image"},
         "labels":{"a.b/c":"d","app":"web","x":"y"},"name":"web","namespace":"default"},
         "spec":{"containers":[{"image":"nginx","name":"c1","ports":[{"containerPort":80},{"containerPort":443}]},
                               {"image":"busybox","name":"c2"}]},
         "status":{"conditions":[{"status":"True","type":"Initialized"},{"status":"False","type":"Ready"}],"phase":"Running"}}
        """#
        return (try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))) ?? .null
    }()

    /// What `-o jsonpath=template` prints, or the error client-go gives.
    func run(_ template: String, allowMissingKeys: Bool = true) -> String {
        do {
            let path = try JSONPath(template)
            return try path.results(in: JSONPathTests.pod, allowMissingKeys: allowMissingKeys)
                .map { $0.map(JSONPath.text).joined(separator: " ") }.joined()
        } catch {
            return "error: \(error.message)"
        }
    }

    @Test(arguments: [
        ("{.metadata.name}", "web"),
        ("{$.metadata.name}", "web"),
        ("{.spec.containers[-1].name}", "c2"),
        ("{.spec.containers[0:2].name}", "c1 c2"),
        ("{.spec.containers[1:].name}", "c2"),
        ("{.spec.containers[:1].name}", "c1"),
        ("{.spec.containers[::2].name}", "c1"),
        ("{.spec.containers[1:1].name}", ""),
        ("{.spec.containers[0,1].name}", "c1 c2"),
        ("{.metadata['name','namespace']}", "web default"),
        ("{.metadata.labels['app']}", "web"),
        ("{.metadata.labels[ 'app' , 'x' ]}", "web y"),
        ("{.spec.containers[*].ports[*].containerPort}", "80 443"),
        ("{.spec.containers[*].name} {.spec.containers[0].image}", "c1 c2 nginx"),
        ("{..image}", "nginx busybox"),
        ("{...a}", ""),
        ("{.spec.containers[]}", #"{"image":"nginx","name":"c1","ports":[{"containerPort":80},{"containerPort":443}]}"#),
        ("{.metadata.labels}", #"{"a.b/c":"d","app":"web","x":"y"}"#),
        ("{.metadata.labels.*}", "d web y"),
        ("{.metadata.name.*}", "119 101 98"),
        ("{.metadata.labels.a\\.b/c}", "d"),
        ("{.metadata.annotations.kubernetes\\.io/change-cause}", "kubectl set image"),
        ("{.metadata.labels['a.b/c']}", ""),
        ("{.spec.containers.name}", ""),
        ("{.}", ""),
        ("{.nothing[?(@.x)]}", ""),
        ("x{.metadata.name}}y", "xweb}y"),
        ("{1}{true}{1.5}{-2}", "1true1.5-2"),
        (#"{"\u00e9\x41\101"}"#, "éAA"),
        (#"{'a"b'}"#, #"a"b"#),
        ("", ""),
    ])
    func selects(_ template: String, _ expected: String) {
        #expect(run(template) == expected, "\(template)")
    }

    @Test(arguments: [
        (#"{.status.conditions[?(@.type=="Ready")].status}"#, "False"),
        ("{.status.conditions[?(@.type!='Ready')].type}", "Initialized"),
        (#"{.status.conditions[?(@.type == "Ready")].status}"#, "False"),
        ("{.status.conditions[?(@.status)].type}", "Initialized Ready"),
        ("{.spec.containers[?(@.ports)].name}", "c1"),
        ("{.spec.containers[*].ports[?(@.containerPort>100)].containerPort}", "443"),
        ("{.spec.containers[*].ports[?(@.containerPort>=80)].containerPort}", "80 443"),
        ("{.spec.containers[*].ports[?(@.containerPort<=80)].containerPort}", "80"),
        (#"{.spec.containers[?(@.name<"c2")].name}"#, "c1"),
        (#"{.spec.containers[?(@.image>="nginx")].name}"#, "c1"),
        (#"{.spec.containers[?(@.image=="nginx")]..name}"#, "c1"),
        ("{.spec.containers[?(@.name==@.name)].name}", "c1 c2"),
    ])
    func filters(_ template: String, _ expected: String) {
        #expect(run(template) == expected, "\(template)")
    }

    @Test func rangesRepeatTheirBodyAndAnUnclosedRangeRunsTheRestOnTheRootToo() {
        #expect(run(#"{range .spec.containers[*]}{.name}{"\t"}{.image}{"\n"}{end}"#) == "c1\tnginx\nc2\tbusybox\n")
        #expect(run("{range .spec.containers[*]}[{.name}]") == "[c1][c2][]")
        #expect(run("{range .spec.x[*]}{.name}{end}done") == "done")
        #expect(run("{range .spec.containers[*]}{.name}:{range .ports[*]}{.containerPort},{end};{end}") == "c1:80,443,;c2:;")
    }

    @Test(arguments: [
        ("{.a, .b}", "unrecognized character in action: U+002C ','"),
        ("{.a", "unclosed action"),
        ("{.a\n}", "unclosed action"),
        ("{\t}", "unrecognized character in action: U+0009"),
        ("{.spec.containers[0", "unterminated array"),
        ("{.spec.containers[a]}", "invalid array index a"),
        ("{.spec.containers[1:2:3:4]}", "invalid array index 1:2:3:4"),
        ("{.spec.containers[-]}", "array index - is not a number"),
        ("{.spec.containers[99999999999999999999].name}", "array index 99999999999999999999 is not a number"),
        (#"{.spec.containers[?(@.name=="c1"}"#, "unterminated filter"),
        (#"{.spec.containers[?(@.name=="c1")}"#, "unclosed array expect ]"),
        ("{.spec.containers[?(@.resources=={})]}", "unrecognized character in action: U+007B '{'"),
        (#"{.status.conditions[?(@.type=="Ready"&&@.status=="False")].status}"#, "unrecognized character in action: U+0026 '&'"),
        (#"{"abc}"#, "unterminated quoted string"),
        (#"{"a\qb"}"#, #"unquote string "a\qb" error invalid syntax"#),
        ("{....a}", "invalid multiple recursive descent"),
        ("{1.2.3}", "cannot parse number 1.2.3"),
        ("{-}", "cannot parse number -"),
    ])
    func parseErrors(_ template: String, _ message: String) {
        #expect(run(template) == "error: \(message)", "\(template)")
    }

    @Test(arguments: [
        ("{.spec.containers[5].name}", "array index out of bounds: index 5, length 2"),
        ("{.spec.containers[9223372036854775807].name}", "array index out of bounds: index 9223372036854775807, length 2"),
        ("{.spec.containers[-9223372036854775808].name}", "array index out of bounds: index -9223372036854775806, length 2"),
        ("{.spec.containers[2:1].name}", "array index out of bounds: index 2, length 2"),
        ("{.spec.containers[0:9223372036854775807]}", "array index out of bounds: index 9223372036854775806, length 2"),
        ("{.spec.containers[1:0].name}", "starting index 1 is greater than ending index 0"),
        ("{.spec.containers[::0].name}", "step must be > 0"),
        ("{end}", "not in range, nothing to end"),
        ("{metadata.name}", "unrecognized identifier metadata"),
        ("{.status.conditions[?(@.type==Ready)].status}", "unrecognized identifier Ready"),
        (#"{.status.conditions[?(@.type="Ready")].status}"#, "unrecognized filter operator ="),
        ("{.spec.containers[*].ports[?(@.containerPort<1.5)].containerPort}", "incompatible types for comparison"),
        (#"{.spec.containers[*].ports[?(@.containerPort=="80")].containerPort}"#, "incompatible types for comparison"),
        ("{.spec.containers[?(@.ports==1)].name}", "invalid type for comparison"),
        ("{.spec.containers[?(@.name==true)].name}", "incompatible types for comparison"),
        ("{.spec.containers[?(@.ports[*].containerPort==80)].name}", "can only compare one element at a time"),
        ("{.metadata.name[0]}", "string is not array or slice"),
        ("{.metadata[0]}", "map[string]interface {} is not array or slice"),
        ("{.metadata.labels[?(@.x)]}", "map[a.b/c:d app:web x:y] is not array or slice and cannot be filtered"),
    ])
    func runtimeErrors(_ template: String, _ message: String) {
        #expect(run(template) == "error: \(message)", "\(template)")
    }

    @Test func missingKeysAreAnErrorOnlyWhenNotAllowed() {
        #expect(run("{.metadata.nothing}") == "")
        #expect(run("{.metadata.nothing}", allowMissingKeys: false) == "error: nothing is not found")
    }

    @Test func wholeDocumentsPrintAsCompactJSONAndNullAsNull() throws {
        let whole = run("{}")
        #expect(whole.hasPrefix(#"{"apiVersion":"v1","kind":"Pod","metadata":{"annotations""#))
        #expect(run("{ }") == whole)
        #expect(run("{@}") == whole)
        let document = JSONValue.object(["a": .null, "b": .double(2), "c": .double(0.25), "d": .double(1_234_567.5)])
        #expect(try JSONPath("{.a} {.b} {.c} {.d}").text(of: document) == "null 2 0.25 1.2345675e+06")
        #expect(try JSONPath(#"{.b}{"\n"}"#).json(of: document) == "[\n    2\n]\n[\n    \"\\n\"\n]\n")
    }

    @Test func badInputNeverTrapsOrRunsAway() {
        let hostile = [
            String(repeating: "[", count: 5000), String(repeating: "{", count: 5000), String(repeating: "{.a", count: 2000),
            String(repeating: "{range .a}", count: 40), String(repeating: "{range .spec.containers[*]}", count: 200),
            "{.spec.containers[-1:-9223372036854775808]}", "{.spec.containers[9223372036854775807:]}",
            "{.spec.containers[::9223372036854775807]}", "{[?(", "{[?()]}", "{..}", "{..[0]}", "{'}", "{\"\\", "{\\}",
            "{.spec.containers[?(@.name==)]}", "{.spec.containers[?(==)]}", "{[,]}", "{['']}", "{[']}", "{[:]}",
            "{\u{0}}", "{é}", "{.é}", "{٣}", "{+}", "{.}{..}{...}",
        ]
        for template in hostile {
            _ = run(template)
        }
        #expect(run(String(repeating: "{range .a}", count: 40)) == "error: template too costly to evaluate")
        #expect(run(String(repeating: "{range .spec.containers[*]}", count: 200)) == "error: ranges nested too deeply")
    }

    @Test func relaxedPathsAddBracesAndTheLeadingDot() throws {
        #expect(try JSONPath.relaxed("metadata.name") == "{.metadata.name}")
        #expect(try JSONPath.relaxed(".metadata.name") == "{.metadata.name}")
        #expect(try JSONPath.relaxed("{metadata.name}") == "{.metadata.name}")
        #expect(try JSONPath.relaxed("{.metadata.name}") == "{.metadata.name}")
        #expect(try JSONPath.relaxed(".") == "{..}")
        #expect(try JSONPath.relaxed("") == "")
        #expect(throws: JSONPathError.self) { try JSONPath.relaxed("{.a}{.b}") }
        #expect(throws: JSONPathError.self) { try JSONPath.relaxed("{}") }
    }

    @Test func goFormatsValuesAsFmtDoes() {
        #expect(GoFormat.plain(.object(["b": .array([.int(1), .string("x")]), "a": .null])) == "map[a:<nil> b:[1 x]]")
        #expect(GoFormat.syntax(.object(["b": .array([.int(1), .string("x\"")]), "a": .null]))
                == #"map[string]interface {}{"a":interface {}(nil), "b":[]interface {}{1, "x\""}}"#)
        #expect(GoFormat.float(0.5) == "0.5")
        #expect(GoFormat.float(0.00001) == "1e-05")
        #expect(GoFormat.float(123456.5) == "123456.5")
        #expect(GoFormat.float(-2.5e21) == "-2.5e+21")
        #expect(GoQuote.quote("a\tb\u{1}<") == #""a\tb\x01<""#)
        #expect(GoFormat.unquote(#""\x""#) == nil)
        #expect(GoFormat.unquote(#"'it\'s'"#) == "it's")
    }
}
