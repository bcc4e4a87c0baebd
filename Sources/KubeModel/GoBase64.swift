/// Base64 as Go's `encoding/json` reads a `[]byte` field (StdEncoding, padded, newlines
/// skipped), with its error: `illegal base64 data at input byte N`.
public enum GoBase64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    private static let values: [UInt8: UInt8] = Dictionary(uniqueKeysWithValues: alphabet.enumerated().map { ($1, UInt8($0)) })

    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        let bytes = Array(bytes)
        var text: [UInt8] = []
        text.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            let value = chunk.enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << (16 - 8 * UInt32($1.offset)) }
            for position in 0..<4 {
                text.append(position <= chunk.count ? alphabet[Int(value >> (18 - 6 * UInt32(position)) & 63)] : UInt8(ascii: "="))
            }
            index += 3
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The bytes `text` stands for, or the offset Go's decoder reports as corrupt.
    public static func decode(_ text: String) -> Result<[UInt8], CorruptInput> {
        let source = Array(text.utf8)
        var output: [UInt8] = []
        var index = 0
        func isNewline(_ byte: UInt8) -> Bool { byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") }
        while index < source.count {
            var quantum: [UInt8] = []
            var finished = false
            while quantum.count < 4 {
                guard index < source.count else {
                    if quantum.isEmpty { return .success(output) }
                    return .failure(CorruptInput(offset: index - quantum.count))
                }
                let byte = source[index]
                index += 1
                if let value = values[byte] { quantum.append(value); continue }
                if isNewline(byte) { continue }
                guard byte == UInt8(ascii: "="), quantum.count >= 2 else { return .failure(CorruptInput(offset: index - 1)) }
                if quantum.count == 2 {
                    while index < source.count, isNewline(source[index]) { index += 1 }
                    guard index < source.count else { return .failure(CorruptInput(offset: source.count)) }
                    guard source[index] == UInt8(ascii: "=") else { return .failure(CorruptInput(offset: index - 1)) }
                    index += 1
                }
                while index < source.count, isNewline(source[index]) { index += 1 }
                if index < source.count { return .failure(CorruptInput(offset: index)) }
                finished = true
                break
            }
            let value = quantum.enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << (18 - 6 * UInt32($1.offset)) }
            for position in 0..<(quantum.count - 1) { output.append(UInt8(value >> (16 - 8 * UInt32(position)) & 255)) }
            if finished { break }
        }
        return .success(output)
    }

    public struct CorruptInput: Error, Equatable {
        public let offset: Int
        public init(offset: Int) { self.offset = offset }
        public var message: String { "illegal base64 data at input byte \(offset)" }
    }
}
