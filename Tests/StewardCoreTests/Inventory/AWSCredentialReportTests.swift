import Foundation
import XCTest
@testable import StewardCore

final class AWSCredentialReportTests: XCTestCase {
    private let header = AWSCredentialReport.columns.joined(separator: ",")
    private let root = "<root_account>,arn:aws:iam::111122223333:root,2019-04-02T17:41:22+00:00,not_supported,"
        + "2025-10-30T08:12:45+00:00,not_supported,not_supported,true,"
    private let noKeys = "false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A"
    private let svc = "svc,arn:aws:iam::111122223333:user/svc,2024-01-01T00:00:00+00:00,false,N/A,N/A,N/A,false,"

    private func report(_ rows: String...) -> String { header + "\n" + rows.joined(separator: "\n") + "\n" }

    private func failure(_ text: String) -> InventoryError? {
        Fixture.inventoryFailure(text, file: "report.csv", format: .awsCredentialReport)
    }

    func testRealisticReport() throws {
        let inv = try InventoryReader.read(try Fixture.inventoryBytes("aws-credential-report.csv"), file: "aws-credential-report.csv")
        XCTAssertEqual(inv.format, .awsCredentialReport)
        XCTAssertEqual(inv.file, "aws-credential-report.csv")
        XCTAssertEqual(inv.platforms, ["aws"])
        let acct = "arn:aws:iam::111122223333:"
        XCTAssertEqual(inv.records.map(\.ref), [
            "user/integrations/crm-sync", "user/integrations/billing-export", "user/integrations/dormant-etl",
            "user/legacy-uploader", "user/alice", "user/old-console-bot", "user/ci/deploy-bot",
        ].map { acct + $0 }, "the root row without an active key is skipped")
        let byName = Dictionary(uniqueKeysWithValues: inv.records.map { ($0.ref.split(separator: "/").last.map(String.init)!, $0) })

        XCTAssertEqual(byName["crm-sync"], ObservedRecord(
            platform: "aws", ref: acct + "user/integrations/crm-sync", scopes: nil,
            createdAt: Fixture.t("2023-02-14T10:00:00Z"), lastUsedAt: Fixture.t("2025-11-19T23:58:01Z"),
            credentialId: acct + "user/integrations/crm-sync#access_key_1",
            credentialCreatedAt: Fixture.t("2023-02-14T10:02:11Z")))

        // Two active keys: usage is the latest of both, the credential is the OLDER key (key 2 here).
        let billing = try XCTUnwrap(byName["billing-export"])
        XCTAssertEqual(billing.lastUsedAt, Fixture.t("2025-11-18T07:45:00Z"))
        XCTAssertEqual(billing.credentialId, acct + "user/integrations/billing-export#access_key_2")
        XCTAssertEqual(billing.credentialCreatedAt, Fixture.t("2024-01-10T08:00:00Z"))

        // An active key never used: usage unknown (N/A), credential still aged.
        let dormant = try XCTUnwrap(byName["dormant-etl"])
        XCTAssertNil(dormant.lastUsedAt)
        XCTAssertEqual(dormant.credentialId, acct + "user/integrations/dormant-etl#access_key_1")
        XCTAssertEqual(dormant.credentialCreatedAt, Fixture.t("2021-09-09T14:21:30Z"))

        // Key 1 deactivated: neither its age nor its (older) use counts.
        let legacy = try XCTUnwrap(byName["legacy-uploader"])
        XCTAssertEqual(legacy.credentialId, acct + "user/legacy-uploader#access_key_2")
        XCTAssertEqual(legacy.credentialCreatedAt, Fixture.t("2024-12-01T10:00:00Z"))
        XCTAssertEqual(legacy.lastUsedAt, Fixture.t("2025-03-03T03:03:03Z"))

        // Password only: usage from password_last_used, no credential.
        let alice = try XCTUnwrap(byName["alice"])
        XCTAssertEqual(alice.lastUsedAt, Fixture.t("2025-11-20T16:02:10Z"))
        XCTAssertNil(alice.credentialId)
        XCTAssertNil(alice.credentialCreatedAt)

        // no_information is unknown.
        XCTAssertNil(byName["old-console-bot"]?.lastUsedAt)
        XCTAssertEqual(byName["old-console-bot"]?.createdAt, Fixture.t("2014-06-01T10:00:00Z"))

        // No keys at all (a signing certificate does not count).
        let deploy = try XCTUnwrap(byName["deploy-bot"])
        XCTAssertNil(deploy.lastUsedAt)
        XCTAssertNil(deploy.credentialId)
        XCTAssertEqual(deploy.createdAt, Fixture.t("2024-04-04T04:04:04Z"))
    }

