import XCTest
@testable import StewardCore

/// The estate report's facts: counts, overdue kept apart from upcoming, review and removal
/// figures, owners, unreadable files, and the estate rebuilt as of a past time.
final class EstateReportTests: XCTestCase {
    typealias F = Fixture

    func estate() throws -> [ConnectorDocument] {
        var requested = ConnectorBuilder("new-one")
        try requested.request(F.spec(risk: .low, business: "zoe@x.example", technical: "zoe@x.example"), at: "2026-02-20T09:00:00Z")
        let active = try ConnectorBuilder.active("crm-sync", at: "2026-01-02T09:00:00Z", spec: F.spec(risk: .high))
        let active2 = try ConnectorBuilder.active("hr-feed", at: "2026-01-02T09:00:00Z", spec: F.spec(risk: .medium, business: "sam@x.example"))
        var gone = try ConnectorBuilder.active("old-etl", at: "2026-01-02T09:00:00Z", spec: F.spec(risk: .high))
        try gone.append(.rotate, by: "lee@x.example", at: "2026-01-10T00:00:00Z")
        try gone.append(.confirmRotation, by: "lee@x.example", at: "2026-01-11T00:00:00Z", data: ["evidence": .string("old key deleted")])
        try gone.decommission(at: "2026-02-01T00:00:00Z")
        try gone.closeTask("old-etl#7-verify-removal", by: "alice@x.example", at: "2026-02-03T12:00:00Z", evidence: "absent from the IAM credential report")
        return [requested.document, active.document, active2.document, gone.document]
    }

    func report(_ docs: [ConnectorDocument], at now: String, unreadable: [UnreadableFile] = [], people: PeopleDirectory? = nil) -> EstateReport {
        EstateReport.build(docs.map { .init(doc: $0, workflow: F.standard) }, files: docs.count + unreadable.count,
                           unreadable: unreadable, now: F.t(now), people: people)
    }

    func testCountsByStateAndRisk() throws {
        let r = report(try estate(), at: "2026-02-10T00:00:00Z")
        XCTAssertEqual(r.total, 4)
        XCTAssertEqual(r.byState, ["requested": 1, "active": 2, "decommissioned": 1])
        XCTAssertEqual(r.byRisk, ["low": 1, "medium": 1, "high": 1], "decommissioned connectors are not counted by risk")
        XCTAssertEqual(r.connectors.map(\.id), ["crm-sync", "hr-feed", "new-one", "old-etl"])
    }

    func testAPastDateIsOverdueAndNeverUpcoming() throws {
        let now = F.t("2026-02-10T00:00:00Z")
        let r = report(try estate(), at: now.iso8601)
        // crm-sync (high) was due for review 30 days after activation, 2026-02-01T11:00: passed.
        XCTAssertTrue(r.overdue.contains { $0.connector == "crm-sync" && $0.kind == .review && $0.at == F.t("2026-02-01T11:00:00Z") })
        XCTAssertFalse(r.upcoming.contains { $0.connector == "crm-sync" && $0.kind == .review })
        XCTAssertTrue(r.upcoming.allSatisfy { $0.at >= now }, "\(r.upcoming)")
        XCTAssertTrue(r.calendar.allSatisfy { $0.at >= now })
        XCTAssertTrue(r.overdue.allSatisfy { $0.at < now })
        // old-etl's offboarding opened 02-01: three open tasks, all past due; verify-removal closed.
        XCTAssertEqual(r.overdue.filter { $0.kind == .task }.compactMap(\.task).sorted(),
                       ["old-etl#7-delete-secret", "old-etl#7-notify-owners", "old-etl#7-revoke-credential"])
        XCTAssertEqual(r.overdueTaskCount, 3)
        let md = r.markdown()
        XCTAssertTrue(md.contains("| crm-sync | review | 2026-02-01T11:00:00Z | lee@x.example |"), md)
        let upcomingPart = md.components(separatedBy: "## Upcoming")[1].components(separatedBy: "## Open tasks")[0]
        XCTAssertFalse(upcomingPart.contains("2026-02-01"), upcomingPart)
    }

    func testReviewRateRemovalMedianAndCredentialAge() throws {
        var docs = try estate()
        var late = try ConnectorBuilder.active("late-one", at: "2026-01-02T09:00:00Z", spec: F.spec(risk: .high))
        try late.run(at: "2026-02-02T00:00:00Z")
        try late.append(.recertify, by: "alice@x.example", at: "2026-02-05T00:00:00Z")
        var early = try ConnectorBuilder.active("early-one", at: "2026-01-02T09:00:00Z", spec: F.spec(risk: .high))
        try early.append(.recertify, by: "alice@x.example", at: "2026-01-20T00:00:00Z")
        docs += [late.document, early.document]
        let r = report(docs, at: "2026-02-10T00:00:00Z")
        XCTAssertEqual(r.reviews.onTime, 1)
        XCTAssertEqual(r.reviews.late, 1)
        XCTAssertEqual(r.reviews.onTimePercent, 50)
        XCTAssertEqual(r.removalProofs, [2 * 86_400 + 12 * 3600])
        XCTAssertEqual(r.medianRemovalSeconds, 2 * 86_400 + 12 * 3600)
        XCTAssertTrue(r.markdown().contains("Median time from decommission to a closed verify-removal: 2.5 days (1 connector)."), r.markdown())
        let crm = try XCTUnwrap(r.credentials.first { $0.connector == "crm-sync" })
        XCTAssertEqual(crm.ageDays, 38)
        XCTAssertEqual(crm.periodDays, 90)
        XCTAssertFalse(crm.over)
        XCTAssertFalse(r.credentials.contains { $0.connector == "old-etl" }, "a decommissioned connector has no live credential")
    }

