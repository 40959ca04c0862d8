import Foundation
import XCTest
@testable import StewardCore

/// The one-pass reader must never accept what the reference path (strict parse to a tree,
/// then decode) refuses, and must return the same document when it accepts.
final class DocumentReaderTests: XCTestCase {
    /// The example estate shipped at the package root.
    func exampleFiles() throws -> [(name: String, bytes: [UInt8])] {
        let dir = Fixture.packageRoot + "/State"
        let names = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".json") }.sorted()
        XCTAssertFalse(names.isEmpty)
        return names.map { ($0, [UInt8](FileManager.default.contents(atPath: dir + "/" + $0)!)) }
    }

    func reference(_ bytes: [UInt8]) -> ConnectorDocument? {
        guard let v = try? StrictJSON.parse(bytes) else { return nil }
        return try? DocumentDecoding.document(v, file: "x")
    }

    /// The fast path as the store takes it: the one-pass reader, then the identity rule
    /// (which the reader leaves to `StateStore.decode`, as the reference leaves it to
    /// `DocumentDecoding`). A refused identity is a refusal, not an acceptance.
    func fast(_ bytes: [UInt8]) -> ConnectorDocument? {
        guard let doc = bytes.withUnsafeBufferPointer({ DocumentReader.document($0) }) else { return nil }
        return (try? Identity.check(doc, file: "x")) == nil ? nil : doc
    }

    /// Fast accepted ⇒ reference accepted, same document, same decoded specs.
    func assertAgrees(_ bytes: [UInt8], _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        guard let f = fast(bytes) else { return }
        guard let r = reference(bytes) else {
            return XCTFail("fast path accepted what the reference refuses: \(what)", file: file, line: line)
        }
        XCTAssertEqual(f, r, what, file: file, line: line)
        for (a, b) in zip(f.history, r.history) {
            XCTAssertEqual(a.decodedSpec.spec, b.decodedSpec.spec, what, file: file, line: line)
            // A spec held decoded hashes as its tree does.
            XCTAssertEqual(DocumentEncoding.canonicalBytes(of: a), DocumentEncoding.canonicalBytes(of: b), what, file: file, line: line)
        }
    }

    func testExampleEstateTakesTheFastPathAndMatchesTheReference() throws {
        for (name, bytes) in try exampleFiles() {
            let f = try XCTUnwrap(fast(bytes), "\(name) should take the fast path")
            XCTAssertEqual(f, reference(bytes), name)
            for e in f.history where e.event == "request" || e.event == "amend" {
                XCTAssertNotNil(e.decodedSpec.spec, "\(name) event \(e.seq): spec decoded once while reading")
            }
            // Same bytes out as in: nothing was lost on the way.
            XCTAssertEqual(DocumentEncoding.bytes(f), bytes, name)
        }
    }

    func testHandPickedOddInputsFallBackOrAgree() throws {
        let (_, bytes) = try exampleFiles()[0]
        let text = String(decoding: bytes, as: UTF8.self)
        let edits: [(String, String)] = [
            ("\"schema\": 1", "\"schema\": 1, \"schema\": 1"),        // duplicate key
            ("\"schema\": 1", "\"schema\": 1, \"extra\": 1"),         // unknown field
            ("\"schema\": 1", "\"sch\\u0065ma\": 1"),                 // escaped key
            ("\"schema\": 1", "\"schema\": 1.0"),                     // not an integer
            ("\"version\":", "\"version\": -0, \"v\":"),              // unknown + odd number
            ("\"note\": \"\"", "\"note\": \"\\ud800\""),              // lone surrogate
            ("\"note\": \"\"", "\"note\": \"\u{1}\""),               // raw control character
            ("\"state\": \"", "\"state\": \" \\r\\n"),                // blank-looking state
            ("\"data\": {}", "\"data\": {\"a\": 1, \"a\": 2}"),       // duplicate inside data
            ("\"data\": {}", "\"data\": {\"a\": " + String(repeating: "[", count: 61) + String(repeating: "]", count: 61) + "}"),
            ("\"data\": {}", "\"data\": {\"a\": " + String(repeating: "[", count: 60) + String(repeating: "]", count: 60) + "}"),
            ("\"at\": \"", "\"at\": \"\\u0032"),                      // escaped timestamp
            ("\"from\": null", "\"from\": nul"),
            ("}\n", "},\n"),
        ]
        for (old, new) in edits {
            guard let range = text.range(of: old) else { continue }
            let edited = Array(text.replacingCharacters(in: range, with: new).utf8)
            assertAgrees(edited, "\(old) → \(new)")
        }
        assertAgrees([0xEF, 0xBB, 0xBF] + bytes, "byte order mark")
        XCTAssertNil(fast([0xEF, 0xBB, 0xBF] + bytes))
        XCTAssertNil(fast(bytes + [UInt8(ascii: "x")]))
        XCTAssertNil(fast([]))
    }

    func testTheStoreKeepsTheIdentityRuleOnTheFastPath() throws {
        let (name, bytes) = try XCTUnwrap(try exampleFiles().first)
        let doc = try XCTUnwrap(fast(bytes))
        let owner = doc.spec.owners.technical
        let text = String(decoding: bytes, as: UTF8.self)
        // A no-break space after the owner: valid JSON and a valid format, not a plain address.
        let edited = Array(text.replacingOccurrences(of: "\"technical\": \"\(owner)\"", with: "\"technical\": \"\(owner)\u{00A0}\"").utf8)
        XCTAssertNotEqual(edited, bytes, name)
        XCTAssertNotNil(edited.withUnsafeBufferPointer { DocumentReader.document($0) }, "the one-pass reader decodes the format only")
        XCTAssertThrowsError(try StateStore.decode(edited, shown: "State/\(name)")) { error in
            XCTAssertEqual((error as? DataError)?.rule, "identity", "\(error)")
        }
    }

    func testRandomByteEditsNeverLetTheFastPathAcceptMore() throws {
        var rng = SystemRandomNumberGenerator()
        let files = try exampleFiles()
        let alphabet = Array("{}[],:\"\\ 0123456789-.eEtrufalsn\u{7f}\u{0}".utf8) + [0xC3, 0xA9, 0xED, 0xA0, 0x80, 0xFF]
        for round in 0..<3000 {
            var bytes = files[round % files.count].bytes
            for _ in 0...Int.random(in: 0...2, using: &rng) {
                let i = Int.random(in: 0..<bytes.count, using: &rng)
                switch Int.random(in: 0...2, using: &rng) {
                case 0: bytes[i] = alphabet.randomElement(using: &rng)!
                case 1: bytes.remove(at: i)
                default: bytes.insert(alphabet.randomElement(using: &rng)!, at: i)
                }
            }
            assertAgrees(bytes, "random edit, round \(round)")
        }
    }

    func testEventHashWrittenFieldByFieldEqualsTheTreeForm() throws {
        var events: [Event] = []
        for (_, bytes) in try exampleFiles() { events += try XCTUnwrap(reference(bytes)).history }
        var odd = events[0]
        odd.note = "quote \" backslash \\ tab \t nul \u{0} é 😀 \u{2028} /"
        odd.from = nil
        odd.actor = "ünïcödé@example.org"
        events.append(odd)
        for e in events {
            XCTAssertEqual(DocumentEncoding.canonicalBytes(of: e),
                           CanonicalJSON.encode(DocumentEncoding.event(e, includingHash: false)))
        }
    }

    func testTimestampTextRoundTrips() {
        for s in ["1970-01-01T00:00:00Z", "2000-02-29T23:59:59Z", "2026-12-31T09:05:07Z", "0001-01-01T00:00:00Z",
                  "9999-12-31T23:59:59Z"] {
            XCTAssertEqual(Timestamp(iso8601: s)?.iso8601, s)
        }
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let t = Timestamp(seconds: Int64.random(in: -62_135_596_800...253_402_300_799, using: &rng))
            XCTAssertEqual(Timestamp(iso8601: t.iso8601), t, t.iso8601)
        }
    }
}

