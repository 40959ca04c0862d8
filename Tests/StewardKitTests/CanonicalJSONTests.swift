import XCTest
@testable import StewardKit

/// Expected bytes produced by CPython 3.11 `json.dumps` (see each constant) and hard-coded
/// here, so the tests never run Python.
private enum PythonOutput {
    // json.dumps(v, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    // json.dumps(v, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    static let v1Compact = "{\"\":\"empty key\",\"\\u0001ctl\":2,\"B\":\"upper\",\"a\":[1,-2,{\"e\":false,\"z\":null,\"é\":true}],\"b\":\"quote\\\" back\\\\ slash/ tab\\t nl\\n cr\\r bs\\b ff\\f nul\\u0000 us\\u001f del\u{7F} ls\u{2028} end\",\"big\":9223372036854775807,\"emoji\":\"😀 café naïve Ωμέγα\",\"exp\":1e+20,\"neg\":-9223372036854775808,\"nested\":{\"empty_list\":[],\"empty_obj\":{},\"list\":[[],{},[1,[2,[3]]]]},\"num\":1.5,\"path/to\":\"a/b\",\"q\\\"k\":1,\"ünï\":null}"
    static let v1Pretty = "{\n  \"\": \"empty key\",\n  \"\\u0001ctl\": 2,\n  \"B\": \"upper\",\n  \"a\": [\n    1,\n    -2,\n    {\n      \"e\": false,\n      \"z\": null,\n      \"é\": true\n    }\n  ],\n  \"b\": \"quote\\\" back\\\\ slash/ tab\\t nl\\n cr\\r bs\\b ff\\f nul\\u0000 us\\u001f del\u{7F} ls\u{2028} end\",\n  \"big\": 9223372036854775807,\n  \"emoji\": \"😀 café naïve Ωμέγα\",\n  \"exp\": 1e+20,\n  \"neg\": -9223372036854775808,\n  \"nested\": {\n    \"empty_list\": [],\n    \"empty_obj\": {},\n    \"list\": [\n      [],\n      {},\n      [\n        1,\n        [\n          2,\n          [\n            3\n          ]\n        ]\n      ]\n    ]\n  },\n  \"num\": 1.5,\n  \"path/to\": \"a/b\",\n  \"q\\\"k\": 1,\n  \"ünï\": null\n}\n"
    static let v2Compact = "[[],{},\"tab\\t\",0,-7,true,null,[{\"k\":[]}]]"
    static let v2Pretty = "[\n  [],\n  {},\n  \"tab\\t\",\n  0,\n  -7,\n  true,\n  null,\n  [\n    {\n      \"k\": []\n    }\n  ]\n]\n"
    static let v3Compact = "\"just a string / with \\\"quotes\\\" and é\""
    static let v3Pretty = "\"just a string / with \\\"quotes\\\" and é\"\n"
}

/// Byte-exact checks of the canonical (JCS) and pretty writers.
final class CanonicalJSONTests: XCTestCase {
    static let awkward =
        "quote\" back\\ slash/ tab\t nl\n cr\r bs\u{8} ff\u{C} nul\u{0} us\u{1F} del\u{7F} ls\u{2028} end"

    /// Mirrors Python's `v1` in the generator.
    static let v1: JSONValue = .object([
        "b": .string(awkward),
        "a": .array([.int(1), .int(-2), .object(["z": .null, "é": .bool(true), "e": .bool(false)])]),
        "emoji": .string("😀 café naïve Ωμέγα"),
        "nested": .object([
            "empty_list": .array([]),
            "empty_obj": .object([:]),
            "list": .array([.array([]), .object([:]), .array([.int(1), .array([.int(2), .array([.int(3)])])])]),
        ]),
        "num": .number("1.5"),
        "exp": .number("1e+20"),
        "big": .int(Int64.max),
        "neg": .int(Int64.min),
        "B": .string("upper"),
        "": .string("empty key"),
        "path/to": .string("a/b"),
        "ünï": .null,
        "q\"k": .int(1),
        "\u{1}ctl": .int(2),
    ])
    static let v2: JSONValue = .array([
        .array([]), .object([:]), .string("tab\t"), .int(0), .int(-7), .bool(true), .null,
        .array([.object(["k": .array([])])]),
    ])
    static let v3: JSONValue = .string("just a string / with \"quotes\" and é")

    private func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    func testCompactMatchesPython() {
        XCTAssertEqual(CanonicalJSON.encode(Self.v1), Array(PythonOutput.v1Compact.utf8), text(CanonicalJSON.encode(Self.v1)))
        XCTAssertEqual(CanonicalJSON.encode(Self.v2), Array(PythonOutput.v2Compact.utf8))
        XCTAssertEqual(CanonicalJSON.encode(Self.v3), Array(PythonOutput.v3Compact.utf8))
    }