    func testRootRowIsEmittedOnlyWithAnActiveKey() throws {
        let withKey = root + "true,2020-01-01T00:00:00+00:00,2025-01-02T03:04:05+00:00,us-east-1,iam,"
            + "false,N/A,N/A,N/A,N/A,false,N/A,false,N/A"
        let inv = try InventoryReader.read(Array(report(withKey, svc + noKeys).utf8), file: "r.csv")
        XCTAssertEqual(inv.records.map(\.ref), ["arn:aws:iam::111122223333:root", "arn:aws:iam::111122223333:user/svc"])
        XCTAssertEqual(inv.records[0].credentialId, "arn:aws:iam::111122223333:root#access_key_1")
        XCTAssertEqual(inv.records[0].lastUsedAt, Fixture.t("2025-10-30T08:12:45Z"), "the later of password and key use")
        XCTAssertEqual(try InventoryReader.read(Array(report(root + noKeys).utf8), file: "r.csv").records, [])
    }

    func testUnknownMarkersAndEmptyCellsAreNil() throws {
        let row = "svc,arn:aws:iam::111122223333:user/svc,,not_supported,no_information,N/A,,false,"
            + "true,N/A,no_information,N/A,N/A,false,,,,,false,not_supported,false,"
        let r = try XCTUnwrap(InventoryReader.read(Array(report(row).utf8), file: "r.csv").records.first)
        XCTAssertEqual(r, ObservedRecord(platform: "aws", ref: "arn:aws:iam::111122223333:user/svc",
                                         credentialId: "arn:aws:iam::111122223333:user/svc#access_key_1"))
    }

    func testEqualRotationPicksTheFirstKey() throws {
        let row = svc + "true,2024-05-05T00:00:00+00:00,N/A,N/A,N/A,true,2024-05-05T00:00:00+00:00,N/A,N/A,N/A,false,N/A,false,N/A"
        let r = try InventoryReader.read(Array(report(row).utf8), file: "r.csv").records[0]
        XCTAssertEqual(r.credentialId, "arn:aws:iam::111122223333:user/svc#access_key_1")
    }

    func testCRLFBOMAndBlankLines() throws {
        let text = "\u{FEFF}" + header + "\r\n" + svc + noKeys + "\r\n\r\n"
        let inv = try InventoryReader.read(Array(text.utf8), file: "r.csv")
        XCTAssertEqual(inv.format, .awsCredentialReport)
        XCTAssertEqual(inv.records.count, 1)
    }

    func testMotoGeneratedReport() throws {
        let inv = try InventoryReader.read(try Fixture.inventoryBytes("moto-credential-report.csv"), file: "moto-credential-report.csv")
        XCTAssertEqual(inv.format, .awsCredentialReport)
        let acct = "arn:aws:iam::123456789012:user/"
        XCTAssertEqual(inv.records.map(\.ref), ["integrations/crm-sync", "integrations/billing-export",
                                               "integrations/legacy-etl", "alice"].map { acct + $0 })
        let crm = inv.records[0]
        XCTAssertEqual(crm.createdAt, Fixture.t("2025-01-06T09:00:00Z"))
        XCTAssertEqual(crm.lastUsedAt, Fixture.t("2025-11-20T10:30:00Z"))
        XCTAssertEqual(crm.credentialId, acct + "integrations/crm-sync#access_key_1")
        XCTAssertEqual(crm.credentialCreatedAt, Fixture.t("2025-01-06T09:05:00Z"))
        let billing = inv.records[1]
        XCTAssertEqual(billing.credentialId, acct + "integrations/billing-export#access_key_1")
        XCTAssertEqual(billing.credentialCreatedAt, Fixture.t("2025-02-03T08:15:00Z"))
        XCTAssertNil(billing.lastUsedAt)
        let legacy = inv.records[2]
        XCTAssertNil(legacy.credentialId, "the deactivated key is not a live credential")
        XCTAssertNil(inv.records[3].lastUsedAt, "moto writes no_information for a password never used")
        XCTAssertNil(inv.records[3].credentialId)
    }

