import Foundation
import SimCore
import Testing
@testable import Shell

@Suite("bash's grammar: words, quotes, operators, redirections, heredocs")
struct ShellParserTests {
    private func words(_ line: String) throws -> [String] {
        let script = try ShellParser.parse(line)
        return script.items.first?.first.commands.first?.words.map(\.text) ?? []
    }

    @Test func quotesAndEscapesStayInOneWord() throws {
        #expect(try words(#"kubectl get po -o jsonpath='{.items[*].metadata.name}' "a b" c\ d"#)
                == ["kubectl", "get", "po", "-o", "jsonpath='{.items[*].metadata.name}'", "\"a b\"", #"c\ d"#])
    }

    @Test func operatorsSplitPipelinesAndLists() throws {
        let script = try ShellParser.parse("a | b && c || d; e")
        #expect(script.items.count == 2)
        #expect(script.items[0].first.commands.count == 2)
        #expect(script.items[0].rest.map(\.0) == [.and, .or])
    }

    @Test func redirectionsAreReadWithTheirDescriptors() throws {
        let command = try #require(try ShellParser.parse("k get po > out.txt 2>&1 2>/dev/null >> log").items.first?.first.commands.first)
        #expect(command.words.map(\.text) == ["k", "get", "po"])
        #expect(command.redirections.map(\.descriptor) == [1, 2, 2, 1])
        #expect(command.redirections.map(\.target.text) == ["out.txt", "1", "/dev/null", "log"])
    }

    @Test func assignmentsBeforeTheCommandAreNotWords() throws {
        let command = try #require(try ShellParser.parse("KUBE_EDITOR=\"sed -i s/a/b/\" kubectl edit x").items.first?.first.commands.first)
        #expect(command.assignments.map(\.name) == ["KUBE_EDITOR"])
        #expect(command.words.map(\.text) == ["kubectl", "edit", "x"])
    }

    @Test func anUnfinishedLineAsksForMore() {
        for line in ["echo 'open", "echo \"open", "a |", "a &&", "cat <<EOF", "cat <<EOF\nline", "echo $(date", "echo `date", "echo \\"] {
            #expect(throws: ShellSyntaxError.incomplete, "\(line)") { try ShellParser.parse(line) }
        }
    }

    @Test func aHeredocEndsAtItsDelimiter() throws {
        let script = try ShellParser.parse("cat <<-EOF | grep b\n\ta\n\tb $X\n\tEOF\necho done")
        #expect(script.items.count == 2)
        guard case .hereDocument(let document)? = script.items[0].first.commands[0].redirections.first?.operation else {
            Issue.record("no heredoc")
            return
        }
        #expect(document.stripsTabs && !document.literal && document.delimiter == "EOF")
        #expect(document.body.count == 3)
    }

    @Test func misplacedOperatorsAreBashsSyntaxErrors() {
        #expect(throws: ShellSyntaxError.unexpectedToken("|")) { try ShellParser.parse("| grep x") }
        #expect(throws: ShellSyntaxError.unexpectedToken(";;")) { try ShellParser.parse("a ;; b") }
        #expect(throws: ShellSyntaxError.unexpectedToken("newline")) { try ShellParser.parse("echo >") }
        #expect(throws: ShellSyntaxError.unexpectedToken("(")) { try ShellParser.parse("echo (x)") }
        #expect(ShellSyntaxError.unexpectedToken("|").message == "syntax error near unexpected token `|'")
    }

    @Test func randomInputNeverTraps() {
        let random = SeededRandom(seed: 13)
        let alphabet = Array("ab $'\"\\|&;<>(){}`#=*?[]\n\t-012")
        for _ in 0..<3000 {
            let length = Int(random.next() % 25)
            let line = String((0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] })
            _ = try? ShellParser.parse(line)
        }
    }
}
