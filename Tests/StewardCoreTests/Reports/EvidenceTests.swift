import XCTest
@testable import StewardCore

/// The evidence pack: what each approval approved, what each amend changed, reviews and
/// tasks on time or late, commits and pull requests, and the chain verdict.
final class EvidenceTests: XCTestCase {
    typealias F = Fixture

    /// High risk, two approvals, an amend adding a scope and removing a reach, a re-approval,
    /// a late recertify, a rotation, then a decommission with one task closed late.
    func doc() throws -> ConnectorDocument {
        var b = try ConnectorBuilder.active("crm-sync", at: "2026-01-02T09:00:00Z", spec: F.spec(risk: .high, scopes: ["read:Account"], reaches: ["warehouse", "s3"]), credential: "key-1")
        var change = SpecChange()
        change.addScopes = ["write:Account"]
        change.removeReaches = ["s3"]
        try b.amend(change, by: "lee@x.example", at: "2026-01-05T09:00:00Z")
        try b.approve(by: "alice@x.example", at: "2026-01-06T09:00:00Z")
        try b.approve(by: "bob@x.example", at: "2026-01-06T10:00:00Z")
        try b.run(at: "2026-02-02T00:00:00Z")  // review due 30 days after activation (high risk)
        try b.append(.recertify, by: "alice@x.example", at: "2026-02-03T00:00:00Z")
        try b.append(.rotate, by: "lee@x.example", at: "2026-02-10T00:00:00Z", data: ["credentialId": .string("key-2")])
        try b.append(.confirmRotation, by: "lee@x.example", at: "2026-02-11T00:00:00Z", data: ["evidence": .string("IAM key key-1 deleted, CloudTrail event 42")])
        try b.decommission(at: "2026-03-01T00:00:00Z", reason: "replaced by crm-sync-v2")
        try b.closeTask("crm-sync#\(b.document.history.count)-revoke-credential", at: "2026-03-20T00:00:00Z", evidence: "token revoked, SEC-1")
        return b.document
    }

    func build(_ d: ConnectorDocument, commits: [String: EventCommit]? = nil) -> Evidence {
        let problem: String? = { if case .failure(let p) = Replay.run(d, workflow: F.standard, file: "State/crm-sync.json") { return p.description }; return nil }()
        return Evidence.build(d, workflow: F.standard, chainProblem: problem, commits: commits,
                              gitUnavailable: commits == nil ? "not inside a git repository" : nil, now: F.t("2026-04-01T00:00:00Z"))
    }

    func testEachApprovalShowsTheSpecItApproved() throws {
        let ev = build(try doc())
        XCTAssertTrue(ev.chainVerified, ev.chainProblem ?? "")
        XCTAssertEqual(ev.approvals.map(\.entry.event.actor), ["alice@x.example", "bob@x.example", "alice@x.example", "bob@x.example"])
        XCTAssertEqual(ev.approvals.map(\.completesRound), [false, true, false, true])
        XCTAssertEqual(ev.approvals[0].spec?.scopes, ["read:Account"])
        XCTAssertEqual(ev.approvals[0].spec?.reaches, ["s3", "warehouse"])
        // The re-approval approved the amended spec, not the one first approved.
        XCTAssertEqual(ev.approvals[2].spec?.scopes, ["read:Account", "write:Account"])
        XCTAssertEqual(ev.approvals[2].spec?.reaches, ["warehouse"])
        XCTAssertTrue(ev.approvals[2].reapproval)
        let md = EvidencePack.markdown(ev)
        XCTAssertTrue(md.contains("  approved this spec:\n    - scopes: read:Account, write:Account\n    - reaches: warehouse\n"), md)
        XCTAssertTrue(md.contains("environment: production; risk: high"), md)
        guard case .object(let o) = EvidencePack.json(ev), let approvals = o["approvals"]?.arrayValue else { return XCTFail() }
        XCTAssertEqual(approvals[0].objectValue?["approvedSpec"]?.objectValue?["scopes"], .array([.string("read:Account")]))
        XCTAssertEqual(approvals[0].objectValue?["approvedSpec"]?.objectValue?["risk"], .string("high"))
    }

