/// One file of a pull request, with everything the pure change rules need.
public struct FileChange: Sendable {
    public var file: String
    /// The connector at the merge base; nil when the PR adds it.
    public var base: ConnectorDocument?
    /// The connector at HEAD.
    public var head: ConnectorDocument
    /// Each commit of the PR that touched the file, oldest first, with the event hashes
    /// the file held after it (nil when that version did not parse).
    public var versions: [(commit: GitCommit, hashes: [String]?)]
    /// The workflow and roles of the base branch: a PR cannot change its own rules.
    public var workflow: Workflow
    public var roles: Roles
    /// Logins whose latest review approves the PR's head commit.
    public var approvingLogins: Set<String>
    /// When the merge base was committed; appended events may not be older.
    public var mergeBaseTime: Timestamp
    /// The gate's own clock: no appended event may lie after it plus 5 minutes.
    public var now: Timestamp? = nil

    package init(file: String, base: ConnectorDocument?, head: ConnectorDocument, versions: [(commit: GitCommit, hashes: [String]?)],
                 workflow: Workflow, roles: Roles, approvingLogins: Set<String>, mergeBaseTime: Timestamp, now: Timestamp? = nil) {
        (self.file, self.base, self.head, self.versions) = (file, base, head, versions)
        (self.workflow, self.roles, self.approvingLogins, self.mergeBaseTime, self.now) = (workflow, roles, approvingLogins, mergeBaseTime, now)
    }
}

/// The rules `check --base` applies to one changed connector file. Pure.
public enum ChangeRules {
    /// Allowed clock skew between an event's `at` and its commit or the gate's clock.
    public static let skew: Int64 = FutureEvents.skew

    /// Violations (and warnings) for one change.
    public static func check(_ c: FileChange) -> (violations: [CheckFinding], warnings: [CheckFinding]) {
        var v: [CheckFinding] = []
        var w: [CheckFinding] = []
        func fail(_ rule: RuleID, _ m: String) { v.append(CheckFinding(file: c.file, rule: rule, message: m)) }
        let baseEvents = c.base?.history ?? []
        let head = c.head.history
        guard head.count >= baseEvents.count else {
            fail("history-truncated", "history has \(head.count) events but the base branch has \(baseEvents.count); history is append-only")
            return (v, w)
        }
        for (i, e) in baseEvents.enumerated() {
            let a = CanonicalJSON.encode(DocumentEncoding.event(e, includingHash: true))
            let b = CanonicalJSON.encode(DocumentEncoding.event(head[i], includingHash: true))
            if a != b {
                fail("history-rewritten", "event \(i + 1) differs from the base branch; events may only be appended, never edited, removed or reordered")
                return (v, w)
            }
        }
        if let base = c.base, base.id != c.head.id { fail("id-changed", "the id changed from \(base.id) to \(c.head.id)") }
        if let base = c.base, base.workflow != c.head.workflow { fail("workflow-changed", "the workflow changed from \(base.workflow) to \(c.head.workflow); a connector keeps its workflow") }
        let options = Replay.Options(verifyHashes: true, roles: c.roles, rolesAfterSeq: baseEvents.count)
        if case .failure(let p) = Replay.run(c.head, workflow: c.workflow, file: c.file, options: options) {
            fail(p.rule, "\(p.location): \(p.message)")
            return (v, w)
        }
        let requestCommitAuthor = attribution(head.first, c.versions)?.authorEmail
        // The state before an appended event, from one walk of the history, made only when
        // an event needs it (most pull requests append none that does).
        var walk: HistoryWalk?
        func state(before e: Event) -> LifecycleState? {
            if e.seq == 1 { return LifecycleState(connector: c.head.id) }
            if walk == nil { walk = HistoryWalk.walk(c.head, workflow: c.workflow) }
            return walk?.before(e.seq - 1)
        }
        for e in head.dropFirst(baseEvents.count) {
            guard let commit = attribution(e, c.versions) else {
                fail("git-identity", "event \(e.seq) (\(e.event)) is not in any commit of this pull request")
                continue
            }
            let short = String(commit.sha.prefix(10))
            if e.at.seconds > commit.time.seconds + skew {
                fail("future-dated", "event \(e.seq) (\(e.event)) says \(e.at), more than 5 minutes after its commit \(short) (\(commit.time))")
            }
            if let now = c.now, e.at.seconds > now.seconds + skew {
                fail(GateRule.futureEvent.rawValue, "event \(e.seq) (\(e.event)) says \(e.at), more than 5 minutes after the gate's own clock (\(now)); a commit date is typed by its author and proves nothing")
            }
            if e.at.seconds < c.mergeBaseTime.seconds - skew {
                w.append(CheckFinding(file: c.file, rule: "back-dated", message: "event \(e.seq) (\(e.event)) says \(e.at), before this pull request's base commit (\(c.mergeBaseTime)); check the time is right"))
            }
            if e.byRunner {
                if let message = runnerProblem(e, before: state(before: e), in: c) { fail("runner-event", message) }
                continue
            }
            if let kind = EventKind(rawValue: e.event), OverdueTimers.blocked.contains(kind) {
                if let s = state(before: e),
                   let message = OverdueTimers.problem(kind, state: s, workflow: c.workflow, at: e.at, id: c.head.id, file: c.file) {
                    fail(OverdueTimers.rule, "event \(e.seq): " + message)
                }
            }
            if Identity.same(e.actor, commit.authorEmail) { continue }
            if e.event == EventKind.approve.rawValue || e.event == EventKind.recertify.rawValue,
               backedByReview(actor: e.actor, c, requester: head.first?.actor, requestAuthor: requestCommitAuthor) {
                continue
            }
            fail("git-identity", "event \(e.seq) (\(e.event) by \(e.actor)) was added by commit \(short) authored by \(commit.authorEmail); the actor must author the commit that adds the event"
                 + (e.event == "approve" || e.event == "recertify" ? ", or approve the pull request's head commit with a GitHub login mapped to \(e.actor) in Workflows/roles.json (pass --reviews)" : ""))
        }
        return (v, w)
    }

