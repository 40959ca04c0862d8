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
}

/// The rules `check --base` applies to one changed connector file. Pure.
public enum ChangeRules {
    /// Allowed clock skew between an event's `at` and its commit.
    public static let skew: Int64 = 300

    /// Violations (and warnings) for one change.
    public static func check(_ c: FileChange) -> (violations: [CheckFinding], warnings: [CheckFinding]) {
        var v: [CheckFinding] = []
        var w: [CheckFinding] = []
        func fail(_ rule: String, _ m: String) { v.append(CheckFinding(file: c.file, rule: rule, message: m)) }
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
        for e in head.dropFirst(baseEvents.count) {
            guard let commit = attribution(e, c.versions) else {
                fail("git-identity", "event \(e.seq) (\(e.event)) is not in any commit of this pull request")
                continue
            }
            let short = String(commit.sha.prefix(10))
            if e.at.seconds > commit.time.seconds + skew {
                fail("future-dated", "event \(e.seq) (\(e.event)) says \(e.at), more than 5 minutes after its commit \(short) (\(commit.time))")
            }
            if e.at.seconds < c.mergeBaseTime.seconds - skew {
                w.append(CheckFinding(file: c.file, rule: "back-dated", message: "event \(e.seq) (\(e.event)) says \(e.at), before this pull request's base commit (\(c.mergeBaseTime)); check the time is right"))
            }
            if e.byRunner {
                let (rule, message, fatal) = runnerVerdict(e, in: c)
                if let rule { if fatal { fail(rule, message) } else { w.append(CheckFinding(file: c.file, rule: rule, message: message)) } }
                continue
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

    /// Whether a runner event is exactly what `steward run` would have appended at its time.
    /// Events that depend on `--people` or `--observed` cannot be replayed from git; they are
    /// accepted with a warning only when they restrict (review-due, opening a task) or are
    /// the one thing reconciliation closes: a decommissioned connector's `verify-removal`.
    static func runnerVerdict(_ e: Event, in c: FileChange) -> (String?, String, Bool) {
        // The state before `e`: apply the events before it. (Not `Replay.run` on a cut-down
        // document: that compares the projection, which is the head's, and so always fails.)
        // The whole history already replayed in `check`, with hashes and roles.
        var s = LifecycleState(connector: c.head.id)
        for prior in c.head.history.prefix(e.seq - 1) {
            guard let kind = EventKind(rawValue: prior.event),
                  let step = try? Transition.apply(s, event: kind, actor: prior.actor, at: prior.at, data: prior.data,
                                                        workflow: c.workflow, roles: nil, file: c.file) else {
                return ("runner-event", "event \(e.seq): cannot replay the history before it", true)
            }
            s = step.next
            s.head = prior.hash
        }
        if let step = RunPlan.next(s, workflow: c.workflow, now: e.at, people: nil, signals: nil) {
            var data: [String: JSONValue] = ["reason": .string(step.reason)]
            if !step.tasks.isEmpty { data["tasks"] = .array(step.tasks.map(JSONValue.string)) }
            if step.event.rawValue == e.event && data == e.data { return (nil, "", false) }
        }
        let reason = e.dataString("reason") ?? ""
        let inputDriven = (e.event == EventKind.reviewDue.rawValue && (reason.hasPrefix("owner departed:") || reason.hasPrefix("scope drift:")))
            || (e.event == EventKind.openTask.rawValue && (reason.hasPrefix("owner departed:") || reason.hasPrefix("stale credential:") || reason.hasPrefix("dormant:")))
            || (e.event == EventKind.closeTask.rawValue && (e.dataString("evidence") ?? "").hasPrefix("absent from ")
                && s.state == c.workflow.terminal && s.openTasks(ofKind: "verify-removal").contains { $0.id == e.dataString("task") })
        if inputDriven {
            return ("runner-input", "event \(e.seq) (\(e.event): \(reason.prefix(80))) came from --people or --observed input, which check cannot replay; accepted because it only restricts", false)
        }
        return ("runner-event", "event \(e.seq) (\(e.event) by \(Event.runnerActor) at \(e.at)) is not what 'steward run' does at that time; nobody may write runner events by hand", true)
    }
}
