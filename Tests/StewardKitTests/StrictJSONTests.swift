import XCTest
@testable import StewardKit

/// Rule-by-rule checks of the strict reader: rule ids, positions, values and messages.
final class StrictJSONTests: XCTestCase {
    /// Asserts `bytes` is refused under `rule` at `line`:`column`; returns the error.
    @discardableResult
    private func assertRefused(
        _ bytes: [UInt8], _ rule: JSONParseError.Rule, _ line: Int, _ column: Int,
        maxDepth: Int = StrictJSON.defaultMaxDepth, maxBytes: Int = StrictJSON.defaultMaxBytes,
        file: StaticString = #filePath, line testLine: UInt = #line
    ) -> JSONParseError? {
        do {
            let value = try StrictJSON.parse(bytes, maxDepth: maxDepth, maxBytes: maxBytes)
            XCTFail("accepted as \(value), expected \(rule.rawValue)", file: file, line: testLine)
            return nil
        } catch {
            XCTAssertEqual(error.rule, rule, "\(error)", file: file, line: testLine)
            XCTAssertEqual(error.line, line, "line of \(error)", file: file, line: testLine)
            XCTAssertEqual(error.column, column, "column of \(error)", file: file, line: testLine)
            return error
        }
    }

    @discardableResult
    private func assertRefused(
        _ text: String, _ rule: JSONParseError.Rule, _ line: Int, _ column: Int,
        file: StaticString = #filePath, line testLine: UInt = #line
    ) -> JSONParseError? {
        assertRefused(Array(text.utf8), rule, line, column, file: file, line: testLine)
    }

    private func parse(_ text: String) throws -> JSONValue { try StrictJSON.parse(text) }

    // MARK: - Values

    func testScalarsAtTopLevel() throws {
        XCTAssertEqual(try parse("null"), .null)
        XCTAssertEqual(try parse(" true "), .bool(true))
        XCTAssertEqual(try parse("\n\tfalse\r\n"), .bool(false))
        XCTAssertEqual(try parse("\"x\""), .string("x"))
        XCTAssertEqual(try parse("0"), .int(0))
        XCTAssertEqual(try parse("[]"), .array([]))
        XCTAssertEqual(try parse("{}"), .object([:]))
    }

