/// The compound commands of bash's grammar: loops, conditionals, `case`, groups, subshells,
/// and the arithmetic `((...))` and conditional `[[...]]` commands.
public indirect enum CompoundCommand: Sendable {
    /// `{ list; }`: runs in this shell.
    case group(ShellScript)
    /// `( list )`: runs in a copy of the shell; its variables and `cd` do not come back.
    case subshell(ShellScript)
    /// `for NAME in WORDS; do ...; done`; without `in`, the positional parameters (none here).
    case forLoop(name: String, words: [Word], body: ShellScript)
    /// `while LIST; do ...; done`, and `until` when `until` is true.
    case whileLoop(condition: ShellScript, body: ShellScript, until: Bool)
    /// `if LIST; then ...; elif ...; else ...; fi`: the first branch whose condition succeeds.
    case ifChain(branches: [ConditionalBranch], otherwise: ShellScript?)
    /// `case WORD in pattern|pattern) ...;; esac`.
    case caseSelection(subject: Word, clauses: [CaseClause])
    /// `(( expression ))`: succeeds when the expression is not 0.
    case arithmetic(Word)
    /// `[[ expression ]]`.
    case conditional(ConditionalExpression)
}

/// `if`'s and `elif`'s condition and the commands it guards.
public struct ConditionalBranch: Sendable {
    public var condition: ShellScript
    public var body: ShellScript
}

/// `a|b) commands ;;`: the commands run when the subject matches one of the patterns.
public struct CaseClause: Sendable {
    public var patterns: [Word]
    public var body: ShellScript
}

/// What `[[ ... ]]` holds: tests joined by `!`, `&&`, `||` and parentheses. Its words are not
/// split into fields nor matched against file names.
public indirect enum ConditionalExpression: Sendable {
    /// `-z word`, `-f file` and the other unary tests.
    case unary(String, Word)
    /// `a == pattern`, `a != pattern`, `a = b`, `a < b`, `a -eq b`, `a =~ regex`.
    case binary(Word, String, Word)
    /// A lone word: true when it is not empty.
    case word(Word)
    case not(ConditionalExpression)
    case and(ConditionalExpression, ConditionalExpression)
    case or(ConditionalExpression, ConditionalExpression)
}
