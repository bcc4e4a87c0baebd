import Foundation
import SimCore
import Testing
@testable import Shell

@Suite("bash's grammar: words, quotes, operators, redirections, heredocs")
struct ShellParserTests {
    private func words(_ line: String) throws -> [String] {
        let script = try ShellParser.parse(line)
        return script.items.first?.first.commands.first?.simple?.words.map(\.text) ?? []
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
        let command = try #require(try ShellParser.parse("k get po > out.txt 2>&1 2>/dev/null >> log").items.first?.first.commands.first?.simple)
        #expect(command.words.map(\.text) == ["k", "get", "po"])
        #expect(command.redirections.map(\.descriptor) == [1, 2, 2, 1])
        #expect(command.redirections.map(\.target.text) == ["out.txt", "1", "/dev/null", "log"])
    }

    @Test func assignmentsBeforeTheCommandAreNotWords() throws {
        let command = try #require(try ShellParser.parse("KUBE_EDITOR=\"sed -i s/a/b/\" kubectl edit x").items.first?.first.commands.first?.simple)
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
        guard case .hereDocument(let document)? = script.items[0].first.commands[0].simple?.redirections.first?.operation else {
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

    @Test func compoundCommandsAreReadWithTheirParts() throws {
        let loop = try ShellParser.parse("for p in a \"b c\"; do echo $p; done > out | wc -l").items[0].first
        #expect(loop.commands.count == 2)
        guard case .compound(.forLoop(let name, let words, let body), let redirections) = loop.commands[0] else {
            Issue.record("no for loop")
            return
        }
        #expect(name == "p" && words.map(\.text) == ["a", "\"b c\""] && body.items.count == 1)
        #expect(redirections.map(\.target.text) == ["out"])
        guard case .compound(.ifChain(let branches, let otherwise), _) = try ShellParser.parse("if a; then b; elif c; then d; else e; fi").items[0].first.commands[0] else {
            Issue.record("no if")
            return
        }
        #expect(branches.count == 2 && otherwise?.items.count == 1)
        guard case .compound(.caseSelection(_, let clauses), _) = try ShellParser.parse("case $x in a|b) echo 1;; (c) ;; esac").items[0].first.commands[0] else {
            Issue.record("no case")
            return
        }
        #expect(clauses.map { $0.patterns.map(\.text) } == [["a", "b"], ["c"]] && clauses[1].body.items.isEmpty)
        guard case .compound(.arithmetic(let expression), _) = try ShellParser.parse("((i++))").items[0].first.commands[0] else {
            Issue.record("no arithmetic command")
            return
        }
        #expect(expression.text == "i++")
        // `$( (...) )` is a command substitution holding a subshell, not arithmetic.
        let parts = try ShellParser.parse("echo $((1+2)) $( (echo a) )").items[0].first.commands[0].simple?.words.map(\.parts)
        guard case .arithmetic? = parts?[1].first, case .commandSubstitution? = parts?[2].first else {
            Issue.record("wrong substitutions")
            return
        }
    }

    @Test func reservedWordsCountOnlyWhereACommandStarts() throws {
        #expect(try words("echo for do done }") == ["echo", "for", "do", "done", "}"])
        #expect(try ShellParser.parse("{ { echo b; } }").items.count == 1)
        #expect(try ShellParser.parse("if true; then if true; then echo a; fi fi").items.count == 1)
    }

    @Test func anUnfinishedCompoundCommandAsksForMore() {
        for line in ["for i in 1 2", "for i", "for i in 1 2; do echo", "if true; then", "if true; then echo; else", "while true; do",
                     "until false", "case x in", "case x in a) echo", "{ echo hi", "{ echo hi }", "( echo", "[[ a == b", "echo $(( ( ))",
                     "((1", "for i in 1\ndo\necho $i"] {
            #expect(throws: ShellSyntaxError.incomplete, "\(line)") { try ShellParser.parse(line) }
        }
    }

    @Test func misplacedReservedWordsAreBashsSyntaxErrors() {
        for (line, token) in [("fi", "fi"), ("done", "done"), ("for", "newline"), ("for ;", ";"), ("if true; then; fi", ";"),
                              ("if true; then fi", "fi"), ("while do", "do"), ("for i in a b; echo $i; done", "echo"), ("( )", ")"),
                              ("if true; then echo x; fi echo", "echo"), ("case a in a) echo p;; esax", "newline"), ("[[ ]]", "]]"),
                              ("echo $(( ) ))", ")"), ("for i in 1; do :; done done", "done")] {
            #expect(throws: ShellSyntaxError.unexpectedToken(token), "\(line)") { try ShellParser.parse(line) }
        }
    }

    @Test func randomCompoundInputNeverTraps() {
        let random = SeededRandom(seed: 29)
        let tokens = ["for", "in", "do", "done", "if", "then", "elif", "else", "fi", "while", "until", "case", "esac", ";;", "{", "}",
                      "(", ")", "((", "))", "$((", "$(", "[[", "]]", "!", "&&", "||", "|", ";", "\n", "x", "1", "+", "==", "-z", "'", "\""]
        for _ in 0..<3000 {
            let count = Int(random.next() % 16)
            let line = (0..<count).map { _ in tokens[Int(random.next() % UInt64(tokens.count))] }.joined(separator: " ")
            _ = try? ShellParser.parse(line)
        }
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
