import XCTest
@testable import StewardCore
@testable import StewardKit

/// The reader keeps an event's `data.spec` decoded (`Event.heldSpec`) instead of as a tree;
/// these compare that shortcut with the tree the strict parser builds from the same bytes.
final class HeldSpecTests: XCTestCase {
    static let base = #""system": "crm", "purpose": "sync \u00e9 \"q\"", "kind": "api-key", "environment": "prod", "risk": "high", "owners": {"business": "a@x.example", "technical": "b@x.example"}, "scopes": ["read", "write"], "reaches": [], "bindings": [{"platform": "aws", "ref": "arn:1"}, {"platform": "gcp", "ref": "p/2"}]"#

    /// `eventData()` over `text`, or nil when it gives up.
    func read(_ text: String, maxDepth: Int = 60) -> (members: [String: JSONValue], held: HeldSpec?)? {
        // Trailing blanks: the key matcher reads 16 bytes ahead, as a whole document always allows.
        let bytes = Array((text + String(repeating: " ", count: 16)).utf8)
        return bytes.withUnsafeBufferPointer { b in
            var c = ByteCursor(base: b.baseAddress!, count: b.count, maxDepth: maxDepth)
            guard let r = try? c.eventData(), c.atEnd() else { return nil }
            return r
        }
    }

    func tree(_ text: String) throws -> [String: JSONValue] {
        guard case .object(let o) = try StrictJSON.parse(text) else { XCTFail("not an object"); return [:] }
        return o
    }

    func testHeldSpecRebuildsExactlyTheTreeItWasReadFrom() throws {
        let optionals = ["", #", "secretRef": null"#, #", "until": null"#, #", "secretRef": null, "until": null"#,
                         #", "secretRef": "vault:kv/crm", "until": "2027-03-01T09:00:00Z""#,
                         #", "until": "0000-01-01T00:00:00Z""#, #", "until": "9999-12-31T23:59:59Z""#]
        for extra in optionals {
            for others in ["", #", "reason": "r", "n": [1, {"x": null}]"#] {
                let text = #"{"spec": {"# + Self.base + extra + "}" + others + "}"
                let r = try XCTUnwrap(read(text), text)
                let held = try XCTUnwrap(r.held, text)
                let reference = try tree(text)
                XCTAssertNil(r.members["spec"], text)
                var rebuilt = r.members
                rebuilt["spec"] = held.tree
                XCTAssertEqual(rebuilt, reference, text)
                XCTAssertEqual(CanonicalJSON.encode(.object(rebuilt)), CanonicalJSON.encode(.object(reference)), text)
                XCTAssertEqual(held.spec, try DocumentDecoding.spec(reference["spec"]!, path: "data.spec", file: "f"), text)
            }
        }
    }

    func testASpecTheSpecReaderRefusesStaysATree() throws {
        for odd in [#", "extra": 1"#, #", "until": "2027-03-01T09:00:00.5Z""#, #", "secretRef": 3"#] {
            let text = #"{"spec": {"# + Self.base + odd + "}}"
            let r = try XCTUnwrap(read(text), text)
            XCTAssertNil(r.held, text)
            XCTAssertEqual(r.members, try tree(text), text)
        }
        // A repeated key inside the spec is also left to the tree reader (which gives up on it).
        XCTAssertNil(read(#"{"spec": {"# + Self.base + #", "risk": "huge"}}"#))
        XCTAssertNil(read(#"{"spec": {"# + Self.base + #", "system": "crm"}}"#))
        let blank = #"{"spec": {"# + Self.base.replacingOccurrences(of: #""crm""#, with: #"" ""#) + "}}"
        XCTAssertNil(try XCTUnwrap(read(blank)).held)
        // Too deep to hold (the tree would not fit either): the reader gives up.
        XCTAssertNil(read(#"{"spec": {"# + Self.base + "}}", maxDepth: 2))
    }

    func testASecondSpecMemberGivesUp() {
        let one = #""spec": {"# + Self.base + "}"
        XCTAssertNil(read("{" + one + ", " + one + "}"))
        XCTAssertNil(read(#"{"spec": 1, "# + one + "}"))
        XCTAssertNil(read("{" + one + #", "spec": 1}"#))
    }

    /// Setting `data` drops the held spec; reading it gives the same tree either way; events
    /// compare equal whichever way their spec is kept.
    func testEventDataHeldOrNotIsTheSameValue() throws {
        let text = #"{"spec": {"# + Self.base + #", "until": null}}"#
        let r = try XCTUnwrap(read(text))
        let held = Event(seq: 1, event: "request", from: nil, to: "requested", actor: "a@x.example",
                         at: Timestamp(seconds: 0), note: "", dataMembers: r.members, held: try XCTUnwrap(r.held),
                         prev: Event.genesisHash, hash: "")
        var plain = held
        plain.data = try tree(text)
        XCTAssertNil(plain.heldSpec)
        XCTAssertNotNil(held.heldSpec)
        XCTAssertEqual(held.data, plain.data)
        XCTAssertEqual(held, plain)
        XCTAssertEqual(DocumentEncoding.hash(of: held), DocumentEncoding.hash(of: plain))
        XCTAssertEqual(held.decodedSpec.spec, r.held?.spec)
        plain.data["spec"] = .null
        XCTAssertNotEqual(held, plain)
    }
}
