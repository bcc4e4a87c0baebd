import Cluster

/// A label selector typed on the command line for objects read from files (apply, diff):
/// kubectl's resource builder parses it itself, with apimachinery's parser.
enum Selector {
    static func parseForFiles(_ text: String) throws(KubectlError) -> LabelSelector {
        do {
            return try LabelSelectorParser.parse(text)
        } catch {
            throw .message("the provided selector \(GoQuote.quote(text)) is not valid: \(error.message)")
        }
    }
}
