import Foundation
import XCTest
@testable import StewardCore

/// `RunPipeline.run` on a real governance root in a temporary directory.
final class RunnerTests: XCTestCase {
    typealias F = Fixture

    /// A root with a temporary connector `migration` ending at `until`, a medium-risk
    /// `crm-sync` activated at t0+2h, and a requested `pending` (expires at t0+30d).
    private func estate() throws -> GovernanceRoot {
        let root = F.governanceRoot(self)
        let temp = try ConnectorBuilder.active("migration", spec: F.spec(until: until), workflow: F.temporary).document
        var pending = ConnectorBuilder("pending")
        try pending.perform(.request(F.spec()), by: F.rita, at: F.t0)
        try StateStore(root: root).write([temp, try ConnectorBuilder.active().document, pending.document])
        return root
    }

    private let until = Fixture.t0.plus(days: 20)

    private func run(_ root: GovernanceRoot, at now: Timestamp, dryRun: Bool = false) throws -> RunReport {
        var o = RunOptions(now: now)
        o.dryRun = dryRun
        return try RunPipeline(root: root).run(o)
    }

    func testACorruptNeighbourIsReportedWhileATemporaryConnectorStillEnds() throws {
        let root = try estate()
        let good = FileManager.default.contents(atPath: root.statePath + "/crm-sync.json")!
        let truncated = good.prefix(good.count / 2)
        Fixture.put(root.statePath + "/broken.json", truncated)
        let report = try run(root, at: until)
        XCTAssertEqual(report.errors.map(\.file), ["State/broken.json"])
        XCTAssertTrue(report.errors[0].message.hasPrefix("State/broken.json: "), report.errors[0].message)
        XCTAssertEqual(report.transitions.map(\.id), ["migration"])
        XCTAssertEqual(report.transitions.first?.event, "window-end")
        XCTAssertEqual(report.transitions.first?.to, "decommissioned")
        XCTAssertEqual(try StateStore(root: root).load("migration").state, "decommissioned")
        XCTAssertEqual(FileManager.default.contents(atPath: root.statePath + "/broken.json"), truncated, "left as it was")
        XCTAssertEqual(report.scanned, 4)
    }

