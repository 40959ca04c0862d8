import XCTest
@testable import StewardCore

/// `tasks --by-owner`: one section per technical owner.
final class OwnerDigestTests: XCTestCase {
    typealias F = Fixture

    func testOneSectionPerTechnicalOwnerWithOverdueOpenAndReviews() throws {
        var gone = try ConnectorBuilder.active("old-etl", at: "2026-01-02T09:00:00Z", spec: F.spec(technical: "lee@x.example"))
        try gone.decommission(at: "2026-02-01T00:00:00Z")
        let soon = try ConnectorBuilder.active("crm-sync", at: "2026-01-02T09:00:00Z", spec: F.spec(risk: .high, technical: "LEE@x.example"))
        let other = try ConnectorBuilder.active("hr-feed", at: "2026-01-02T09:00:00Z", spec: F.spec(risk: .low, technical: "kim@x.example"))
        let digest = OwnerDigest(docs: [gone.document, soon.document, other.document], terminal: { _ in F.standard.terminal }, now: F.t("2026-02-03T00:00:00Z"))
        XCTAssertEqual(digest.sections.count, 1, "kim has nothing due: hr-feed's review is 180 days out")
        let lee = digest.sections[0]
        XCTAssertEqual(lee.owner.lowercased(), "lee@x.example", "owners compare without regard to case")
        XCTAssertEqual(lee.overdue.map(\.task.id).sorted(), ["old-etl#4-delete-secret", "old-etl#4-revoke-credential"])
        XCTAssertEqual(lee.open.map(\.task.id).sorted(), ["old-etl#4-notify-owners", "old-etl#4-verify-removal"])
        XCTAssertEqual(lee.reviews.map(\.connector), ["crm-sync"])
        let md = digest.markdown()
        XCTAssertEqual(md.components(separatedBy: "\n## ").count - 1, 1, md)
        XCTAssertTrue(md.contains("### Overdue\n\n- **old-etl#4-delete-secret**"), md)
        XCTAssertTrue(md.contains("### Reviews coming due\n\n- `crm-sync`: review was due 2026-02-01T11:00:00Z"), md)
        XCTAssertFalse(md.contains("hr-feed"), md)
    }
}
