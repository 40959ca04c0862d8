import XCTest
@testable import StewardCore

/// The model's own rules: ids that are file names, document times, task ids, and the
/// strict decoding of a connector file.
final class ModelTests: XCTestCase {
    typealias F = Fixture

    func testConnectorIDsAreSafeFileNames() {
        for ok in ["a", "crm-sync", "0day", "a-b-c", String(repeating: "x", count: 63)] {
            XCTAssertTrue(ConnectorID.isValid(ok), ok)
        }
        for bad in ["", "-lead", "Upper", "a.json", "../x", "a/b", "a_b", "a b", "é", String(repeating: "x", count: 64), ".hidden"] {
            XCTAssertFalse(ConnectorID.isValid(bad), bad)
            XCTAssertThrowsError(try ConnectorID(bad)) { e in
                XCTAssertEqual((e as? InputError)?.exitStatus, .usage)
            }
        }
        XCTAssertEqual(try ConnectorID("crm-sync").fileName, "crm-sync.json")
    }

    func testDocumentTimesAreExactlyUTCSeconds() {
        XCTAssertEqual(F.t0.iso8601, "2026-01-05T09:00:00Z")
        XCTAssertEqual(F.t0.seconds, 1_767_603_600)
        XCTAssertEqual(Timestamp(iso8601: "2028-02-29T23:59:59Z")?.plus(seconds: 1).iso8601, "2028-03-01T00:00:00Z")
        for bad in ["2026-01-05T09:00:00", "2026-01-05T09:00:00.5Z", "2026-01-05 09:00:00Z", "2026-02-30T00:00:00Z",
                    "2026-01-05T24:00:00Z", "2026-01-05T09:00:00+00:00"] {
            XCTAssertNil(Timestamp(iso8601: bad), bad)
        }
        XCTAssertEqual(Timestamp(lenient: "2026-01-05T10:00:00+01:00"), F.t0)
        XCTAssertEqual(Timestamp(lenient: "2026-01-05T09:00:00.123Z"), F.t0)
        XCTAssertEqual(Timestamp(lenient: "2026-01-05"), F.t0.plus(hours: -9))
        XCTAssertEqual(F.t0.days(until: F.t0.plus(days: 3, seconds: -1)), 2)
    }

    func testTaskIDsNameTheirConnectorAndEvent() {
        XCTAssertEqual(ConnectorTask.makeID(connector: "crm-sync", seq: 7, kind: "revoke-credential"), "crm-sync#7-revoke-credential")
        XCTAssertEqual(ConnectorTask.connector(ofTaskID: "crm-sync#7-revoke-credential"), "crm-sync")
        XCTAssertNil(ConnectorTask.connector(ofTaskID: "crm-sync"))
    }

    func testTheRunnerIsNotAnApproverByName() {
        XCTAssertTrue(Identity.same("Alice@X.example", F.alice))
        XCTAssertFalse(Identity.same(" Alice@X.example ", F.alice), "identities are never trimmed")
        XCTAssertFalse(Roles(approvers: [F.alice]).isApprover(Event.runnerActor))
    }

    // MARK: decoding

    private func decode(_ value: JSONValue) throws(DataError) -> ConnectorDocument {
        try DocumentDecoding.document(value, file: "State/crm-sync.json")
    }

    private func refused(_ path: [String], _ value: JSONValue?, file: StaticString = #filePath, line: UInt = #line) throws -> DataError? {
        let doc = DocumentEncoding.document(try ConnectorBuilder.active().document)
        let e = expectDataError(file: file, line: line) { _ = try self.decode(F.edit(doc, path: path[...], value: value)) }
        XCTAssertEqual(e?.file, "State/crm-sync.json", file: file, line: line)
        return e
    }

    func testAWellFormedDocumentDecodes() throws {
        let doc = try ConnectorBuilder.active().document
        XCTAssertEqual(try decode(DocumentEncoding.document(doc)), doc)
    }

    func testDecodingNamesTheFieldOfEachMistake() throws {
        XCTAssertEqual(try refused(["owner"], .string("me"))?.location, "owner")
        XCTAssertEqual(try refused(["version"], .number("3.0"))?.location, "version")
        XCTAssertEqual(try refused(["schema"], .int(2))?.location, "schema")
        XCTAssertEqual(try refused(["spec", "risk"], .string("extreme"))?.location, "spec.risk")
        XCTAssertEqual(try refused(["spec", "owners", "business"], .string(" "))?.location, "spec.owners.business")
        XCTAssertEqual(try refused(["spec", "secret"], .string("hunter2"))?.location, "spec.secret")
        XCTAssertEqual(try refused(["due", "review"], .string("next week"))?.location, "due.review")
        XCTAssertEqual(try refused(["history", "0", "at"], .string("2026-01-05T09:00:00+00:00"))?.location, "history[0].at")
        XCTAssertEqual(try refused(["history", "1", "seq"], .int(0))?.location, "history[1].seq")
        XCTAssertEqual(try refused(["history"], nil)?.location, "history")
    }

    func testTaskStatusIsOpenOrDone() throws {
        var b = try ConnectorBuilder.active()
        try b.perform(.rotate(credentialId: nil), by: F.lee, at: F.t0.plus(days: 1))
        let value = DocumentEncoding.document(b.document)
        let e = expectDataError { _ = try self.decode(F.edit(value, path: ["tasks", "0", "status"], value: .string("wontfix"))) }
        XCTAssertEqual(e?.location, "tasks[0].status")
        XCTAssertTrue(e?.message.contains("open or done") ?? false)
    }

    func testTheHashCoversEverythingButItself() throws {
        let e = try ConnectorBuilder.active().document.history[1]
        XCTAssertEqual(e.hash.count, 64)
        XCTAssertTrue(e.hash.allSatisfy { "0123456789abcdef".contains($0) })
        var changed = e
        changed.hash = "ignored"
        XCTAssertEqual(DocumentEncoding.hash(of: changed), e.hash)
        changed.at = changed.at.plus(seconds: 1)
        XCTAssertNotEqual(DocumentEncoding.hash(of: changed), e.hash)
        // The hashed form is the canonical JSON of the event without "hash".
        let canonical = CanonicalJSON.encode(DocumentEncoding.event(e, includingHash: false))
        XCTAssertEqual(SHA256.hex(canonical), e.hash)
        XCTAssertFalse(String(decoding: canonical, as: UTF8.self).contains("\"hash\""))
    }

    /// A spec is a value: changing a copy, nested fields included, leaves the original as it
    /// was, and the two then compare unequal; equal fields compare equal in separate boxes.
    func testChangingACopyOfASpecLeavesTheOriginal() {
        let original = Spec(system: "crm", purpose: "sync", owners: Owners(business: "b@x.example", technical: "t@x.example"),
                            scopes: ["read"])
        var copy = original
        XCTAssertEqual(copy, original)
        copy.owners.technical = "u@x.example"
        copy.scopes.append("write")
        XCTAssertEqual(original.owners.technical, "t@x.example")
        XCTAssertEqual(original.scopes, ["read"])
        XCTAssertEqual(copy.owners.technical, "u@x.example")
        XCTAssertNotEqual(copy, original)
        copy.owners.technical = "t@x.example"
        copy.scopes = ["read"]
        XCTAssertEqual(copy, original)
    }
}