    func testWithAnExportACorruptFileIsReportedOnceAndTheOthersAreReconciled() throws {
        let root = try estate()
        let good = FileManager.default.contents(atPath: root.statePath + "/crm-sync.json")!
        Fixture.put(root.statePath + "/broken.json", good.prefix(good.count / 2))
        let export = root.path + "/export.json"
        Fixture.put(export, Data(#"[{"platform": "slack", "ref": "A04SHADOW"}]"#.utf8))
        var o = RunOptions(now: until)
        o.dryRun = true
        o.observed = [export]
        let report = try RunPipeline(root: root).run(o)
        XCTAssertEqual(report.errors.map(\.file), ["State/broken.json"], "one error, not dropped and not doubled")
        XCTAssertTrue(report.findings.contains { $0.kind == "unmanaged" && $0.ref == "A04SHADOW" }, "\(report.findings)")
        XCTAssertEqual(report.transitions.map(\.id), ["migration"])
        XCTAssertEqual(report.scanned, 4)
    }

    func testAFutureDatedNeighbourIsReportedByNameWhileTheOthersGoOn() throws {
        let root = try estate()
        var ahead = ConnectorBuilder("ahead")
        try ahead.perform(.request(F.spec()), by: F.rita, at: until.plus(days: 10))
        try StateStore(root: root).write([ahead.document])
        let before = FileManager.default.contents(atPath: root.statePath + "/ahead.json")
        let report = try run(root, at: until)
        XCTAssertEqual(report.errors.map(\.file), ["State/ahead.json"])
        XCTAssertTrue(report.errors[0].message.hasPrefix("State/ahead.json: "), report.errors[0].message)
        XCTAssertTrue(report.errors[0].message.contains("(rule future-event)"), report.errors[0].message)
        XCTAssertEqual(try StateStore(root: root).load("migration").state, "decommissioned", "the others go on")
        XCTAssertEqual(FileManager.default.contents(atPath: root.statePath + "/ahead.json"), before)
        // Within five minutes it is clock skew: nothing is due and nothing is reported.
        XCTAssertEqual(try run(root, at: until.plus(days: 10).plus(seconds: -300)).errors, [])
    }

    func testABrokenWorkflowFileCostsOnlyItsOwnConnectors() throws {
        let root = try estate()
        Fixture.put(root.workflowsPath + "/temporary.json", Data("{ not json".utf8))
        let before = FileManager.default.contents(atPath: root.statePath + "/migration.json")
        let report = try run(root, at: F.t0.plus(days: 100))
        XCTAssertEqual(report.errors.map(\.file), ["State/migration.json", "Workflows/temporary.json"])
        XCTAssertTrue(report.errors[0].message.contains("Workflows/temporary.json could not be loaded"), report.errors[0].message)
        XCTAssertEqual(FileManager.default.contents(atPath: root.statePath + "/migration.json"), before)
        XCTAssertEqual(Set(report.transitions.map(\.id)), ["crm-sync", "pending"], "the standard connectors still move")
    }

    func testABrokenRolesFileNeverStopsTheTimers() throws {
        let root = try estate()
        Fixture.put(root.workflowsPath + "/roles.json", Data("[]".utf8))
        let report = try run(root, at: until)
        XCTAssertEqual(report.errors.map(\.file), ["Workflows/roles.json"])
        XCTAssertEqual(try StateStore(root: root).load("migration").state, "decommissioned")
    }

    func testATamperedNeighbourIsLeftUnchangedAndReported() throws {
        let root = try estate()
        var doc = try StateStore(root: root).load("crm-sync")
        doc.spec.scopes.append("admin:*")   // no amend event
        try StateStore(root: root).write([doc])
        let before = FileManager.default.contents(atPath: root.statePath + "/crm-sync.json")
        let report = try run(root, at: F.t0.plus(days: 100))
        let err = try XCTUnwrap(report.errors.first { $0.file == "State/crm-sync.json" })
        XCTAssertTrue(err.message.contains("rule projection"), err.message)
        XCTAssertTrue(err.message.contains("left unchanged"), err.message)
        XCTAssertEqual(FileManager.default.contents(atPath: root.statePath + "/crm-sync.json"), before)
        XCTAssertEqual(Set(report.transitions.map(\.id)), ["migration", "pending"])
    }

    func testAHandEditedDueDateCannotHideAConnectorFromTheRunner() throws {
        let root = try estate()
        var doc = try StateStore(root: root).load("crm-sync")
        doc.due.review = Timestamp(iso8601: "2031-01-01T00:00:00Z")   // pushed out by hand, no event
        doc.due.rotation = Timestamp(iso8601: "2031-01-01T00:00:00Z")
        try StateStore(root: root).write([doc])
        let before = FileManager.default.contents(atPath: root.statePath + "/crm-sync.json")
        // At day 100 the real review and rotation (day 90) are due; the stored dates say 2031.
        let report = try run(root, at: F.t0.plus(days: 100))
        let err = try XCTUnwrap(report.errors.first { $0.file == "State/crm-sync.json" }, "the runner replays, it does not trust due")
        XCTAssertTrue(err.message.contains("rule projection"), err.message)
        XCTAssertEqual(FileManager.default.contents(atPath: root.statePath + "/crm-sync.json"), before)
    }

    func testADryRunReportsThePlanAndWritesNoByte() throws {
        let root = try estate()
        Fixture.put(root.statePath + "/.crm-sync.json.tmp-9-0", Data("x".utf8))
        let before = F.snapshot(root.path)
        let report = try run(root, at: F.t0.plus(days: 100), dryRun: true)
        XCTAssertTrue(report.dryRun)
        XCTAssertEqual(Set(report.transitions.map(\.id)), ["migration", "pending", "crm-sync"])
        XCTAssertFalse(report.tasks.isEmpty)
        XCTAssertEqual(F.snapshot(root.path), before, "a dry run writes nothing, not even the lock or a cleanup")
        // The real run does what the dry run said.
        let real = try run(root, at: F.t0.plus(days: 100))
        XCTAssertEqual(real.transitions, report.transitions)
        XCTAssertEqual(real.tasks, report.tasks)
        XCTAssertFalse(FileManager.default.fileExists(atPath: root.statePath + "/.crm-sync.json.tmp-9-0"), "a writing run removes stale temporaries")
    }

    func testASecondRunAtTheSameNowChangesNoByteAndReportsNothing() throws {
        let root = try estate()
        let now = F.t0.plus(days: 100)
        let first = try run(root, at: now)
        XCTAssertEqual(first.changed.sorted(), ["crm-sync", "migration", "pending"])
        let after = F.snapshot(root.path)
        let second = try run(root, at: now)
        XCTAssertEqual(second.transitions, [])
        XCTAssertEqual(second.tasks, [])
        XCTAssertEqual(second.changed, [])
        XCTAssertEqual(second.errors, [])
        XCTAssertEqual(F.snapshot(root.path), after)
    }

    func testTheReportListsTransitionsAndOpenedTasksWithReasons() throws {
        let root = try estate()
        let report = try run(root, at: F.t0.plus(days: 30))
        // pending expires at exactly t0+30d; migration ended at t0+20d; crm-sync is not due.
        XCTAssertEqual(report.transitions.map(\.id), ["migration", "pending"])
        let expire = try XCTUnwrap(report.transitions.last)
        XCTAssertEqual([expire.event, expire.from, expire.to], ["expire", "requested", "decommissioned"])
        XCTAssertTrue(expire.reason.hasPrefix("request expired"))
        XCTAssertEqual(report.tasks.filter { $0.connector == "pending" }.map(\.id), ["pending#2-notify-owners"])
        XCTAssertEqual(report.tasks.first { $0.connector == "pending" }?.reason, expire.reason)
        XCTAssertEqual(report.events.count, 2)
        XCTAssertTrue(report.events.allSatisfy { $0.event.actor == Event.runnerActor && $0.event.at == report.now })
    }

    func testARunIsRefusedWhileAnotherWriterHoldsTheLock() throws {
        let root = try estate()
        let lock = try StateLock.acquire(stateDirectory: root.statePath, wait: 0)
        defer { lock.release() }
        let before = F.snapshot(root.statePath)
        XCTAssertThrowsError(try run(root, at: F.t0.plus(days: 100))) { error in
            XCTAssertEqual((error as? StoreError)?.kind, .busy)
        }
        XCTAssertEqual(F.snapshot(root.statePath), before)
        XCTAssertEqual(try run(root, at: F.t0.plus(days: 100), dryRun: true).transitions.count, 3, "a dry run needs no lock")
    }
}