    func testAnAmendSaysWhatItAddedAndRemoved() throws {
        let ev = build(try doc())
        XCTAssertEqual(ev.amends.count, 1)
        XCTAssertEqual(ev.amends[0].added, ["scope write:Account"])
        XCTAssertEqual(ev.amends[0].removed, ["reach s3"])
        XCTAssertTrue(ev.amends[0].widening)
        XCTAssertTrue(EvidencePack.markdown(ev).contains("  - added: scope write:Account\n  - removed: reach s3\n"))
    }

    func testReviewsTasksCredentialsAndTheEnding() throws {
        let ev = build(try doc())
        XCTAssertEqual(ev.reviews.map(\.verdict), ["late"], "recertified a day after the review date")
        XCTAssertEqual(ev.credentialChanges.map(\.event.event), ["activate", "rotate", "confirm-rotation"])
        XCTAssertEqual(ev.ending?.event.event, "decommission")
        XCTAssertEqual(ev.ending?.event.dataString("reason"), "replaced by crm-sync-v2")
        let byKind = Dictionary(uniqueKeysWithValues: ev.tasks.map { ($0.task.kind, $0) })
        XCTAssertEqual(byKind["revoke-old-credential"]?.timeliness, "on time")
        XCTAssertEqual(byKind["revoke-credential"]?.timeliness, "late", "closed on 03-20, due a day after 03-01")
        XCTAssertEqual(byKind["revoke-credential"]?.closedBy?.event.actor, "lee@x.example")
        XCTAssertEqual(byKind["verify-removal"]?.timeliness, "open, overdue")
        let md = EvidencePack.markdown(ev)
        XCTAssertTrue(md.contains("## How it ended\n\ndecommission (event "), md)
        XCTAssertTrue(md.contains(": replaced by crm-sync-v2\n"), md)
        XCTAssertTrue(md.contains("| late | token revoked, SEC-1 (by lee@x.example, event "), md)
        XCTAssertTrue(md.contains("- Commits: not shown (not inside a git repository)"), md)
    }

    func testEachEventNamesTheCommitAndPullRequestThatAddedIt() throws {
        let d = try doc()
        let c1 = EventCommit(sha: String(repeating: "a", count: 40), author: "Rita", authorEmail: "rita@x.example", date: F.t("2026-01-02T09:01:00Z"), subject: "Request crm-sync", pullRequest: 12)
        let ev = build(d, commits: [d.history[0].hash: c1])
        XCTAssertEqual(ev.events[0].commit?.pullRequest, 12)
        XCTAssertNil(ev.events[1].commit)
        let md = EvidencePack.markdown(ev)
        XCTAssertTrue(md.contains("| 1 | 2026-01-02T09:00:00Z | request → requested | rita@x.example | `aaaaaaaaaaaa` rita@x.example 2026-01-02T09:01:00Z PR #12 |"), md)
        XCTAssertTrue(md.contains("| not committed |"), md)
        guard case .object(let o) = EvidencePack.json(ev), let events = o["events"]?.arrayValue else { return XCTFail() }
        XCTAssertEqual(events[0].objectValue?["commit"]?.objectValue?["pullRequest"], .int(12))
        XCTAssertEqual(events[0].objectValue?["commit"]?.objectValue?["sha"], .string(c1.sha))
    }

    func testATamperedDocumentShowsTheChainFailure() throws {
        var d = try doc()
        d.history[1].actor = "mallory@x.example"  // who approved? not mallory
        let ev = build(d)
        XCTAssertFalse(ev.chainVerified)
        XCTAssertTrue(ev.chainProblem?.contains("hash-chain") ?? false, ev.chainProblem ?? "")
        let md = EvidencePack.markdown(ev)
        XCTAssertTrue(md.contains("- Hash chain: **FAILED**: history[1]"), md)
        guard case .object(let o) = EvidencePack.json(ev), case .object(let c)? = o["chain"] else { return XCTFail() }
        XCTAssertEqual(c["ok"], .bool(false))
    }

    func testAHistoryThatDoesNotReplayStillRenders() throws {
        var d = try doc()
        d.history[3].event = "teleport"
        d.history = F.rechained(d.history)
        let ev = build(d)
        XCTAssertFalse(ev.chainVerified)
        XCTAssertTrue(EvidencePack.markdown(ev).contains("teleport"))
    }
}