/// Scanning the model directly finds what scanning its JSON tree finds, at the same paths.
final class DocumentScanTests: XCTestCase {
    func testModelScanEqualsTreeScan() throws {
        let dir = Fixture.packageRoot + "/State"
        let names = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".json") }.sorted()
        let aws = "AKIA" + "ABCDEFGHIJKLMNOP"
        let gh = "ghp_" + String(repeating: "aB3", count: 13)
        for name in names {
            let bytes = [UInt8](FileManager.default.contents(atPath: dir + "/" + name)!)
            var doc = try DocumentDecoding.document(try StrictJSON.parse(bytes), file: name)
            func same(_ what: String) {
                let tree = SecretScanner.scan(DocumentEncoding.document(doc), path: "", skipping: ["hash", "prev"])
                XCTAssertEqual(SecretScanner.scan(document: doc), tree, "\(name): \(what)")
            }
            same("as shipped")
            doc.history[0].note = "key \(aws) here"
            doc.history[0].data["nested"] = .object(["k": .array([.string(gh), .int(1)]), gh: .string("x"),
                                                     "hash": .string(aws)])
            doc.history[doc.history.count - 1].actor = gh
            doc.history[0].hash = aws
            doc.spec.purpose = "uses \(gh)"
            doc.spec.scopes.append(aws)
            doc.spec.bindings.append(Binding(platform: "aws", ref: aws))
            doc.spec.secretRef = gh
            if !doc.tasks.isEmpty { doc.tasks[0].evidence = aws }
            same("with credentials planted")
            XCTAssertGreaterThanOrEqual(SecretScanner.scan(document: doc).count, 8, "every planted field (an id cannot hold a credential: it is a ConnectorID)")
        }
    }
}
