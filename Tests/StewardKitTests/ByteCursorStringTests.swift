import XCTest
@testable import StewardKit

/// `ByteCursor.string()` shares the storage of a long string that repeats one already read;
/// every string it returns must equal what the strict parser reads from the same bytes.
final class ByteCursorStringTests: XCTestCase {
    /// Every element of the JSON array `text` read by the cursor, or nil when it gives up.
    func cursorStrings(_ text: String) -> [String]? {
        var fresh = RepeatedStrings()
        return cursorStrings(text, lending: &fresh)
    }

    /// The same, with `table` lent to the cursor (and taken back with what it added).
    func cursorStrings(_ text: String, lending table: inout RepeatedStrings) -> [String]? {
        let bytes = Array((text + String(repeating: " ", count: 16)).utf8)
        return bytes.withUnsafeBufferPointer { b -> [String]? in
            var c = ByteCursor(base: b.baseAddress!, count: b.count, maxDepth: 8)
            c.lend(&table)
            defer { c.lend(&table) }
            var out: [String] = []
            do {
                try c.expect(JSONByte.openBracket)
                var first = true
                while try c.nextElement(first: &first) { out.append(try c.string()) }
            } catch { return nil }
            return c.atEnd() ? out : nil
        }
    }

    func referenceStrings(_ text: String) throws -> [String] {
        guard case .array(let items) = try StrictJSON.parse(text) else { XCTFail("not an array"); return [] }
        return items.map { $0.stringValue ?? "<not a string>" }
    }

    func testRepeatedAndCollidingStringsReadAsTheStrictParserReadsThem() throws {
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("abcdefABCDEF0123456789@.-_ é€😀\\\"/")
        for _ in 0..<300 {
            // A few distinct strings of similar lengths (so that slots collide), each repeated.
            var pool: [String] = []
            for _ in 0..<Int.random(in: 1...90, using: &rng) {
                let n = Int.random(in: 0...70, using: &rng)
                pool.append(String((0..<n).map { _ in alphabet.randomElement(using: &rng)! }))
            }
            let picks = (0..<Int.random(in: 1...200, using: &rng)).map { _ in pool.randomElement(using: &rng)! }
            let text = "[" + picks.map { s -> String in
                var escaped = ""
                for ch in s {
                    switch ch {
                    case "\"": escaped += "\\\""
                    case "\\": escaped += "\\\\"
                    case "/": escaped += Bool.random(using: &rng) ? "\\/" : "/"
                    default: escaped.append(ch)
                    }
                }
                return "\"" + escaped + "\""
            }.joined(separator: ", ") + "]"
            let got = try XCTUnwrap(cursorStrings(text), text)
            XCTAssertEqual(got, try referenceStrings(text), text)
            XCTAssertEqual(got, picks, text)
            // Byte for byte, not only canonically equal.
            XCTAssertEqual(got.map { Array($0.utf8) }, picks.map { Array($0.utf8) }, text)
        }
    }

    func testSameLengthStringsDifferingAnywhereStayDistinct() throws {
        let base = Array("0123456789abcdef0123456789abcdef".utf8)
        var strings: [String] = []
        for i in base.indices {
            var b = base
            b[i] = UInt8(ascii: "X")
            strings.append(String(decoding: b, as: UTF8.self))
        }
        let picks = strings + [String(decoding: base, as: UTF8.self)] + strings.reversed()
        let text = "[" + picks.map { "\"\($0)\"" }.joined(separator: ",") + "]"
        XCTAssertEqual(try XCTUnwrap(cursorStrings(text)), picks)
    }

    func testBadStringsStillGiveUp() {
        for bad in ["[\"\u{1}aaaaaaaaaaaaaaaaaaaaa\"]", "[\"aaaaaaaaaaaaaaaaaaa\\ud800\"]", "[\"aaaaaaaaaaaaaaaaaaaaaaaa", "[\"\\q\"]"] {
            XCTAssertNil(cursorStrings(bad), bad)
        }
        let invalidUTF8: [UInt8] = Array("[\"aaaaaaaaaaaaaaaaaaaa".utf8) + [0xC3, 0x28] + Array("\"]".utf8) + Array(repeating: 32, count: 16)
        let r: [String]? = invalidUTF8.withUnsafeBufferPointer { b in
            var c = ByteCursor(base: b.baseAddress!, count: b.count, maxDepth: 8)
            do {
                try c.expect(JSONByte.openBracket)
                var first = true
                var out: [String] = []
                while try c.nextElement(first: &first) { out.append(try c.string()) }
                return out
            } catch { return nil }
        }
        XCTAssertNil(r)
    }

    /// One table lent to cursor after cursor (as a reading thread lends its table to every
    /// file): each document reads exactly as with a table of its own. The strings differ
    /// only where the two words a short string is keyed by overlap, or in the middle of a
    /// long one, and some are longer than the longest string a table keeps.
    func testATableLentAcrossDocumentsReadsEachAsAFreshOne() throws {
        var rng = SystemRandomNumberGenerator()
        var pool: [String] = []
        for n in [1, 7, 8, 9, 15, 16, 17, 64, 255, 256, 257, 400] {
            let base = String(repeating: "x", count: n)
            pool.append(base)
            for k in Set([0, n / 2, n - 1]) {   // one byte changed at the start, the middle, the end
                var bytes = Array(base.utf8)
                bytes[k] = UInt8(ascii: "y")
                pool.append(String(decoding: bytes, as: UTF8.self))
            }
        }
        var shared = RepeatedStrings()
        for _ in 0..<200 {
            let picks = (0..<Int.random(in: 1...40, using: &rng)).map { _ in pool.randomElement(using: &rng)! }
            let text = "[" + picks.map { "\"" + $0 + "\"" }.joined(separator: ", ") + "]"
            let got = cursorStrings(text, lending: &shared)
            XCTAssertEqual(try XCTUnwrap(got).map { Array($0.utf8) }, picks.map { Array($0.utf8) })
        }
    }
}
