import XCTest
@testable import StewardCore

/// The pure per-file rules of `check --base`, given the base and head documents and the
/// pull request's commits (as `ChangeCheck` reads them from git).
final class ChangeRulesTests: XCTestCase {
    typealias F = Fixture
    static let file = "State/crm-sync.json"

    func testAForgedRunnerEventIsToldWhichFieldDiffers() {
        let want: JSONValue = .object(["seq": .int(3), "note": .string("review due"), "data": .object([:]), "hash": .string("aa")])
        var g = ["seq": JSONValue.int(3), "note": .string("review due "), "data": .object([:]), "hash": .string("bb")]
        XCTAssertEqual(ChangeRules.firstDifference(want, .object(g)), #"note is "review due " but 'steward run' writes "review due""#,
                       "the named field, never the hash that every difference also changes")
        g["note"] = .string("review due")
        XCTAssertEqual(ChangeRules.firstDifference(want, .object(g)), #"hash is "bb" but 'steward run' writes "aa""#)
        g["extra"] = .bool(true)
        XCTAssertEqual(ChangeRules.firstDifference(want, .object(g)), "extra is true but 'steward run' writes absent")
    }

    func commit(_ n: Int, by author: String, at: String) -> GitCommit {
        GitCommit(sha: String(repeating: String(n), count: 40), authorEmail: author, time: F.t(at))
    }

    /// A FileChange whose versions are `commits`, each with the document it left.
    func change(base: ConnectorDocument?, commits: [(GitCommit, ConnectorDocument)], roles: Roles = F.roles,
                approving: Set<String> = [], mergeBase: String = "2026-01-01T00:00:00Z") -> FileChange {
        FileChange(file: Self.file, base: base, head: commits.last!.1,
                   versions: commits.map { ($0.0, Optional($0.1.history.map(\.hash))) }, workflow: F.standard, roles: roles,
                   approvingLogins: approving, mergeBaseTime: F.t(mergeBase))
    }

    func rules(_ c: FileChange) -> [String] { ChangeRules.check(c).violations.map(\.rule) }

    /// The base: crm-sync active since 2026-01-02 (request rita, approve alice, activate lee).
    func activeBase(risk: Risk = .medium) throws -> ConnectorBuilder {
        try ConnectorBuilder.active("crm-sync", at: "2026-01-02T09:00:00Z", spec: F.spec(risk: risk))
    }

    // MARK: identity

    func testRequestAndApprovalByTheirOwnAuthorsPass() throws {
        var b = ConnectorBuilder("crm-sync")
        try b.request(F.spec(), at: "2026-01-05T09:00:00Z")
        let requested = b.document
        try b.approve(at: "2026-01-05T10:00:00Z")
        let c = change(base: nil, commits: [(commit(1, by: "rita@x.example", at: "2026-01-05T09:01:00Z"), requested),
                                             (commit(2, by: "Alice@X.example", at: "2026-01-05T10:01:00Z"), b.document)])
        XCTAssertEqual(ChangeRules.check(c).violations, [])
        XCTAssertEqual(ChangeRules.check(c).warnings, [])
    }

    func testAnApprovalCommittedBySomeoneElseFailsGitIdentity() throws {
        var b = ConnectorBuilder("crm-sync")
        try b.request(F.spec(), at: "2026-01-05T09:00:00Z")
        let requested = b.document
        try b.approve(at: "2026-01-05T10:00:00Z")
        let c = change(base: nil, commits: [(commit(1, by: "rita@x.example", at: "2026-01-05T09:01:00Z"), requested),
                                             (commit(2, by: "rita@x.example", at: "2026-01-05T10:01:00Z"), b.document)])
        let v = ChangeRules.check(c).violations
        XCTAssertEqual(v.map(\.rule), ["git-identity"])
        XCTAssertTrue(v[0].message.contains("event 2 (approve by alice@x.example)"), v[0].message)
        XCTAssertTrue(v[0].message.contains("rita@x.example"), v[0].message)
    }

    func testAnEventInNoCommitOfThePullRequestFails() throws {
        var b = ConnectorBuilder("crm-sync")
        try b.request(F.spec(), at: "2026-01-05T09:00:00Z")
        var c = change(base: nil, commits: [(commit(1, by: "rita@x.example", at: "2026-01-05T09:01:00Z"), b.document)])
        c.versions = [(commit(1, by: "rita@x.example", at: "2026-01-05T09:01:00Z"), nil)]
        XCTAssertEqual(rules(c), ["git-identity"])
    }

    func testAnApprovalBackedByTheActorsReviewPasses() throws {
        var b = ConnectorBuilder("crm-sync")
        try b.request(F.spec(), at: "2026-01-05T09:00:00Z")
        let requested = b.document
        try b.approve(at: "2026-01-05T10:00:00Z")
        let commits = [(commit(1, by: "rita@x.example", at: "2026-01-05T09:01:00Z"), requested),
                       (commit(2, by: "rita@x.example", at: "2026-01-05T10:01:00Z"), b.document)]
        XCTAssertEqual(rules(change(base: nil, commits: commits, approving: ["alice-gh"])), [])
        // A review by someone else, or by a login roles.json does not map, backs nothing.
        XCTAssertEqual(rules(change(base: nil, commits: commits, approving: ["bob-gh"])), ["git-identity"])
        XCTAssertEqual(rules(change(base: nil, commits: commits, approving: ["alice"])), ["git-identity"])
        XCTAssertEqual(rules(change(base: nil, commits: commits, approving: ["rita-gh"])), ["git-identity"])
    }

    func testAReviewBacksOnlyApprovalsAndRecertifications() throws {
        var b = try activeBase()
        let base = b.document
        try b.amend({ var c = SpecChange(); c.purpose = "Nightly export of Accounts and Contacts"; return c }(), by: "lee@x.example", at: "2026-01-05T09:00:00Z")
        let c = change(base: base, commits: [(commit(1, by: "rita@x.example", at: "2026-01-05T09:01:00Z"), b.document)],
                       approving: ["alice-gh", "bob-gh", "rita-gh"])
        XCTAssertEqual(rules(c), ["git-identity"], "an amend must be committed by its actor; reviews do not back it")
    }

    func testTheRequestersOwnReviewNeverBacksAnEvent() throws {
        // rita requested the connector and is an approver; she may recertify it herself by
        // committing, but a review from her login does not stand in for her.
        let roles = Roles(approvers: F.roles.approvers + ["rita@x.example"], logins: F.roles.logins)
        var b = try activeBase()
        let base = b.document
        b.roles = roles
        try b.append(.recertify, by: "rita@x.example", at: "2026-01-05T09:00:00Z")
        let byRita = [(commit(1, by: "rita@x.example", at: "2026-01-05T09:01:00Z"), b.document)]
        XCTAssertEqual(rules(change(base: base, commits: byRita, roles: roles)), [])
        let byBob = [(commit(1, by: "bob@x.example", at: "2026-01-05T09:01:00Z"), b.document)]
        XCTAssertEqual(rules(change(base: base, commits: byBob, roles: roles, approving: ["rita-gh"])), ["git-identity"])

        var a = try activeBase()
        try a.append(.recertify, by: "alice@x.example", at: "2026-01-05T09:00:00Z")
        let aliceByBob = [(commit(1, by: "bob@x.example", at: "2026-01-05T09:01:00Z"), a.document)]
        XCTAssertEqual(rules(change(base: base, commits: aliceByBob, roles: roles, approving: ["alice-gh"])), [])
    }

    // MARK: separation of duties, judged by the given (base) roles

    func testSelfApprovalFails() throws {
        var b = ConnectorBuilder("crm-sync")
        b.roles = nil
        try b.request(F.spec(), at: "2026-01-05T09:00:00Z")
        let requested = b.document
        // Forge: append an approve by the requester with a workflow whose guards are gone.
        var lax = F.standard
        lax.transitions = lax.transitions.map { var t = $0; t.guards = []; return t }
        let s = try XCTUnwrap(try? Replay.run(requested, workflow: F.standard, file: Self.file).get())
        let forged = try Append.event(.approve, to: requested, state: s, id: "crm-sync", actor: "rita@x.example",
                                      at: F.t("2026-01-05T10:00:00Z"), note: "", data: [:], workflow: lax, roles: nil, file: Self.file)
        let roles = Roles(approvers: F.roles.approvers + ["rita@x.example"])
        let c = change(base: nil, commits: [(commit(1, by: "rita@x.example", at: "2026-01-05T09:01:00Z"), requested),
                                             (commit(2, by: "rita@x.example", at: "2026-01-05T10:01:00Z"), forged.document)], roles: roles)
        XCTAssertEqual(rules(c), ["separation-of-duties"])
    }

    func testAppendedEventsAreJudgedByTheGivenRolesButOldOnesAreNot() throws {
        var b = try activeBase()
        let base = b.document
        try b.append(.recertify, by: "alice@x.example", at: "2026-01-05T09:00:00Z")
        let commits = [(commit(1, by: "alice@x.example", at: "2026-01-05T09:01:00Z"), b.document)]
        // alice approved the base events long ago; the roles now list only bob.
        let bobOnly = Roles(approvers: ["bob@x.example"])
        let v = ChangeRules.check(change(base: base, commits: commits, roles: bobOnly)).violations
        XCTAssertEqual(v.map(\.rule), ["approver-role"])
        XCTAssertTrue(v[0].message.contains("history[3]"), v[0].message)
    }

    // MARK: append-only history

    func testTruncatedHistoryFails() throws {
        let base = try activeBase().document
        var head = base
        head.history.removeLast()
        head.version -= 1
        let c = change(base: base, commits: [(commit(1, by: "lee@x.example", at: "2026-01-05T09:00:00Z"), head)])
        XCTAssertEqual(rules(c), ["history-truncated"])
    }

    func testRewrittenEventFailsEvenWithAValidChain() throws {
        let base = try activeBase().document
        var head = base
        head.history[0].note = "approved in the meeting"
        head.history = F.rechained(head.history)
        XCTAssertEqual(Replay.run(head, workflow: F.standard, file: Self.file).map { _ in "ok" }, .success("ok"),
                       "the forgery replays cleanly on its own")
        let c = change(base: base, commits: [(commit(1, by: "lee@x.example", at: "2026-01-05T09:00:00Z"), head)])
        let v = ChangeRules.check(c).violations
        XCTAssertEqual(v.map(\.rule), ["history-rewritten"])
        XCTAssertTrue(v[0].message.hasPrefix("event 1 "), v[0].message)
    }

    func testReorderedHistoryFails() throws {
        var b = ConnectorBuilder("crm-sync")
        try b.request(F.spec(risk: .high), at: "2026-01-02T09:00:00Z")
        try b.approve(by: "alice@x.example", at: "2026-01-02T10:00:00Z")
        try b.approve(by: "bob@x.example", at: "2026-01-02T10:00:00Z")
        let base = b.document
        var head = base
        head.history.swapAt(1, 2)
        head.history[1].seq = 2
        head.history[2].seq = 3
        head.history = F.rechained(head.history)
        let c = change(base: base, commits: [(commit(1, by: "lee@x.example", at: "2026-01-05T09:00:00Z"), head)])
        XCTAssertEqual(rules(c), ["history-rewritten"])
    }

    func testVersionMustCountTheEvents() throws {
        var b = try activeBase()
        let base = b.document
        try b.append(.recertify, by: "alice@x.example", at: "2026-01-05T09:00:00Z")
        var head = b.document
        head.version += 1
        let c = change(base: base, commits: [(commit(1, by: "alice@x.example", at: "2026-01-05T09:01:00Z"), head)])
        XCTAssertEqual(rules(c), ["version"])
    }

    func testASeqGapFails() throws {
        var b = try activeBase()
        let base = b.document
        try b.append(.recertify, by: "alice@x.example", at: "2026-01-05T09:00:00Z")
        var head = b.document
        head.history[3].seq = 5
        head.history = F.rechained(head.history)
        let c = change(base: base, commits: [(commit(1, by: "alice@x.example", at: "2026-01-05T09:01:00Z"), head)])
        XCTAssertEqual(rules(c), ["sequence"])
    }

    func testChangingIdOrWorkflowFails() throws {
        var b = try activeBase()
        let base = b.document
        try b.append(.recertify, by: "alice@x.example", at: "2026-01-05T09:00:00Z")
        var head = b.document
        head.workflow = "temporary"
        var c = change(base: base, commits: [(commit(1, by: "alice@x.example", at: "2026-01-05T09:01:00Z"), head)])
        XCTAssertTrue(rules(c).contains("workflow-changed"), "\(rules(c))")
        head = b.document
        head.id = "crm-sync-2"
        c = change(base: base, commits: [(commit(1, by: "alice@x.example", at: "2026-01-05T09:01:00Z"), head)])
        XCTAssertTrue(rules(c).contains("id-changed"), "\(rules(c))")
    }

    // MARK: time

    func testAnEventMoreThanFiveMinutesAfterItsCommitIsFutureDated() throws {
        var b = try activeBase()
        let base = b.document
        try b.append(.recertify, by: "alice@x.example", at: "2026-01-05T09:00:00Z")
        let late = change(base: base, commits: [(commit(1, by: "alice@x.example", at: "2026-01-05T08:54:59Z"), b.document)])
        let v = ChangeRules.check(late).violations
        XCTAssertEqual(v.map(\.rule), ["future-dated"])
        XCTAssertTrue(v[0].message.contains("2026-01-05T09:00:00Z"), v[0].message)
        let skewed = change(base: base, commits: [(commit(1, by: "alice@x.example", at: "2026-01-05T08:55:00Z"), b.document)])
        XCTAssertEqual(rules(skewed), [], "five minutes of clock skew is allowed")
    }

    func testAnEventBeforeTheBaseCommitIsOnlyAWarning() throws {
        var b = try activeBase()
        let base = b.document
        try b.append(.recertify, by: "alice@x.example", at: "2026-01-05T09:00:00Z")
        let c = change(base: base, commits: [(commit(1, by: "alice@x.example", at: "2026-01-06T09:01:00Z"), b.document)],
                       mergeBase: "2026-01-06T00:00:00Z")
        let r = ChangeRules.check(c)
        XCTAssertEqual(r.violations, [])
        XCTAssertEqual(r.warnings.map(\.rule), ["back-dated"])
    }

    func testTimeGoingBackwardsFails() throws {
        var b = try activeBase()
        let base = b.document
        try b.append(.recertify, by: "alice@x.example", at: "2026-01-05T09:00:00Z")
        var head = b.document
        head.history[3].at = F.t("2026-01-02T10:30:00Z")  // before the activation at 11:00
        head.history = F.rechained(head.history)
        let c = change(base: base, commits: [(commit(1, by: "alice@x.example", at: "2026-01-05T09:01:00Z"), head)])
        XCTAssertEqual(rules(c), ["time-order"])
    }

    // MARK: runner events

    func testGenuineRunnerEventsPass() throws {
        var b = try activeBase()
        let base = b.document
        try b.run(at: "2026-04-03T00:00:00Z")
        let head = b.document
        XCTAssertEqual(head.history.dropFirst(3).map(\.event), ["review-due", "open-task"])
        let c = change(base: base, commits: [(commit(1, by: "ops@x.example", at: "2026-04-03T00:01:00Z"), head)])
        XCTAssertEqual(ChangeRules.check(c).violations, [])
        XCTAssertEqual(ChangeRules.check(c).warnings, [])
    }

    func testARunnerEventAtATimeNothingWasDueIsForged() throws {
        var b = try activeBase()
        let base = b.document
        try b.append(.reviewDue, by: Event.runnerActor, at: "2026-02-01T00:00:00Z",
                     data: ["reason": .string("review due (2026-04-02T11:00:00Z, every 90d for medium risk)")])
        let c = change(base: base, commits: [(commit(1, by: "lee@x.example", at: "2026-02-01T00:01:00Z"), b.document)])
        let v = ChangeRules.check(c).violations
        XCTAssertEqual(v.map(\.rule), ["runner-event"])
        XCTAssertTrue(v[0].message.contains("event 4"), v[0].message)
    }

    func testARunnerEventWithTheRightTimeButWrongReasonIsForged() throws {
        var b = try activeBase()
        let base = b.document
        try b.append(.reviewDue, by: Event.runnerActor, at: "2026-04-03T00:00:00Z", data: ["reason": .string("review due")])
        let c = change(base: base, commits: [(commit(1, by: "lee@x.example", at: "2026-04-03T00:01:00Z"), b.document)])
        XCTAssertEqual(rules(c), ["runner-event"])
    }

    func testAnInputDrivenRunnerEventIsRefusedWhoeverCommitsIt() throws {
        // Only --people could cause this event; the gate replays with no input, so it is refused
        // (the author name of a commit is typed, not proven).
        var b = try activeBase()
        let base = b.document
        try b.append(.reviewDue, by: Event.runnerActor, at: "2026-02-01T00:00:00Z",
                     data: ["reason": .string("owner departed: lee@x.example"), "tasks": .array([.string("reassign-owner")])])
        let r = ChangeRules.check(change(base: base, commits: [(commit(1, by: "ops@x.example", at: "2026-02-01T00:01:00Z"), b.document)]))
        XCTAssertEqual(r.violations.map(\.rule), ["runner-event"])
        XCTAssertEqual(r.warnings, [])
    }

    /// Every cause only --people or --observed input produces is refused in a pull request,
    /// whoever commits it: the gate recomputes the runner with no input, so the genuine
    /// event the runner wrote never matches (the event carries no cause to trust).
    func testEveryInputDrivenRunnerEventIsRefused() throws {
        let at: Timestamp = "2026-02-01T00:00:00Z"
        var decommissioned = try activeBase()
        try decommissioned.decommission(at: "2026-01-03T09:00:00Z")
        let cases: [(RunnerCause, ConnectorBuilder, PeopleDirectory?, RunSignals?)] = [
            (.ownerDeparted, try activeBase(), PeopleDirectory(statuses: ["dana@x.example": "gone", "lee@x.example": "active"]), nil),
            (.scopeDrift, try activeBase(), nil, RunSignals(drift: "observed write:Account")),
            (.dormant, try activeBase(), nil, RunSignals(dormant: "unused since 2025-10-01")),
            (.staleCredential, try activeBase(), nil, RunSignals(staleCredential: "key created 2025-01-01")),
            (.removalVerified, decommissioned, nil, RunSignals(removalProof: "absent from iam.csv (aws-credential-report) at \(at)")),
        ]
        for (cause, b, people, signals) in cases {
            var genuine = b
            let plan = try XCTUnwrap(try genuine.run(at: at, people: people, signals: signals), "\(cause)")
            XCTAssertEqual(plan.causes.first, cause)
            let r = ChangeRules.check(change(base: b.document, commits: [(commit(1, by: "ops@x.example", at: "2026-02-01T00:01:00Z"), genuine.document)]))
            XCTAssertEqual(r.violations.map(\.rule), ["runner-event"], "\(cause)")
        }
    }

    func testARunnerEventWithAnAddedNoteIsForged() throws {
        var b = try activeBase()
        let base = b.document
        try b.run(at: "2026-04-03T00:00:00Z")
        var head = b.document
        head.history[3].note = "approved by security, no action needed"
        head.history = F.rechained(head.history)
        let c = change(base: base, commits: [(commit(1, by: "ops@x.example", at: "2026-04-03T00:01:00Z"), head)])
        let v = ChangeRules.check(c).violations
        XCTAssertEqual(v.map(\.rule), ["runner-event"], "only the edited event; the next one follows from it")
        XCTAssertTrue(v.first?.message.contains("event 4") ?? false, "\(v)")
    }

    func testARunnerMayOnlyCloseTheVerifyRemovalTask() throws {
        var b = try activeBase()
        try b.decommission(at: "2026-01-03T09:00:00Z")
        let base = b.document
        XCTAssertEqual(base.openTasks.map(\.kind).sorted(), ["delete-secret", "notify-owners", "revoke-credential", "verify-removal"])
        // What reconciliation does: close verify-removal with "absent from …" evidence.
        let proof = "absent from iam.csv (aws-credential-report) at 2026-01-04T09:00:00Z"
        var genuine = b
        try genuine.run(at: "2026-01-04T09:00:00Z", signals: RunSignals(removalProof: proof))
        XCTAssertEqual(genuine.document.history.dropFirst(base.history.count).map(\.event), ["close-task"])
        // Reconciliation's proof comes from --observed input: only the runner's own push to
        // the base branch carries it; in a pull request it is refused.
        let pr = ChangeRules.check(change(base: base, commits: [(commit(1, by: "ops@x.example", at: "2026-01-04T09:01:00Z"), genuine.document)]))
        XCTAssertEqual(pr.violations.map(\.rule), ["runner-event"])
        XCTAssertEqual(pr.warnings, [])

        // A forged runner closing the revocation task hides who claims it was done.
        var forged = b
        try forged.append(.closeTask, by: Event.runnerActor, at: "2026-01-04T09:00:00Z",
                          data: ["task": .string("crm-sync#4-revoke-credential"), "evidence": .string("absent from iam.csv (aws-credential-report) at 2026-01-04T09:00:00Z")])
        let bad = change(base: base, commits: [(commit(1, by: "lee@x.example", at: "2026-01-04T09:01:00Z"), forged.document)])
        XCTAssertEqual(rules(bad), ["runner-event"])
    }

    // MARK: widening

    func testAWideningAmendIsReplayedNotJudgedHere() throws {
        // ChangeRules replays the events; whether the head runs on an unapproved widening is
        // TreeCheck's finding, which ChangeCheck adds. The amend itself is legal.
        var b = try activeBase()
        let base = b.document
        var widen = SpecChange()
        widen.addScopes = ["write:Account"]
        try b.amend(widen, at: "2026-01-05T09:00:00Z")
        let c = change(base: base, commits: [(commit(1, by: "lee@x.example", at: "2026-01-05T09:01:00Z"), b.document)])
        XCTAssertEqual(rules(c), [])
        XCTAssertEqual(TreeCheck.check(b.document, file: Self.file, workflows: F.workflowSet).map(\.rule), ["unapproved-widening"])
        try b.approve(by: "alice@x.example", at: "2026-01-05T10:00:00Z")
        XCTAssertEqual(TreeCheck.check(b.document, file: Self.file, workflows: F.workflowSet).map(\.rule), [])
    }
}