    func testPrettyMatchesPython() {
        XCTAssertEqual(CanonicalJSON.pretty(Self.v1), Array(PythonOutput.v1Pretty.utf8), text(CanonicalJSON.pretty(Self.v1)))
        XCTAssertEqual(CanonicalJSON.pretty(Self.v2), Array(PythonOutput.v2Pretty.utf8))
        XCTAssertEqual(CanonicalJSON.pretty(Self.v3), Array(PythonOutput.v3Pretty.utf8))
    }

    func testScalarsAndEmptyContainers() {
        XCTAssertEqual(text(CanonicalJSON.encode(.null)), "null")
        XCTAssertEqual(text(CanonicalJSON.encode(.bool(false))), "false")
        XCTAssertEqual(text(CanonicalJSON.encode(.int(-42))), "-42")
        XCTAssertEqual(text(CanonicalJSON.encode(.number("-0.5e-3"))), "-0.5e-3")
        XCTAssertEqual(text(CanonicalJSON.pretty(.array([]))), "[]\n")
        XCTAssertEqual(text(CanonicalJSON.pretty(.object([:]))), "{}\n")
        XCTAssertEqual(text(CanonicalJSON.encode(.string("\u{0}\u{7}\u{1B}\u{7F}"))), "\"\\u0000\\u0007\\u001b\u{7F}\"")
    }

    /// RFC 8785 §3.2.3: keys sort by UTF-16 code units, so U+1F600 (a surrogate pair,
    /// 0xD83D…) precedes U+FB33. (Python's sort_keys uses code points and would swap them.)
    func testRFC8785KeyOrdering() {
        let value: JSONValue = .object([
            "\u{20AC}": .string("Euro Sign"),
            "\r": .string("Carriage Return"),
            "\u{FB33}": .string("Hebrew Letter Dalet With Dagesh"),
            "1": .string("One"),
            "\u{1F600}": .string("Emoji: Grinning Face"),
            "\u{80}": .string("Control"),
            "\u{F6}": .string("Latin Small Letter O With Diaeresis"),
        ])
        let expected = "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u{80}\":\"Control\","
            + "\"\u{F6}\":\"Latin Small Letter O With Diaeresis\",\"\u{20AC}\":\"Euro Sign\","
            + "\"\u{1F600}\":\"Emoji: Grinning Face\",\"\u{FB33}\":\"Hebrew Letter Dalet With Dagesh\"}"
        XCTAssertEqual(CanonicalJSON.encode(value), Array(expected.utf8))
        let order = CanonicalJSON.sortedKeys(value.objectValue ?? [:])
        XCTAssertEqual(order.map { $0.unicodeScalars.map(\.value) },
                       [[0x0D], [0x31], [0x80], [0xF6], [0x20AC], [0x1F600], [0xFB33]])
    }

    /// The UTF-8 based comparator agrees with a plain UTF-16 comparison on awkward pairs.
    func testKeyComparatorMatchesUTF16Order() {
        let keys = ["", "a", "ab", "b", "B", "\u{7F}", "\u{80}", "\u{F6}", "\u{7FF}", "\u{800}", "\u{D7FF}",
                    "\u{E000}", "\u{FB33}", "\u{FFFD}", "\u{FFFF}", "\u{10000}", "\u{1F600}", "\u{10FFFF}",
                    "a\u{FFFF}", "a\u{10000}", "\u{1F600}a", "\u{1F601}", "\u{E9}", "e\u{301}"]
        for lhs in keys {
            for rhs in keys {
                XCTAssertEqual(CanonicalJSON.utf16Precedes(lhs, rhs), lhs.utf16.lexicographicallyPrecedes(rhs.utf16),
                               "\(lhs.unicodeScalars.map(\.value)) vs \(rhs.unicodeScalars.map(\.value))")
            }
        }
    }

    func testRoundTripThroughStrictParser() throws {
        let values: [JSONValue] = [
            Self.v1, Self.v2, Self.v3, .null, .int(0), .number("2.5E-7"),
            .object(["deep": .array([.array([.array([.object(["x": .string("\u{1F600}\u{0}")])])])])]),
        ]
        for value in values {
            XCTAssertEqual(try StrictJSON.parse(CanonicalJSON.encode(value)), value)
            XCTAssertEqual(try StrictJSON.parse(CanonicalJSON.pretty(value)), value)
        }
    }

    /// A value written nested `level` containers deep is its pretty form with every line
    /// after the first indented two spaces more per level, and no trailing newline.
    func testNestedFormIsThePrettyFormIndented() {
        let values: [JSONValue] = [Self.v1, Self.v2, Self.v3, .array([]), .object([:]), .string("a\nb"),
                                   .object(["k": .array([.object(["x": .string("line\nbreak")]), .array([])])])]
        for value in values {
            for level in 0...3 {
                let whole = String(decoding: CanonicalJSON.pretty(value).dropLast(), as: UTF8.self)
                let indented = whole.split(separator: "\n", omittingEmptySubsequences: false)
                    .joined(separator: "\n" + String(repeating: " ", count: 2 * level))
                XCTAssertEqual(String(decoding: CanonicalJSON.pretty(value, nestedAt: level), as: UTF8.self), indented)
            }
        }
    }
}
