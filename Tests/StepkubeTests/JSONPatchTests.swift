import Testing
import Cluster

@Suite("JSON patch (RFC 6902)")
struct JSONPatchTests {
    let document = #"{"metadata":{"labels":{"app":"web","a/b":"1","m~n":"2"}},"spec":{"containers":[{"name":"a"},{"name":"b"}]}}"#

    func patched(_ operations: String) throws -> JSONValue {
        try JSONPatch.apply(try json(operations), to: try json(document))
    }

    func failure(_ operations: String) throws -> JSONPatch.Failure? {
        do {
            _ = try JSONPatch.apply(try json(operations), to: try json(document))
            return nil
        } catch let error as JSONPatch.Failure {
            return error
        }
    }

    @Test func addPutsKeysAndInsertsIntoArrays() throws {
        let result = try patched(#"[{"op":"add","path":"/metadata/labels/tier","value":"front"},{"op":"add","path":"/spec/containers/1","value":{"name":"c"}},{"op":"add","path":"/spec/containers/-","value":{"name":"z"}}]"#)
        #expect(result["metadata"]?["labels"]?["tier"] == .string("front"))
        #expect(result["spec"]?["containers"] == (try json(#"[{"name":"a"},{"name":"c"},{"name":"b"},{"name":"z"}]"#)))
    }

    @Test func removeAndReplace() throws {
        let result = try patched(#"[{"op":"remove","path":"/spec/containers/0"},{"op":"replace","path":"/metadata/labels/app","value":"api"}]"#)
        #expect(result["spec"]?["containers"] == (try json(#"[{"name":"b"}]"#)))
        #expect(result["metadata"]?["labels"]?["app"] == .string("api"))
    }

    @Test func escapedPointerTokens() throws {
        let result = try patched(#"[{"op":"remove","path":"/metadata/labels/a~1b"},{"op":"replace","path":"/metadata/labels/m~0n","value":"3"}]"#)
        #expect(result["metadata"]?["labels"] == (try json(#"{"app":"web","m~n":"3"}"#)))
    }

    @Test func moveAndCopy() throws {
        let result = try patched(#"[{"op":"copy","from":"/metadata/labels/app","path":"/metadata/labels/copy"},{"op":"move","from":"/spec/containers/0","path":"/spec/containers/-"}]"#)
        #expect(result["metadata"]?["labels"]?["copy"] == .string("web"))
        #expect(result["spec"]?["containers"] == (try json(#"[{"name":"b"},{"name":"a"}]"#)))
        #expect(try failure(#"[{"op":"move","from":"/spec","path":"/spec/x"}]"#)?.message == "move operation does not apply: path /spec/x is a child of from /spec")
    }

    @Test func testPassesOnEqualValuesAndFailsTheWholePatchOtherwise() throws {
        #expect(try patched(#"[{"op":"test","path":"/metadata/labels/app","value":"web"}]"#) == json(document))
        let failed = try failure(#"[{"op":"add","path":"/x","value":1},{"op":"test","path":"/metadata/labels/app","value":"api"}]"#)
        #expect(failed?.message == "testing value /metadata/labels/app failed: test failed" && failed?.malformed == false)
        #expect(try patched(#"[{"op":"add","path":"/n","value":1},{"op":"test","path":"/n","value":1.0}]"#)["n"] == .int(1))
    }

    @Test(arguments: [
        (#"[{"op":"replace","path":"/spec/nothing","value":1}]"#, "replace operation does not apply: doc is missing path: /spec/nothing"),
        (#"[{"op":"remove","path":"/metadata/labels/none"}]"#, "remove operation does not apply: doc is missing path: \"/metadata/labels/none\""),
        (#"[{"op":"remove","path":"spec"}]"#, "remove operation does not apply: doc is missing path: \"spec\""),
        (#"[{"op":"add","path":"/spec/containers/9","value":1}]"#, "Unable to access invalid index: 9: invalid index referenced"),
        (#"[{"op":"add","path":"/spec/containers/01","value":1}]"#, "Unable to access invalid index: 01: invalid index referenced"),
        (#"[{"op":"add","path":"/no/such/parent","value":1}]"#, "add operation does not apply: doc is missing path: \"/no/such/parent\""),
        (#"[{"op":"copy","from":"/nowhere","path":"/x"}]"#, "copy operation does not apply: doc is missing from path: /nowhere"),
        (#"[{"op":"add","path":"/x"}]"#, "add operation does not apply: doc is missing value field for path: /x"),
        (#"[{"op":"frobnicate","path":"/x"}]"#, "Unexpected kind: frobnicate"),
    ])
    func operationsThatDoNotApplySayWhy(operations: String, message: String) throws {
        let failed = try failure(operations)
        #expect(failed?.message == message)
        #expect(failed?.malformed == false)
    }

    @Test func aPatchThatIsNotAListIsMalformed() throws {
        let failed = try failure(#"{"op":"add"}"#)
        #expect(failed?.message == "json: cannot unmarshal object into Go value of type jsonpatch.Patch" && failed?.malformed == true)
        #expect(try failure(#"[1]"#)?.malformed == true)
    }

    @Test func anEmptyPathStandsForTheWholeDocument() throws {
        #expect(try patched(#"[{"op":"replace","path":"","value":{"a":1}}]"#) == json(#"{"a":1}"#))
    }
}