    // MARK: Errors

    func testHeaderErrorsNameTheColumn() {
        var cols = AWSCredentialReport.columns
        cols[2] = "user_created"
        var e = failure((cols.joined(separator: ",") + "\n"))
        XCTAssertEqual(e?.file, "report.csv")
        XCTAssertEqual(e?.location, "row 1, column 3")
        XCTAssertTrue(e?.message.contains("column 3 is \"user_created\", expected \"user_creation_time\"") ?? false, "\(e!)")

        e = failure(AWSCredentialReport.columns.dropLast().joined(separator: ","))
        XCTAssertEqual(e?.location, "row 1, column 22")
        XCTAssertTrue(e?.message.contains("\"cert_2_last_rotated\" is missing") ?? false)

        e = failure((header + ",extra"))
        XCTAssertEqual(e?.location, "row 1, column 23")
        XCTAssertTrue(e?.message.contains("extra column 23 \"extra\"") ?? false)

        cols = AWSCredentialReport.columns
        cols.swapAt(0, 1)
        e = failure(cols.joined(separator: ","))
        XCTAssertTrue(e?.message.contains("out of order") ?? false)

        e = failure("")
        XCTAssertEqual(e?.location, "", "the whole file")
        XCTAssertTrue(e?.message.contains("empty") ?? false)
    }

    func testWrongFieldCountNamesTheRow() {
        let e = failure(report(svc + noKeys, svc + "false,N/A"))
        XCTAssertEqual(e?.location, "row 3")
        XCTAssertTrue(e?.message.contains("has 10 fields, expected the report's 22") ?? false, "\(e!)")
        XCTAssertEqual(e?.description.hasPrefix("report.csv: row 3: has 10 fields"), true)
    }

    func testBadDateNamesRowAndColumn() {
        let row = svc + "true,2024-13-01T00:00:00+00:00,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A"
        let e = failure(report(svc + noKeys, row))
        XCTAssertEqual(e?.location, "row 3, column access_key_1_last_rotated")
        XCTAssertTrue(e?.message.contains("\"2024-13-01T00:00:00+00:00\" is not a date") ?? false)
        let unused = svc.replacingOccurrences(of: "N/A,N/A,false,", with: "N/A,yesterday,false,") + noKeys
        XCTAssertEqual(failure(report(unused))?.location, "row 2, column password_next_rotation")
    }

    func testBadBooleanAndMissingArn() {
        let e = failure(report(svc + "yes,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A"))
        XCTAssertEqual(e?.location, "row 2, column access_key_1_active")
        XCTAssertTrue(e?.message.contains("not true or false") ?? false)
        let noArn = "svc,N/A,2024-01-01T00:00:00+00:00,false,N/A,N/A,N/A,false," + noKeys
        XCTAssertEqual(failure(report(noArn))?.location, "row 2, column arn")
        XCTAssertEqual(failure(report("," + noArn.dropFirst(4)))?.location, "row 2, column user")
    }

    func testCSVSyntaxErrorNamesRowAndLine() {
        let e = failure(report(svc + noKeys, "bad\"quote," + noKeys))
        XCTAssertEqual(e?.location, "row 3 (line 3)")
        XCTAssertTrue(e?.message.contains("quote") ?? false)
    }
}