    /// The commit whose version of the file first holds `e` at its place.
    static func attribution(_ e: Event?, _ versions: [(commit: GitCommit, hashes: [String]?)]) -> GitCommit? {
        guard let e else { return nil }
        for ver in versions {
            if let h = ver.hashes, h.count >= e.seq, h[e.seq - 1] == e.hash { return ver.commit }
        }
        return nil
    }

    static func backedByReview(actor: String, _ c: FileChange, requester: String?, requestAuthor: String?) -> Bool {
        for (login, email) in c.roles.logins where c.approvingLogins.contains(login.lowercased()) && Identity.same(email, actor) {
            if let r = requester, Identity.same(email, r) { continue }
            if let a = requestAuthor, Identity.same(email, a) { continue }
            return true
        }
        return false
    }

    /// Why a runner event is not exactly, field for field, what `steward run` appends at
    /// its `at` from the history before it with no `--people` or `--observed` input; nil
    /// when it is. The event is recomputed, never classified by its reason text, so events
    /// only such input causes (owner departed, scope drift, dormant, a removal proven by an
    /// export) are refused: only the runner's own pushes to the base branch carry them.
    static func runnerProblem(_ e: Event, before state: LifecycleState?, in c: FileChange) -> String? {
        guard let s = state else { return "event \(e.seq): cannot replay the history before it" }
        let prior = Array(c.head.history.prefix(e.seq - 1))
        var before = c.head
        before.history = prior
        let planned = (try? RunPlan.plan(before, state: s, workflow: c.workflow, now: e.at, people: nil, signals: nil,
                                         file: c.file))??.events.first
        guard let planned else {
            return "event \(e.seq) (\(e.event) by \(Event.runnerActor) at \(e.at)) is not what 'steward run' would write: it appends nothing at that time; "
                + "runner events caused by --people or --observed input come only from the runner's own pushes to the base branch, and nobody may write runner events by hand"
        }
        let want = DocumentEncoding.event(planned, includingHash: true), got = DocumentEncoding.event(e, includingHash: true)
        if CanonicalJSON.encode(want) == CanonicalJSON.encode(got) { return nil }
        return "event \(e.seq) (\(e.event) by \(Event.runnerActor) at \(e.at)) is not what 'steward run' would write at that time (\(firstDifference(want, got))); "
            + "runner events caused by --people or --observed input come only from the runner's own pushes to the base branch, and nobody may write runner events by hand"
    }

    /// "note is … but steward run writes …" for the first field (by name, the hash last)
    /// where a hand-written runner event differs from the planned one.
    static func firstDifference(_ want: JSONValue, _ got: JSONValue) -> String {
        guard case .object(let w) = want, case .object(let g) = got else { return "the event differs" }
        func text(_ v: JSONValue?) -> String {
            guard let v else { return "absent" }
            let s = SecretScanner.redact(String(decoding: CanonicalJSON.encode(v), as: UTF8.self))
            return s.count > 80 ? String(s.prefix(80)) + "…" : s
        }
        let keys = Set(w.keys).union(g.keys).sorted { ($0 == "hash" ? 1 : 0, $0) < ($1 == "hash" ? 1 : 0, $1) }
        guard let k = keys.first(where: { w[$0] != g[$0] }) else { return "the event differs" }
        return "\(k) is \(text(g[k])) but 'steward run' writes \(text(w[k]))"
    }
}
