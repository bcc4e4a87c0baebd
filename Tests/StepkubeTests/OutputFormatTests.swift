import Foundation
import REPL
import Testing

/// kubectl get's -o jsonpath, custom-columns and --sort-by on the running cluster: the exam's
/// one-liners, and the layouts and errors kubectl v1.32 prints (checked against a real kubectl).
@Suite struct OutputFormatTests {
    /// Two Pods, `b` created ten seconds before `a`, both running.
    func session() -> Session {
        let session = Session(workingDirectory: repositoryRoot)
        for line in ["kubectl run b --image=nginx", "clock advance 10s", "kubectl run a --image=busybox -- sleep 3600", "clock advance 30s"] {
            _ = session.feed(line)
        }
        return session
    }

    @Test func theExamOneLiners() {
        let session = session()
        let namespaced = session.feed(#"kubectl get po -A -o jsonpath='{range .items[*]}{.metadata.namespace}{"\t"}{.metadata.name}{"\n"}{end}'"#)
        #expect(namespaced.hasPrefix("default\ta\ndefault\tb\nkube-system\tcoredns-"))
        #expect(namespaced.contains("\nkube-system\tetcd-controlplane\n"))
        #expect(session.feed(#"kubectl get nodes -o jsonpath='{.items[*].status.addresses[?(@.type=="InternalIP")].address}'"#)
                == "192.168.100.10 192.168.100.11 192.168.100.12\n")
        #expect(session.feed("kubectl get nodes -o custom-columns=NAME:.metadata.name,CPU:.status.capacity.cpu")
                == "NAME           CPU\ncontrolplane   2\nnode01         2\nnode02         2\n")
        #expect(session.feed(#"kubectl get pod a -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}'"#) == "True\n")
        let byAge = session.feed("kubectl get pods --sort-by=.metadata.creationTimestamp")
        #expect(byAge.split(separator: "\n").map { $0.prefix(2) } == ["NA", "b ", "a "])
    }

    @Test func sortByOrdersEveryOutputAndReportsWhatKubectlReports() {
        let session = session()
        #expect(session.feed("kubectl get pods --sort-by=.metadata.creationTimestamp -o name") == "pod/b\npod/a\n")
        #expect(session.feed("kubectl get pods --sort-by='{.metadata.name}' -o name") == "pod/a\npod/b\n")
        #expect(session.feed("kubectl get pods --sort-by=spec.containers[0].image -o jsonpath='{.items[*].metadata.name}'") == "a b\n")
        #expect(session.feed("kubectl get pods --sort-by=.nope -o name")
                == "error: couldn't find any field with path \"{.nope}\" in the list of objects\n")
        #expect(session.feed("kubectl get pods --sort-by='.a[' -o name") == "error: unterminated array\n")
        #expect(session.feed("kubectl get pods --sort-by='{.a}{.b}' -o name").hasPrefix("error: unexpected path string, expected a 'name1.name2'"))
        #expect(session.feed("kubectl get pods --sort-by=.metadata -o name")
                == "Field {.metadata} in *unstructured.Unstructured is an unsortable type: interface, err: unsortable type: map[string]interface {}\n")
        // kubectl's table printer drops the error and prints no table.
        #expect(session.feed("kubectl get pods --sort-by=.nope") == "No resources found in default namespace.\n")
        #expect(session.feed("kubectl get pod a --sort-by=.nope -o name") == "pod/a\n", "one object is not sorted")
    }

    @Test func sortByComparesQuantitiesNumbersAndMissingValuesAsKubectlDoes() {
        let session = Session(workingDirectory: repositoryRoot)
        for (name, labels) in [("ten", "size=10,mem=2Gi"), ("nine", "size=9,mem=1024Mi"), ("none", "x=y"), ("half", "size=500m,mem=4Gi")] {
            _ = session.feed("kubectl run \(name) --image=nginx --labels=\(labels)")
        }
        #expect(session.feed("kubectl get pods -l size --sort-by=.metadata.labels.size -o name") == "pod/half\npod/nine\npod/ten\n")
        #expect(session.feed("kubectl get pods -l size --sort-by=.metadata.labels.mem -o name") == "pod/nine\npod/ten\npod/half\n")
        #expect(session.feed("kubectl get pods --sort-by=.metadata.labels.size -o custom-columns=NAME:.metadata.name,SIZE:.metadata.labels.size")
                == "NAME   SIZE\nnone   <none>\nhalf   500m\nnine   9\nten    10\n", "a Pod without the label sorts first")
    }

    @Test func customColumnsLayOutCellsAsKubectlsTabwriter() {
        let session = session()
        #expect(session.feed("kubectl get pods -o custom-columns=N:metadata.name,IMAGES:{.spec.containers[*].image},L:.metadata.labels,X:.spec.nope")
                == "N     IMAGES    L            X\na     busybox   map[run:a]   <none>\nb     nginx     map[run:b]   <none>\n")
        #expect(session.feed("kubectl get pods -o custom-columns=N:.metadata.name --no-headers") == "a\nb\n")
        #expect(session.feed("kubectl get pods -n empty -o custom-columns=N:.metadata.name") == "N\n", "an empty list prints the header")
        #expect(session.feed("kubectl get pod a -o custom-columns=ARGS:.spec.containers[0].args") == "ARGS\n[sleep 3600]\n")
    }

    @Test func customColumnsErrors() {
        let session = session()
        #expect(session.feed("kubectl get pods -o custom-columns=") == "error: custom-columns format specified but no custom columns given\n")
        #expect(session.feed("kubectl get pods -o custom-columns=N")
                == "error: unexpected custom-columns spec: N, expected <header>:<json-path-expr>\n")
        #expect(session.feed("kubectl get pods -o custom-columns='N:.a[0'") == "N\nerror: unterminated array\n")
        #expect(session.feed("kubectl get pods -o custom-columns='N:.spec.containers[5]'")
                == "N\nerror: array index out of bounds: index 5, length 1\n")
        #expect(session.feed("kubectl get pods -o custom-columns-file=nothing.txt")
                == "error: error reading template nothing.txt, open nothing.txt: no such file or directory\n")
        #expect(session.feed("kubectl get pods -o wide --show-labels -o yaml") == "error: --show-labels option cannot be used with yaml printer\n")
    }

    @Test func customColumnsFromAFileKeepTheirHeaderEvenWithNoHeaders() throws {
        let session = session()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("columns-\(UUID().uuidString).txt")
        try "NAME   IMAGE\nmetadata.name   {.spec.containers[*].image}\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(session.feed("kubectl get pods -o custom-columns-file=\(file.path) --no-headers") == "NAME   IMAGE\na      busybox\nb      nginx\n")
        try "NAME   IMAGE\nmetadata.name\n".write(to: file, atomically: true, encoding: .utf8)
        #expect(session.feed("kubectl get pods -o custom-columns-file=\(file.path)")
                == "error: number of headers (2) and field specifications (1) don't match\n")
    }

    @Test func jsonpathErrorsAndEmptyLists() {
        let session = session()
        let failure = session.feed("kubectl get pods -o jsonpath='{.items[5]}'")
        #expect(failure.hasPrefix("""
            error: error executing jsonpath "{.items[5]}": Error executing template: array index out of bounds: index 5, length 2. \
            Printing more information for debugging the template:
            \ttemplate was:
            \t\t{.items[5]}
            \tobject given to jsonpath engine was:
            \t\tmap[string]interface {}{"apiVersion":"v1", "items":[]interface {}{map[string]interface {}{"apiVersion":"v1", "kind":"Pod",
            """))
        #expect(failure.hasSuffix("}\n\n\n"))
        #expect(session.feed("kubectl get pods -o jsonpath='{.a'") == "error: error parsing jsonpath {.a, unclosed action\n")
        #expect(session.feed("kubectl get pods -n empty -o jsonpath='{.items}'") == "[]\n")
        #expect(session.feed("kubectl get pods -n empty -o name") == "")
        #expect(session.feed("kubectl get pods -n empty -o yaml") == "apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: \"\"\n")
        #expect(session.feed("kubectl get pods -o jsonpath-as-json='{.items[*].metadata.name}'") == "[\n    \"a\",\n    \"b\"\n]\n")
        #expect(session.feed("kubectl get pods -o foo").hasPrefix("error: unable to match a printer suitable for the output format \"foo\", "
                                                                    + "allowed formats are: custom-columns,custom-columns-file,go-template,"))
    }

    @Test func tablesShowKindsNamespacesAndNoHeaders() {
        let session = session()
        #expect(session.feed("kubectl get pods --show-kind").hasPrefix("NAME    READY   STATUS    RESTARTS   AGE\npod/a   1/1     Running   0"))
        let both = session.feed("kubectl get pods,nodes --no-headers")
        #expect(both.hasPrefix("pod/a   1/1     Running   0          30s\npod/b   1/1     Running   0          "))
        #expect(both.contains("s\nnode/controlplane   Ready    control-plane   "), "no blank line between the types without headers")
        #expect(session.feed("kubectl get pods -A --no-headers --sort-by=.metadata.name").hasPrefix("default       a   "))
    }
}