    func testOwnersWhoLeftAndOwnersWithTheMostConnectors() throws {
        let people = PeopleDirectory(statuses: ["dana@x.example": "active", "lee@x.example": "inactive", "sam@x.example": "active"])
        let r = report(try estate(), at: "2026-02-10T00:00:00Z", people: people)
        // lee is technical owner of crm-sync and hr-feed (live); zoe is not listed at all.
        XCTAssertEqual(r.departed?.map { "\($0.connector)/\($0.role)/\($0.email)" },
                       ["crm-sync/technical/lee@x.example", "hr-feed/technical/lee@x.example",
                        "new-one/business/zoe@x.example", "new-one/technical/zoe@x.example"])
        XCTAssertEqual(r.topOwners.first, OwnerCount(email: "lee@x.example", count: 2))
        XCTAssertNil(self.report(try estate(), at: "2026-02-10T00:00:00Z").departed, "without --people nothing is said about departures")
    }

    func testUnreadableFilesAreNamedAndTheCountSaysSo() throws {
        let bad = UnreadableFile(file: "State/broken.json", message: "State/broken.json: 1:1: not JSON")
        let r = report(Array(try estate().prefix(2)), at: "2026-02-10T00:00:00Z", unreadable: [bad])
        XCTAssertEqual(r.total, 2)
        XCTAssertEqual(r.files, 3)
        XCTAssertTrue(r.headline.contains("1 file could not be read (3 connector files in State/)"), r.headline)
        XCTAssertTrue(r.markdown().contains("| State/broken.json | State/broken.json: 1:1: not JSON |"), r.markdown())
        guard case .object(let o) = r.json() else { return XCTFail() }
        XCTAssertEqual(o["unreadable"]?.arrayValue?.first?.objectValue?["file"], .string("State/broken.json"))
        XCTAssertEqual(o["files"], .int(3))
    }

    func testTheEstateAsOfAPastTimeIsRebuiltFromTheHistories() throws {
        let docs = try estate()
        let at = F.t("2026-01-20T00:00:00Z")
        var entries: [EstateReport.Entry] = []
        var notYet: [String] = []
        for d in docs {
            switch EstateAsOf.rebuild(d, workflow: F.standard, at: at) {
            case .existed(let r): entries.append(.init(doc: r, workflow: F.standard))
            case .notYet: notYet.append(d.id.rawValue)
            case .broken(let why): XCTFail(why)
            }
        }
        XCTAssertEqual(notYet, ["new-one"], "requested on 02-20: it did not exist yet")
        let r = EstateReport.build(entries, files: docs.count, unreadable: [], now: at, asOf: true)
        XCTAssertEqual(r.total, 3)
        XCTAssertEqual(r.byState, ["active": 3], "old-etl was still active on 01-20")
        XCTAssertEqual(r.openTasks.count, 0)
        XCTAssertTrue(r.headline.hasPrefix("As of 2026-01-20T00:00:00Z: 3 connectors"), r.headline)
        // The rebuilt document is what the file held then: the same as replaying that prefix.
        guard case .existed(let old) = EstateAsOf.rebuild(docs[3], workflow: F.standard, at: at) else { return XCTFail() }
        XCTAssertEqual(old.history.count, 6)
        XCTAssertEqual(old.version, 6)
        guard case .success = Replay.run(old, workflow: F.standard, file: "State/old-etl.json") else { return XCTFail("the rebuilt prefix must replay") }
        // A task closed after the time was still open then.
        guard case .existed(let ended) = EstateAsOf.rebuild(docs[3], workflow: F.standard, at: F.t("2026-02-02T00:00:00Z")) else { return XCTFail() }
        XCTAssertEqual(ended.state, "decommissioned")
        XCTAssertEqual(ended.tasks.first { $0.kind == "verify-removal" }?.status, .open, "closed on 02-03, open on 02-02")
    }

    func testABrokenHistoryIsReportedNotCounted() throws {
        var d = try estate()[1]
        d.history[1].event = "teleport"
        guard case .broken(let why) = EstateAsOf.rebuild(d, workflow: F.standard, at: F.t("2026-03-01T00:00:00Z")) else { return XCTFail() }
        XCTAssertTrue(why.contains("teleport"), why)
    }
}
