import Testing
@testable import APIServer
import KubeModel

/// Field sets as managedFields write them, and paths as conflicts name them.
@Suite("FieldSet")
struct FieldSetTests {
    @Test func fieldsV1RoundTripsWithTheDotForAMemberThatHasChildren() {
        var set = FieldSet()
        set.insert(["f:metadata", "f:labels"])
        set.insert(["f:metadata", "f:labels", "f:app"])
        set.insert(["f:spec", "f:replicas"])
        let encoded = set.fieldsV1
        #expect(encoded.render(indent: "") == #"{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:replicas":{}}}"#)
        #expect(FieldSet(fieldsV1: encoded) == set)
    }

    @Test func pathsAreDescribedAsStructuredMergeDiffPrintsThem() {
        #expect(FieldSet.describe(["f:spec", "f:template", "f:spec", "f:containers", #"k:{"name":"nginx"}"#, "f:image"])
                == #".spec.template.spec.containers[name="nginx"].image"#)
        #expect(FieldSet.describe(["f:spec", "f:ports", #"k:{"port":80,"protocol":"TCP"}"#]) == #".spec.ports[port=80,protocol="TCP"]"#)
        #expect(FieldSet.describe(["f:metadata", "f:finalizers", #"v:"x""#]) == #".metadata.finalizers[="x"]"#)
    }

    @Test func anApplyConfigurationOwnsItsLeavesAndKeyedItems() throws {
        let configuration = JSONValue.object(["spec": .object([
            "ports": .array([.object(["port": .int(80)])]),
            "selector": .object(["app": .string("web")]),
        ])])
        let set = try FieldComparison.fieldSet(of: configuration)
        // A Service port without a protocol is keyed by the default, TCP; selectors are atomic.
        #expect(set.paths.map(FieldSet.describe) == [".spec.selector", #".spec.ports[port=80,protocol="TCP"]"#, #".spec.ports[port=80,protocol="TCP"].port"#])
    }

    @Test func aKeyedItemWithoutItsKeyIsAnError() {
        let configuration = JSONValue.object(["spec": .object(["containers": .array([.object(["image": .string("nginx")])])])])
        #expect(throws: FieldComparison.Failure.self) { try FieldComparison.fieldSet(of: configuration) }
    }
}
