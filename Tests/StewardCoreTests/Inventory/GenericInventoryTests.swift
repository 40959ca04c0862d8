import Foundation
import XCTest
@testable import StewardCore

final class GenericInventoryTests: XCTestCase {
    private func failure(_ json: String) -> InventoryError? {
        Fixture.inventoryFailure(json, file: "observed.json", format: .generic)
    }

    func testFixture() throws {
        let inv = try InventoryReader.read(try Fixture.inventoryBytes("generic-inventory.json"), file: "generic-inventory.json")
        XCTAssertEqual(inv.format, .generic)
        XCTAssertEqual(inv.platforms, ["salesforce", "slack"])
        XCTAssertEqual(inv.records, [
            ObservedRecord(platform: "salesforce", ref: "0Ha5g000000CrmSyncAAA", scopes: ["api", "refresh_token"],
                           createdAt: Timestamp(iso8601: "2023-02-14T10:00:00Z"),
                           lastUsedAt: Timestamp(iso8601: "2025-11-19T22:58:01Z"),
                           credentialId: "connected-app-secret-1",
                           credentialCreatedAt: Timestamp(iso8601: "2024-02-14T00:00:00Z")),
            ObservedRecord(platform: "slack", ref: "A04BCD12EFG", createdAt: Timestamp(iso8601: "2022-01-10T08:00:00Z")),
            ObservedRecord(platform: "salesforce", ref: "0Ha5g000000LegacyAAA"),
        ])
    }

    func testEmptyArray() throws {
        let inv = try InventoryReader.read(Array("[]".utf8), file: "o.json")
        XCTAssertEqual(inv.records, [])
        XCTAssertEqual(inv.platforms, [])
    }

    func testUnknownFieldNamesIndexAndFieldWithASuggestion() {
        let e = failure(#"[{"platform": "x", "ref": "a"}, {"platform": "x", "ref": "b", "lastUsed": "2025-01-01"}]"#)
        XCTAssertEqual(e?.location, "[1].lastUsed")
        XCTAssertTrue(e?.message.contains("unknown field \"lastUsed\" (did you mean \"lastUsedAt\"?)") ?? false, "\(e!)")
        XCTAssertEqual(e?.description.hasPrefix("observed.json: [1].lastUsed: unknown field"), true)
        XCTAssertTrue(failure(#"[{"platform": "x", "ref": "a", "created_at": null}]"#)?.message
            .contains("did you mean \"createdAt\"") ?? false)
        let far = failure(#"[{"platform": "x", "ref": "a", "owner": "bob"}]"#)
        XCTAssertEqual(far?.location, "[0].owner")
        XCTAssertFalse(far?.message.contains("did you mean") ?? true)
        XCTAssertTrue(far?.message.contains("the fields are platform, ref, scopes") ?? false)
    }

    func testWrongTypesNameTheField() {
        let cases: [(String, String)] = [
            (#"{"platform": 1, "ref": "a"}"#, "[0].platform"),
            (#"{"ref": "a"}"#, "[0].platform"),
            (#"{"platform": "", "ref": "a"}"#, "[0].platform"),
            (#"{"platform": "x"}"#, "[0].ref"),
            (#"{"platform": "x", "ref": null}"#, "[0].ref"),
            (#"{"platform": "x", "ref": "a", "scopes": "api"}"#, "[0].scopes"),
            (#"{"platform": "x", "ref": "a", "scopes": ["api", 3]}"#, "[0].scopes[1]"),
            (#"{"platform": "x", "ref": "a", "createdAt": 1700000000}"#, "[0].createdAt"),
            (#"{"platform": "x", "ref": "a", "lastUsedAt": "yesterday"}"#, "[0].lastUsedAt"),
            (#"{"platform": "x", "ref": "a", "credentialCreatedAt": "2025-02-30"}"#, "[0].credentialCreatedAt"),
            (#"{"platform": "x", "ref": "a", "credentialId": 5}"#, "[0].credentialId"),
            (#"{"platform": "x", "ref": "a", "credentialId": ""}"#, "[0].credentialId"),
            (#""just a string""#, "[0]"),
        ]
        for (record, location) in cases {
            let e = failure("[" + record + "]")
            XCTAssertEqual(e?.location, location, record)
            XCTAssertEqual(e?.file, "observed.json")
        }
    }

    func testTopLevelMustBeAnArray() {
        let e = failure(#"{"platform": "x", "ref": "a"}"#)
        XCTAssertEqual(e?.location, "", "the whole file")
        XCTAssertTrue(e?.message.contains("must be an array") ?? false)
    }

    func testInvalidJSONNamesLineAndColumn() {
        let e = failure("[\n  {\"platform\": \"x\",, }\n]")
        XCTAssertEqual(e?.location.hasPrefix("line 2:"), true, "\(String(describing: e))")
        XCTAssertTrue(e?.message.hasPrefix("not valid JSON") ?? false)
    }

    func testSecretsInErrorMessagesAreRedacted() {
        let key = "AKIAIOSFODNN7EXAMPLE"
        let e = failure(#"[{"platform": "x", "ref": "a", "\#(key)": 1}]"#)
        XCTAssertFalse(e?.description.contains(key) ?? true)
        let t = failure(#"[{"platform": "x", "ref": "a", "createdAt": "\#(key)"}]"#)
        XCTAssertFalse(t?.description.contains(key) ?? true)
    }
}
