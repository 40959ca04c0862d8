import XCTest
@testable import StewardCore

/// `run --findings FILE`: Markdown grouped by severity, with the owners as contacts.
final class FindingsReportTests: XCTestCase {
    typealias F = Fixture

    func findings() throws -> [Finding] {
        let crmArn = "arn:aws:iam::123456789012:user/integrations/crm-sync"
        var gone = try ConnectorBuilder.active("crm-sync", at: "2026-01-02T09:00:00Z", spec: F.spec(business: "dana@x.example", technical: "lee@x.example",
                                                         bindings: [Binding(platform: "aws", ref: crmArn)]))
        try gone.decommission(at: "2026-02-01T00:00:00Z")
        let hr = try ConnectorBuilder.active("hr-feed", at: "2026-01-02T09:00:00Z", spec: F.spec(business: "hana@x.example", technical: "ravi@x.example",
                                                      bindings: [Binding(platform: "aws", ref: "arn:aws:iam::123456789012:user/hr|feed")]))
        var crm = ObservedRecord(platform: "aws", ref: crmArn)
        crm.source = "row 2"
        let inv = Inventory(file: "iam.csv", format: .awsCredentialReport, records: [
            crm,
            ObservedRecord(platform: "aws", ref: "arn:aws:iam::123456789012:user/shadow", lastUsedAt: F.t("2025-01-01T00:00:00Z")),
        ], platforms: ["aws"])
        return Reconcile.run(docs: [gone.document, hr.document], inventories: [inv], workflows: F.workflowSet.workflows,
                             now: F.t("2026-03-01T00:00:00Z")).findings
    }

    func testGroupsBySeverityMostSevereFirst() throws {
        let f = try findings()
        XCTAssertEqual(f.map(\.severity), ["critical", "high", "medium", "low"])
        let md = FindingsReport.markdown(f, now: F.t("2026-03-01T00:00:00Z"))
        XCTAssertTrue(md.hasPrefix("# Steward reconciliation findings\n\nGenerated at 2026-03-01T00:00:00Z. 4 finding(s).\n"), md)
        let headings = md.split(separator: "\n").filter { $0.hasPrefix("## ") }
        XCTAssertEqual(headings, ["## Critical (1)", "## High (1)", "## Medium (1)", "## Low (1)"])
        XCTAssertFalse(md.contains("## Info"))
    }

    func testRowsNameTheOwnersAsContactsAndEscapePipes() throws {
        let md = FindingsReport.markdown(try findings(), now: F.t("2026-03-01T00:00:00Z"))
        let lines = md.split(separator: "\n").map(String.init)
        let revocation = try XCTUnwrap(lines.first { $0.hasPrefix("| revocation-ineffective |") })
        XCTAssertTrue(revocation.contains("| crm-sync |"), revocation)
        XCTAssertTrue(revocation.contains("| dana@x.example, lee@x.example |"), revocation)
        XCTAssertTrue(revocation.contains("NHI1:2025"), revocation)
        let unmanaged = try XCTUnwrap(lines.first { $0.hasPrefix("| unmanaged |") })
        XCTAssertTrue(unmanaged.contains("| (none) |"), unmanaged)
        XCTAssertTrue(unmanaged.contains("| platform admins |"), unmanaged)
        let missing = try XCTUnwrap(lines.first { $0.hasPrefix("| missing |") })
        XCTAssertTrue(missing.contains("hr\\|feed"), "a | inside a cell is escaped: \(missing)")
        XCTAssertTrue(missing.contains("| hana@x.example, ravi@x.example |"), missing)
        XCTAssertTrue(revocation.hasSuffix("| iam.csv, record row 2 |"), revocation)
        XCTAssertTrue(missing.hasSuffix("| iam.csv |"), "an absence names the export, no record: \(missing)")
        // Every table row has the header's seven cells.
        for line in lines where line.hasPrefix("| ") {
            let cells = line.replacingOccurrences(of: "\\|", with: "").split(separator: "|", omittingEmptySubsequences: false)
            XCTAssertEqual(cells.count, 9, line)
        }
    }

    func testALineBreakInAnExportedRefStaysInsideItsRow() {
        let f = Finding(kind: "unmanaged", connector: nil, platform: "generic", ref: "bot\n## Critical (0)\r\nall clear",
                        severity: "high", message: "observed in x.json")
        let md = FindingsReport.markdown([f], now: Fixture.t("2026-03-01T00:00:00Z"))
        let headings = md.split(separator: "\n").filter { $0.hasPrefix("#") }
        XCTAssertEqual(headings, ["# Steward reconciliation findings", "## High (1)"], md)
        XCTAssertEqual(md.split(separator: "\n").filter { $0.hasPrefix("| unmanaged |") }.count, 1, md)
    }

    func testNoFindings() {
        let md = FindingsReport.markdown([], now: Fixture.t("2026-03-01T00:00:00Z"))
        XCTAssertEqual(md, "# Steward reconciliation findings\n\nGenerated at 2026-03-01T00:00:00Z. 0 finding(s).\n")
    }

    func testWritesTheFile() throws {
        let dir = F.temporaryDirectory(self)
        let path = dir + "/findings.md"
        let f = try findings()
        try FindingsReport.write(f, to: path, now: F.t("2026-03-01T00:00:00Z"))
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), FindingsReport.markdown(f, now: F.t("2026-03-01T00:00:00Z")))
        // Missing folders are created; a path through a regular file is refused.
        try FindingsReport.write(f, to: dir + "/new/dir/f.md", now: F.t("2026-03-01T00:00:00Z"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir + "/new/dir/f.md"))
        XCTAssertThrowsError(try FindingsReport.write(f, to: path + "/f.md", now: F.t("2026-03-01T00:00:00Z")))
    }
}
