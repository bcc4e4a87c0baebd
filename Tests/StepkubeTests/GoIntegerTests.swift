import Testing
@testable import Kubectl

/// pflag's integers: Go's strconv.ParseInt(text, 0, bits).
@Suite("Go integer flags")
struct GoIntegerTests {
    @Test(arguments: [
        ("0", 64, 0), ("42", 32, 42), ("-7", 32, -7), ("+7", 32, 7), ("0x1F", 32, 31), ("0o17", 32, 15), ("017", 32, 15),
        ("0b101", 32, 5), ("1_000", 32, 1000), ("0x_1", 32, 1), ("2147483647", 32, 2_147_483_647), ("-2147483648", 32, -2_147_483_648),
        ("9223372036854775807", 64, Int.max), ("-9223372036854775808", 64, Int.min),
    ])
    func parses(_ text: String, _ bits: Int, _ value: Int) {
        #expect(GoInteger.parse(text, bits: bits) == .success(value))
    }

    @Test(arguments: [
        ("", GoInteger.Problem.syntax), ("-", .syntax), ("0x", .syntax), ("_1", .syntax), ("1_", .syntax), ("1__0", .syntax),
        ("08", .syntax), ("1e3", .syntax), ("１", .syntax), ("ten", .syntax), ("2147483648", .range), ("-2147483649", .range),
        ("99999999999999999999", .range),
    ])
    func rejects32(_ text: String, _ problem: GoInteger.Problem) {
        #expect(GoInteger.parse(text, bits: 32) == .failure(problem))
    }
}