    func testNestedDocument() throws {
        let value = try parse(#"{"a": [1, {"b": null}, "c"], "d": {"e": {}}, "f": [[]]}"#)
        XCTAssertEqual(value, .object([
            "a": .array([.int(1), .object(["b": .null]), .string("c")]),
            "d": .object(["e": .object([:])]),
            "f": .array([.array([])]),
        ]))
    }

    func testNumbers() throws {
        XCTAssertEqual(try parse("1.5"), .number("1.5"))
        XCTAssertEqual(try parse("9223372036854775807"), .int(Int64.max))
        XCTAssertEqual(try parse("9223372036854775808"), .number("9223372036854775808"))
        XCTAssertEqual(try parse("-9223372036854775808"), .int(Int64.min))
        XCTAssertEqual(try parse("-9223372036854775809"), .number("-9223372036854775809"))
        XCTAssertEqual(try parse("123456789012345678901234567890"), .number("123456789012345678901234567890"))
        XCTAssertEqual(try parse("-0"), .int(0))
        XCTAssertEqual(try parse("-0.0"), .number("-0.0"))
        XCTAssertEqual(try parse("1e999"), .number("1e999"))
        XCTAssertEqual(try parse("1E+2"), .number("1E+2"))
        XCTAssertEqual(try parse("-12.5e-3"), .number("-12.5e-3"))
        XCTAssertEqual(try parse("[0,-1,42]"), .array([.int(0), .int(-1), .int(42)]))
    }

    func testNumberGrammarRefusals() {
        assertRefused("01", .syntax, 1, 1)
        assertRefused("-01", .syntax, 1, 1)
        assertRefused("+1", .syntax, 1, 1)
        assertRefused(".5", .syntax, 1, 1)
        assertRefused("1.", .syntax, 1, 3)
        assertRefused("1.e5", .syntax, 1, 3)
        assertRefused("1e", .syntax, 1, 3)
        assertRefused("1e+", .syntax, 1, 4)
        assertRefused("-", .syntax, 1, 2)
        assertRefused("- 1", .syntax, 1, 2)
        assertRefused("[1 2]", .syntax, 1, 4)
        assertRefused("0x10", .syntax, 1, 2)
        assertRefused("NaN", .syntax, 1, 1)
        assertRefused("-Infinity", .syntax, 1, 2)
    }

    func testEscapesAndSurrogatePairs() throws {
        let value = try parse(#""\"\\\/\b\f\n\r\t\u0041\u00e9\u20AC\uD83D\uDE00\u0000x""#)
        XCTAssertEqual(value, .string("\"\\/\u{8}\u{C}\n\r\tA\u{E9}\u{20AC}\u{1F600}\u{0}x"))
        XCTAssertEqual(try parse(#""\ud834\udd1e""#), .string("\u{1D11E}"))
        XCTAssertEqual(try parse("\"caf\u{E9} \u{1F600} raw\""), .string("café 😀 raw"))
    }

    /// The string scanner skips eight bytes at a time; put each kind of special byte at
    /// every offset around that stride and check the outcome and its column.
    func testStringSpecialBytesAtEveryOffset() throws {
        for length in 0..<40 {
            let plain = String(repeating: "x", count: length)
            XCTAssertEqual(try parse("\"\(plain)\""), .string(plain))
            XCTAssertEqual(try parse("[\"\(plain)\\n\(plain)\"]"), .array([.string(plain + "\n" + plain)]))
            XCTAssertEqual(try parse("\"\(plain)\u{E9}\u{1F600}\(plain)\""), .string(plain + "\u{E9}\u{1F600}" + plain))
            XCTAssertEqual(try parse("\"\(plain)\u{7F}~ \(plain)\""), .string(plain + "\u{7F}~ " + plain))
            let prefix = Array("\"\(plain)".utf8)
            assertRefused(prefix + [0x1F] + Array("abcdefghij\"".utf8), .controlCharacter, 1, length + 2)
            assertRefused(prefix + [0xE9] + Array("abcdefghij\"".utf8), .invalidUTF8, 1, length + 2)
            assertRefused(prefix + Array("abcdefghij".utf8), .syntax, 1, 1)
        }
    }

    // MARK: - Rules with positions

    func testEmpty() {
        assertRefused([], .empty, 1, 1)
        assertRefused("  \n\t ", .empty, 1, 1)
    }

    func testByteOrderMark() {
        assertRefused([0xEF, 0xBB, 0xBF] + Array("{}".utf8), .byteOrderMark, 1, 1)
    }

    func testTooLargeIsCheckedBeforeParsing() {
        // 1 MiB + 1 bytes of otherwise valid JSON.
        let big = Array("\"".utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: (1 << 20) - 1) + Array("\"".utf8)
        XCTAssertEqual(big.count, (1 << 20) + 1)
        assertRefused(big, .tooLarge, 1, 1)
        // Exactly 1 MiB is fine.
        XCTAssertNoThrow(try StrictJSON.parse(Array(big.dropLast(2)) + [UInt8(ascii: "\"")]))
        // The limit is checked first, even for garbage.
        assertRefused([0xFF, 0xFF, 0xFF], .tooLarge, 1, 1, maxBytes: 2)
    }

    func testTooDeep() throws {
        let deep = [UInt8](repeating: UInt8(ascii: "["), count: 100_000)
        // The 65th '[' (offset 64) exceeds the default depth of 64.
        assertRefused(deep, .tooDeep, 1, 65)
        let sixtyFour = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        XCTAssertNoThrow(try parse(sixtyFour))
        assertRefused("[" + sixtyFour + "]", .tooDeep, 1, 65)
        assertRefused(Array("{\"a\":\n {\"b\": 1}}".utf8), .tooDeep, 2, 2, maxDepth: 1)
        assertRefused(Array("[[]]".utf8), .tooDeep, 1, 2, maxDepth: 1)
        assertRefused(Array("[]".utf8), .tooDeep, 1, 1, maxDepth: 0)
        XCTAssertEqual(try StrictJSON.parse(Array("[[1]]".utf8), maxDepth: 2), .array([.array([.int(1)])]))
    }

    func testDuplicateKeys() {
        let text = "{\n  \"state\": 1,\n  \"state\": 2\n}"
        let error = assertRefused(text, .duplicateKey, 3, 3)
        XCTAssertEqual(error?.message, "duplicate key \"state\" (first seen at 2:3)")
        XCTAssertEqual(error?.description, "3:3: duplicate key \"state\" (first seen at 2:3) (rule duplicate-key)")
        // Compared after decoding escapes.
        assertRefused(#"{"a":1,"\u0061":2}"#, .duplicateKey, 1, 8)
        // Nested objects each have their own keys.
        XCTAssertNoThrow(try parse(#"[{"a":1},{"a":2},{"b":{"a":3}}]"#))
        assertRefused("[{\"x\":{\"a\":1,\n\"a\":2}}]", .duplicateKey, 2, 1)
        // Swift's String equality is canonical equivalence, so a [String: JSONValue] cannot
        // hold both "\u{E9}" and "e\u{301}"; they are refused as duplicates too.
        let equivalent = assertRefused("{\"\u{E9}\":1,\"e\u{301}\":2}", .duplicateKey, 1, 9)
        XCTAssertEqual(equivalent?.message.contains("canonically equivalent to the key at 1:2"), true, "\(String(describing: equivalent))")
        // Long key names are cut to 64 characters in the message.
        let longKey = String(repeating: "k", count: 200)
        let long = assertRefused("{\"\(longKey)\":1,\"\(longKey)\":2}", .duplicateKey, 1, 207)
        XCTAssertEqual(long?.message, "duplicate key \"\(String(repeating: "k", count: 64))…\" (first seen at 1:2)")
    }

    func testInvalidUTF8() {
        assertRefused(Array("{\"name\": \"caf".utf8) + [0xE9] + Array("\"}".utf8), .invalidUTF8, 1, 14)
        assertRefused(Array("[\"".utf8) + [0xC0, 0xAF] + Array("\"]".utf8), .invalidUTF8, 1, 3)  // overlong
        assertRefused(Array("\"".utf8) + [0xE0, 0x80, 0xAF] + Array("\"".utf8), .invalidUTF8, 1, 2)  // overlong
        assertRefused(Array("\"".utf8) + [0xED, 0xA0, 0x80] + Array("\"".utf8), .invalidUTF8, 1, 2)  // surrogate
        assertRefused(Array("\"".utf8) + [0xF4, 0x90, 0x80, 0x80] + Array("\"".utf8), .invalidUTF8, 1, 2)  // > U+10FFFF
        assertRefused(Array("\"".utf8) + [0xF5, 0x80, 0x80, 0x80] + Array("\"".utf8), .invalidUTF8, 1, 2)
        assertRefused(Array("\"ab".utf8) + [0xE2, 0x82] + Array("\"".utf8), .invalidUTF8, 1, 4)  // truncated
        assertRefused(Array("\"ab".utf8) + [0xE2, 0x82], .invalidUTF8, 1, 4)  // truncated at end of input
        assertRefused(Array("\"".utf8) + [0x80] + Array("\"".utf8), .invalidUTF8, 1, 2)  // lone continuation
        assertRefused(Array("\"\\n".utf8) + [0xFF] + Array("\"".utf8), .invalidUTF8, 1, 4)  // after an escape
        assertRefused(Array("[1,\n ".utf8) + [0xE9] + Array("]".utf8), .invalidUTF8, 2, 2)  // outside strings
        // Valid non-ASCII outside a string is a syntax error, named by code point.
        let error = assertRefused("[\u{E9}]", .syntax, 1, 2)
        XCTAssertEqual(error?.message, "unexpected character U+00E9 where a value was expected")
    }

    func testControlCharacters() {
        assertRefused("\"a\tb\"", .controlCharacter, 1, 3)
        assertRefused("{\"k\": \"line one\nline two\"}", .controlCharacter, 1, 16)
        assertRefused(Array("[\"x\\t".utf8) + [0x01] + Array("\"]".utf8), .controlCharacter, 1, 6)
        assertRefused([UInt8(ascii: "\""), 0x00, UInt8(ascii: "\"")], .controlCharacter, 1, 2)
        XCTAssertEqual(try parse("\"\u{7F}\""), .string("\u{7F}"))  // DEL is not a control character in JSON
    }

    func testLoneSurrogates() {
        assertRefused(#""\uD800""#, .loneSurrogate, 1, 2)
        assertRefused(#""ab\uDC00""#, .loneSurrogate, 1, 4)
        assertRefused(#""\uD800\u0041""#, .loneSurrogate, 1, 2)
        assertRefused(#""\uD800x""#, .loneSurrogate, 1, 2)
        assertRefused("[\n\"\\uDBFF\\uDBFF\"]", .loneSurrogate, 2, 2)
    }

    func testSyntaxErrorsWithPositions() {
        assertRefused("[1,]", .syntax, 1, 4)
        assertRefused("{\"a\":1,}", .syntax, 1, 8)
        assertRefused("{\"a\" 1}", .syntax, 1, 6)
        assertRefused("{1:2}", .syntax, 1, 2)
        assertRefused("{'a':1}", .syntax, 1, 2)
        assertRefused("tru", .syntax, 1, 1)
        assertRefused("[nul]", .syntax, 1, 2)
        assertRefused("[true false]", .syntax, 1, 7)
        assertRefused("\"abc", .syntax, 1, 1)
        assertRefused("[1]x", .syntax, 1, 4)
        assertRefused("[1] [2]", .syntax, 1, 5)
        assertRefused("\"\\x\"", .syntax, 1, 2)
        assertRefused("\"\\u12G4\"", .syntax, 1, 2)
        assertRefused("[1, /* c */ 2]", .syntax, 1, 5)
        assertRefused("\u{C}[]", .syntax, 1, 1)  // form feed is not JSON whitespace
        assertRefused("[\r\n1,\r\n]", .syntax, 3, 1)
        assertRefused("[\"\u{E9}\", x]", .syntax, 1, 8)  // columns count bytes
        assertRefused("{\"a\":", .syntax, 1, 6)
        assertRefused("[", .syntax, 1, 2)
    }

    func testMessagesNeverQuoteStringValues() {
        let secret = "hunter2-correct-horse-battery-staple-0123456789"
        let inputs: [[UInt8]] = [
            Array("{\"token\": \"\(secret)".utf8),
            Array("{\"token\": \"\(secret)\t\"}".utf8),
            Array("{\"token\": \"\(secret)".utf8) + [0xE9] + Array("\"}".utf8),
            Array("{\"token\": \"\(secret)\\q\"}".utf8),
            Array("{\"token\": \"\(secret)\\uD800\"}".utf8),
            Array("{\"token\": \"\(secret)\", \"token\": \"\(secret)\"}".utf8),
            Array("{\"token\": \"\(secret)\" \"x\"}".utf8),
            Array("{\"token\": \(secret)}".utf8),
        ]
        for input in inputs {
            do {
                _ = try StrictJSON.parse(input)
                XCTFail("accepted \(input.count) bytes")
            } catch {
                XCTAssertFalse(error.description.contains("hunter2"), error.description)
                XCTAssertFalse(error.description.contains("0123456789"), error.description)
            }
        }
    }

    func testStringConvenienceMatchesBytes() throws {
        let text = "{\"a\": [1, 2.0, \"é\"]}"
        XCTAssertEqual(try StrictJSON.parse(text), try StrictJSON.parse(Array(text.utf8)))
    }
}
