/// The shape of a command line as bash reads it: lists of and-or chains of pipelines of simple
/// commands, each a list of words with redirections. Words keep their quoting, so that expansion
/// knows what may be split into fields or matched against file names.
public struct ShellScript: Sendable {
    public var items: [AndOrList]
}

/// `a && b || c`: pipelines joined by `&&` and `||`, run left to right.
public struct AndOrList: Sendable {
    public enum Connector: Sendable { case and, or }
    public var first: Pipeline
    public var rest: [(Connector, Pipeline)]
}

/// `! a | b | c`: each command's standard output feeds the next one's standard input.
public struct Pipeline: Sendable {
    public var negated: Bool
    public var commands: [Command]
}

/// One stage of a pipeline: a simple command, or a compound one with the redirections after it
/// (`done > file`, `} 2>/dev/null`).
public enum Command: Sendable {
    case simple(SimpleCommand)
    case compound(CompoundCommand, redirections: [Redirection])

    /// The simple command, if this is one.
    public var simple: SimpleCommand? {
        if case .simple(let command) = self { command } else { nil }
    }
}

/// `NAME=value command words... > file`, with the text it was typed as, which alias expansion
/// re-reads with the alias's value in place of the first word.
public struct SimpleCommand: Sendable {
    public var assignments: [(name: String, value: Word)]
    public var words: [Word]
    public var redirections: [Redirection]
    /// The command as typed from its first word on: alias expansion replaces that word's text.
    public var textAfterFirstWord: String
}

/// One word before expansion.
public struct Word: Sendable {
    public var parts: [WordPart]
    /// The word as typed; an alias name must be typed plainly (no quotes, no expansions).
    public var text: String

    /// The word's text when it holds only unquoted literal characters.
    public var plainText: String? {
        parts.allSatisfy { if case .literal = $0 { true } else { false } } ? text : nil
    }
}

public indirect enum WordPart: Sendable {
    /// Unquoted characters: subject to file-name matching.
    case literal(String)
    /// Characters from single quotes or a backslash escape: taken as they are.
    case quoted(String)
    /// `"..."`: expansions inside, but no field splitting or file-name matching.
    case doubleQuoted([WordPart])
    /// `$NAME`, `${NAME}`, `${NAME:-word}`, `$?`.
    case parameter(Parameter)
    /// `$(...)` or backquotes: the commands' standard output, trailing newlines removed.
    case commandSubstitution(ShellScript)
    /// `<(...)`: the name of a file holding the commands' standard output.
    case processSubstitution(ShellScript)
    /// `$((...))`: the expression's text, expanded as in double quotes, then evaluated.
    case arithmetic(Word)
}

/// A parameter expansion and its operator.
public struct Parameter: Sendable {
    public enum Operation: Sendable {
        case value
        /// `${#NAME}`
        case length
        /// `${NAME:-word}` (colon: also when empty) and `${NAME-word}`.
        case useDefault(Word, colon: Bool)
        /// `${NAME:=word}`
        case assignDefault(Word, colon: Bool)
        /// `${NAME:+word}`
        case useAlternative(Word, colon: Bool)
        /// `${NAME#pattern}`, `##`, `%`, `%%`.
        case removePrefix(Word, longest: Bool)
        case removeSuffix(Word, longest: Bool)
    }
    public var name: String
    public var operation: Operation
}

/// `> file`, `2>&1`, `<<EOF` and their kin. `descriptor` is the file descriptor redirected.
public struct Redirection: Sendable {
    public enum Operator: Sendable {
        case input
        case output
        case append
        /// `N>&M`: descriptor N writes where M does.
        case duplicate
        /// `&>` and `&>>`: standard output and error to one file.
        case outputAndError(append: Bool)
        /// `<<<word`
        case hereString
        /// `<<EOF`: the body read from the lines after the command.
        case hereDocument(HereDocument)
    }
    public var descriptor: Int
    public var operation: Operator
    public var target: Word
}

/// A heredoc's body, filled in when the parser reaches the lines after its command.
public final class HereDocument: @unchecked Sendable {
    public let delimiter: String
    /// A quoted delimiter (`<<'EOF'`) takes the body as it is; otherwise `$VAR` and `$(...)` expand.
    public let literal: Bool
    /// `<<-EOF` strips leading tabs.
    public let stripsTabs: Bool
    public internal(set) var body: [WordPart] = []

    init(delimiter: String, literal: Bool, stripsTabs: Bool) {
        self.delimiter = delimiter
        self.literal = literal
        self.stripsTabs = stripsTabs
    }
}

/// Why bash cannot run a line.
public enum ShellSyntaxError: Error, Equatable, Sendable {
    /// The line is not finished: an open quote, a trailing `|` or `&&`, a heredoc waiting for its
    /// delimiter, a `for` without its `done`. A terminal asks for the next line (`> `) and reads
    /// the two together.
    case incomplete
    /// `syntax error near unexpected token `X'`.
    case unexpectedToken(String)
    /// Constructs nested deeper than the shell follows (`((((...` a thousand times).
    case nestedTooDeeply

    public var message: String {
        switch self {
        case .incomplete: "syntax error: unexpected end of file"
        case .unexpectedToken(let token): "syntax error near unexpected token `\(token)'"
        case .nestedTooDeeply: "maximum nesting level exceeded"
        }
    }
}
