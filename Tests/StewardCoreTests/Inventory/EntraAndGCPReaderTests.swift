import XCTest
@testable import StewardCore

/// The Entra applications and GCP service-account keys readers, on real-shaped exports.
final class EntraAndGCPReaderTests: XCTestCase {
    typealias F = Fixture

    // MARK: Entra

    func testAzAppListReadsEveryApplicationAndCredential() throws {
        let inv = try F.readInventory("entra-applications.json")
        XCTAssertEqual(inv.format, .entraApplications)
        XCTAssertEqual(inv.platforms, ["azure"])
        XCTAssertEqual(inv.records.map(\.ref), ["1b4f816e-5eaf-48b9-8613-7923830595ad", "6e2b1a57-9c4d-4e8f-a1b3-5d7f9b2c4e60",
                                                "9d1c3e5f-7a2b-4c6d-8e0f-1a3b5c7d9e20", "3f8a6c4e-2b1d-4e9f-a7c5-0b2d4f6a8c31"])
        let crm = inv.records[0]
        XCTAssertNil(crm.scopes, "requiredResourceAccess is what the app asks for, not scopes")
        XCTAssertEqual(crm.createdAt, F.lenient("2025-06-01T09:12:44Z"))
        XCTAssertEqual(crm.source, "[0]")
        XCTAssertEqual(crm.credentials, [
            ObservedCredential(id: "a3c1f0de-8b52-4c6e-9f1d-2e7b4a9c0d13", createdAt: F.lenient("2025-09-20T08:00:00Z"),
                               expiresAt: F.lenient("2026-03-20T08:00:00Z"), source: "[0].passwordCredentials[0]"),
            ObservedCredential(id: "0c9e4b2a-71f3-4d8e-b6a0-5d3c2f1e9b84", createdAt: F.lenient("2025-06-01T00:00:00Z"),
                               expiresAt: F.lenient("2027-06-01T00:00:00Z"), source: "[0].keyCredentials[0]"),
        ])
        XCTAssertEqual(inv.records[2].credentials, [], "an app with no credential is still observed")
        XCTAssertFalse(inv.records[1].credentials[0].isLive(at: F.lenient("2026-03-01T00:00:00Z")), "expired secret")
    }

    func testTheLastGraphPageReadsAndAPageWithANextLinkIsRefused() throws {
        let last = try F.readInventory("entra-applications.graph-page-2.json")
        XCTAssertEqual(last.format, .entraApplications)
        XCTAssertEqual(last.records.map(\.source), ["value[0]", "value[1]"])
        let page1 = try F.inventoryBytes("entra-applications.graph-page-1.json")
        do {
            _ = try InventoryReader.read(page1, file: "entra-applications.graph-page-1.json")
            XCTFail("a page with @odata.nextLink must be refused")
        } catch {
            XCTAssertEqual(error.location, "@odata.nextLink")
            XCTAssertTrue(error.message.contains("incomplete"), error.message)
        }
    }

    func testEntraWrongTypesNameTheRecordAndField() {
        let e = F.inventoryFailure(#"[{"appId": "1b4f816e-5eaf-48b9-8613-7923830595ad", "passwordCredentials": [{"keyId": "k", "endDateTime": 20260320}]}]"#)
        XCTAssertEqual(e?.description, "export.json: record [0], field passwordCredentials[0].endDateTime: "
            + "expected an ISO 8601 time like 2026-01-05T09:00:00Z, not an integer")
        let g = F.inventoryFailure(#"{"value": [{"appId": "not-a-guid"}]}"#)
        XCTAssertEqual(g?.location, "record value[0], field appId")
        let c = F.inventoryFailure(#"[{"appId": "1b4f816e-5eaf-48b9-8613-7923830595ad", "keyCredentials": {"keyId": "k"}}]"#)
        XCTAssertEqual(c?.location, "record [0], field keyCredentials")
        XCTAssertEqual(F.inventoryFailure(#"[{"appId": null}]"#)?.location, "record [0], field appId")
    }

    func testEntraToleratesFieldsGraphAddsLater() throws {
        let inv = try InventoryReader.read(Array(#"[{"appId": "1b4f816e-5eaf-48b9-8613-7923830595ad", "brandNewGraphField": {"x": [1]}}]"#.utf8),
                                           file: "x.json")
        XCTAssertEqual(inv.records.count, 1)
    }

    // MARK: GCP

    func testGcloudKeysListKeepsUserManagedKeysOfTheAccount() throws {
        let inv = try F.readInventory("gcp-service-account-keys.json")
        XCTAssertEqual(inv.format, .gcpServiceAccountKeys)
        XCTAssertEqual(inv.records.map(\.ref), ["crm-sync@acme-prod.iam.gserviceaccount.com"])
        let keys = inv.records[0].credentials
        XCTAssertEqual(keys.map(\.id), ["3b1f0e9d8c7a6b5f4e3d2c1b0a9f8e7d6c5b4a39", "8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b"],
                       "the SYSTEM_MANAGED key is Google's and ignored")
        XCTAssertTrue(keys[0].neverExpires, "9999-12-31T23:59:59Z means never")
        XCTAssertNil(keys[0].expiresAt)
        XCTAssertEqual(keys[0].createdAt, F.lenient("2025-10-01T08:00:00Z"))
        XCTAssertFalse(keys[0].disabled, "gcloud omits disabled: false")
        XCTAssertTrue(keys[1].disabled)
        XCTAssertFalse(keys[1].isLive(at: F.lenient("2026-03-01T00:00:00Z")), "disabled: present, not live")
    }

    func testSeveralAccountsAndAnAccountWithOnlySystemKeys() throws {
        let inv = try F.readInventory("gcp-service-account-keys.accounts.json")
        XCTAssertEqual(inv.records.map(\.ref), ["crm-sync@acme-prod.iam.gserviceaccount.com"], "ci-deployer has no user-managed key")
        XCTAssertEqual(inv.records[0].source, "[0][0]")
        // The list covers both accounts it names, and no other.
        XCTAssertTrue(inv.covers(Binding(platform: "gcp", ref: "ci-deployer@acme-prod.iam.gserviceaccount.com")))
        XCTAssertFalse(inv.covers(Binding(platform: "gcp", ref: "other@acme-prod.iam.gserviceaccount.com")))
    }

    func testGCPWrongTypesNameTheRecordAndField() {
        let key = #"{"name": "projects/p/serviceAccounts/a@p.iam.gserviceaccount.com/keys/k1", "keyType": "USER_MANAGED""#
        XCTAssertEqual(F.inventoryFailure("[" + key + #", "disabled": "false"}]"#, format: .gcpServiceAccountKeys)?.description,
                       "export.json: record [0], field disabled: expected true or false, not a string")
        XCTAssertEqual(F.inventoryFailure("[" + key + #", "validAfterTime": "yesterday"}]"#)?.location, "record [0], field validAfterTime")
        XCTAssertEqual(F.inventoryFailure(#"[{"name": "keys/k1", "keyType": "USER_MANAGED"}]"#)?.location, "record [0], field name")
        XCTAssertEqual(F.inventoryFailure(#"[{"name": "projects/p/serviceAccounts/a@p/keys/k", "keyType": 1}]"#)?.location, "record [0], field keyType")
    }
}
