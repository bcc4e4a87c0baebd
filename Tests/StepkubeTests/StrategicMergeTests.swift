import Testing
import Cluster
import KubeYAML

/// JSON text as a value, for writing documents and patches the way a student types them.
func json(_ text: String) throws -> JSONValue {
    try #require(try Manifest.parse(text, source: "test").first?.source)
}

@Suite("Strategic merge patch")
struct StrategicMergeTests {
    func merged(_ original: String, _ patch: String) throws -> JSONValue {
        try StrategicMerge.apply(try json(patch), to: try json(original))
    }

    func failure(_ original: String, _ patch: String) throws -> String? {
        do {
            _ = try StrategicMerge.apply(try json(patch), to: try json(original))
            return nil
        } catch let error as StrategicMerge.Failure {
            return error.message
        }
    }

    @Test func mapsMergeAndNullDeletes() throws {
        #expect(try merged(#"{"a":1,"b":{"c":2,"d":3}}"#, #"{"b":{"c":null,"e":4},"f":5}"#)
                == json(#"{"a":1,"b":{"d":3,"e":4},"f":5}"#))
    }

    @Test func containersMergeByName() throws {
        let original = #"{"containers":[{"name":"web","image":"nginx"},{"name":"log","image":"busybox"}]}"#
        #expect(try merged(original, #"{"containers":[{"name":"log","image":"alpine"},{"name":"new","image":"redis"}]}"#)
                == json(#"{"containers":[{"name":"web","image":"nginx"},{"name":"log","image":"alpine"},{"name":"new","image":"redis"}]}"#))
    }

    @Test(arguments: [
        ("ports", #"[{"containerPort":80,"name":"http"}]"#, #"[{"containerPort":80,"protocol":"TCP"}]"#, #"[{"containerPort":80,"name":"http","protocol":"TCP"}]"#),
        ("ports", #"[{"port":80,"targetPort":8080}]"#, #"[{"port":80,"nodePort":30080}]"#, #"[{"port":80,"targetPort":8080,"nodePort":30080}]"#),
        ("env", #"[{"name":"A","value":"1"},{"name":"B","value":"2"}]"#, #"[{"name":"B","value":"3"}]"#, #"[{"name":"A","value":"1"},{"name":"B","value":"3"}]"#),
        ("volumes", #"[{"name":"data","emptyDir":{}}]"#, #"[{"name":"data","hostPath":{"path":"/x"}}]"#, #"[{"name":"data","emptyDir":{},"hostPath":{"path":"/x"}}]"#),
        ("volumeMounts", #"[{"mountPath":"/a","name":"x"}]"#, #"[{"mountPath":"/a","readOnly":true}]"#, #"[{"mountPath":"/a","name":"x","readOnly":true}]"#),
        ("conditions", #"[{"type":"Ready","status":"False"}]"#, #"[{"type":"Ready","status":"True"}]"#, #"[{"type":"Ready","status":"True"}]"#),
        ("finalizers", #"["a","b"]"#, #"["b","c"]"#, #"["a","b","c"]"#),
        ("tolerations", #"[{"key":"a","operator":"Exists"}]"#, #"[{"key":"b","operator":"Exists"}]"#, #"[{"key":"b","operator":"Exists"}]"#),
        ("args", #"["a","b"]"#, #"["c"]"#, #"["c"]"#),
    ])
    func listsMergeByTheirMergeKeyOrAreReplaced(field: String, original: String, patch: String, expected: String) throws {
        #expect(try merged(#"{"\#(field)":\#(original)}"#, #"{"\#(field)":\#(patch)}"#) == json(#"{"\#(field)":\#(expected)}"#))
    }

    @Test func patchDeleteRemovesAListItemByItsKey() throws {
        #expect(try merged(#"{"containers":[{"name":"a"},{"name":"b"}]}"#, #"{"containers":[{"name":"a","$patch":"delete"}]}"#)
                == json(#"{"containers":[{"name":"b"}]}"#))
        #expect(try failure(#"{"containers":[{"name":"a"}]}"#, #"{"containers":[{"$patch":"delete"}]}"#)
                == "delete patch type with no merge key defined")
    }

    @Test func patchDeleteOnAMapEmptiesIt() throws {
        #expect(try merged(#"{"metadata":{"labels":{"a":"1"},"name":"x"}}"#, #"{"metadata":{"labels":{"$patch":"delete"}}}"#)
                == json(#"{"metadata":{"labels":{},"name":"x"}}"#))
    }

    @Test func patchReplaceOnAMapReplacesIt() throws {
        #expect(try merged(#"{"labels":{"a":"1","b":"2"}}"#, #"{"labels":{"$patch":"replace","c":"3"}}"#) == json(#"{"labels":{"c":"3"}}"#))
    }

    @Test func patchReplaceInAListReplacesTheList() throws {
        #expect(try merged(#"{"containers":[{"name":"a","image":"x"},{"name":"b"}]}"#, #"{"containers":[{"$patch":"replace"},{"name":"c"}]}"#)
                == json(#"{"containers":[{"name":"c"}]}"#))
    }

    @Test func patchMergeInAListAndUnknownDirectivesAreRefused() throws {
        #expect(try failure(#"{"containers":[]}"#, #"{"containers":[{"$patch":"merge"}]}"#) == "merging lists cannot yet be specified in the patch")
        #expect(try failure(#"{"labels":{}}"#, #"{"labels":{"$patch":"merge"}}"#) == "Unknown patch type: merge in map: map[$patch:merge]")
        #expect(try failure(#"{"containers":[{"name":"a"}]}"#, #"{"containers":[{"$patch":"zap","name":"a"}]}"#)
                == "Unknown patch type: zap in map: map[$patch:zap name:a]")
    }

    @Test func aListItemWithoutItsMergeKeyIsRefused() throws {
        #expect(try failure(#"{"containers":[{"name":"a"}]}"#, #"{"containers":[{"image":"nginx"}]}"#)
                == "map: map[image:nginx] does not contain declared merge key: name")
    }

    @Test func retainKeysClearsTheFieldsItDoesNotName() throws {
        let original = #"{"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1}}}"#
        #expect(try merged(original, #"{"strategy":{"$retainKeys":["type"],"type":"Recreate"}}"#) == json(#"{"strategy":{"type":"Recreate"}}"#))
        #expect(try failure(original, #"{"strategy":{"$retainKeys":["type"],"other":1}}"#) == "invalid patch format of retainKeys")
        #expect(try failure(original, #"{"strategy":{"$retainKeys":"type"}}"#) == "invalid patch format of retainKeys")
    }

    @Test func deleteFromPrimitiveListRemovesValues() throws {
        #expect(try merged(#"{"finalizers":["c","a","b"]}"#, #"{"$deleteFromPrimitiveList/finalizers":["a"]}"#) == json(#"{"finalizers":["b","c"]}"#))
        #expect(try failure(#"{"finalizers":["a"]}"#, #"{"$deleteFromPrimitiveList/finalizers":"a"}"#) == "invalid patch format of primitive list")
    }

    @Test func setElementOrderOrdersTheMergedList() throws {
        let original = #"{"containers":[{"name":"a"},{"name":"b"},{"name":"c"}]}"#
        // The patch names b before a; c, which only the server has, stays after them as it was after b.
        let patch = #"{"$setElementOrder/containers":[{"name":"b"},{"name":"a"}],"containers":[{"name":"a","image":"x"}]}"#
        #expect(try merged(original, patch) == json(#"{"containers":[{"name":"b"},{"name":"a","image":"x"},{"name":"c"}]}"#))
        let front = #"{"$setElementOrder/containers":[{"name":"c"},{"name":"z"}],"containers":[{"name":"z"}]}"#
        #expect(try merged(original, front) == json(#"{"containers":[{"name":"a"},{"name":"b"},{"name":"c"},{"name":"z"}]}"#))
    }

    @Test func newValuesLoseTheirDirectivesAndNulls() throws {
        #expect(try merged(#"{}"#, #"{"spec":{"a":null,"b":1,"containers":[{"name":"x","$patch":"delete"},{"name":"y"}]}}"#)
                == json(#"{"spec":{"b":1,"containers":[{"name":"y"}]}}"#))
    }
}
