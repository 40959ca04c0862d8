/// The audit evidence for one connector, answering an auditor's questions without opening
/// the file: what exactly each approval approved, what each amend added and removed, who
/// acted when and in which commit and pull request, every credential change, review and
/// rotation, how it ended, each task with its evidence and whether it closed in time, and
/// whether the hash chain verifies. Built by `Evidence.build` (pure).
public struct Evidence: Sendable {
    public var doc: ConnectorDocument
    /// The time the pack speaks for (open tasks past due at it are overdue).
    public var now: Timestamp
    /// nil when the chain and the replay verify, else the first problem.
    public var chainProblem: String?
    /// Why commits are not shown (nil when git answered).
    public var gitUnavailable: String?
    /// Every event with the commit that added it.
    public var events: [Entry] = []
    public var approvals: [Approval] = []
    public var amends: [Amend] = []
    public var reviews: [Review] = []
    /// activate, rotate and confirm-rotation events.
    public var credentialChanges: [Entry] = []
    /// The event that ended the connector (entered the terminal state).
    public var ending: Entry?
    public var tasks: [TaskOutcome] = []

    /// One event and where it came from.
    public struct Entry: Sendable {
        public var event: Event
        /// The commit that added it (nil outside git, or not committed yet).
        public var commit: EventCommit?
    }

    /// An approval and the spec it approved.
    public struct Approval: Sendable {
        public var entry: Entry
        /// The spec in force when the approver approved.
        public var spec: Spec?
        /// True when this approval completed its round (the second of two for high risk).
        public var completesRound: Bool?
        /// True when it re-approves a widening of a live connector.
        public var reapproval: Bool
    }

    /// An amend: what it added, removed and changed, and whether that widened the spec.
    public struct Amend: Sendable {
        public var entry: Entry
        public var added: [String]
        public var removed: [String]
        public var changed: [String]
        public var widening: Bool
    }

    /// A review that was done (recertify) or missed (review-overdue).
    public struct Review: Sendable {
        public var entry: Entry
        /// The review date in force before it.
        public var due: Timestamp?
        /// On time, late or missed.
        public var verdict: String
    }

    /// A task with its evidence and whether it closed before its due date.
    public struct TaskOutcome: Sendable {
        public var task: ConnectorTask
        /// `on time`, `late`, `open`, `open, overdue`.
        public var timeliness: String
        /// The event that closed it.
        public var closedBy: Entry?
    }

    /// True when the chain and the replay verify.
    public var chainVerified: Bool { chainProblem == nil }

    /// Builds the pack. `chainProblem` comes from a full replay; `commits` maps event hashes
    /// to commits (nil with `gitUnavailable` saying why).
    public static func build(_ doc: ConnectorDocument, workflow: Workflow?, chainProblem: String?, commits: [String: EventCommit]?,
                             gitUnavailable: String?, now: Timestamp) -> Evidence {
        var ev = Evidence(doc: doc, now: now, chainProblem: chainProblem, gitUnavailable: gitUnavailable)
        let walk = workflow.map { HistoryWalk.walk(doc, workflow: $0) }
        let terminal = workflow?.terminal ?? StateName.decommissioned
        var spec: Spec?
        var closers: [String: Entry] = [:]
        for (i, e) in doc.history.enumerated() {
            let entry = Entry(event: e, commit: commits?[e.hash])
            ev.events.append(entry)
            let before = walk?.before(i), after = i < (walk?.states.count ?? 0) ? walk?.states[i] : nil
            var newSpec = spec
            if e.event == EventKind.request.rawValue || e.event == EventKind.amend.rawValue {
                // The reader's decoded spec when it has one; else decode the tree.
                newSpec = e.decodedSpec.spec
                    ?? (try? DocumentDecoding.spec(e.data["spec"] ?? .null, path: "history[\(i)].data.spec", file: "State/\(doc.id).json"))
            }
            switch e.event {
            case EventKind.approve.rawValue:
                var completes: Bool?
                if let before, let after {
                    completes = (before.state == StateName.requested && after.state != StateName.requested)
                        || (before.reapprovalPending && !after.reapprovalPending)
                }
                ev.approvals.append(Approval(entry: entry, spec: spec, completesRound: completes,
                                             reapproval: e.from != StateName.requested))
            case EventKind.amend.rawValue:
                if let old = spec, let new = newSpec {
                    let d = diff(old, new)
                    ev.amends.append(Amend(entry: entry, added: d.added, removed: d.removed, changed: d.changed,
                                           widening: !old.widenings(to: new).isEmpty))
                } else {
                    ev.amends.append(Amend(entry: entry, added: [], removed: [], changed: ["(the spec could not be read)"], widening: true))
                }
            case EventKind.recertify.rawValue:
                let due = before?.due.review
                ev.reviews.append(Review(entry: entry, due: due, verdict: due.map { e.at <= $0 ? "on time" : "late" } ?? "on time"))
            case EventKind.reviewOverdue.rawValue:
                ev.reviews.append(Review(entry: entry, due: before?.due.review, verdict: "missed"))
            case EventKind.activate.rawValue, EventKind.rotate.rawValue, EventKind.confirmRotation.rawValue:
                ev.credentialChanges.append(entry)
            case EventKind.closeTask.rawValue:
                if let t = e.dataString("task") { closers[t] = entry }
            default: break
            }
            if e.to == terminal && e.from != terminal { ev.ending = entry }
            spec = newSpec
        }
        for t in doc.tasks {
            let timeliness: String
            if t.status == .done, let closed = t.closedAt {
                timeliness = t.dueAt.map { closed <= $0 ? "on time" : "late" } ?? "on time"
            } else {
                timeliness = t.dueAt.map { $0 < now ? "open, overdue" : "open" } ?? "open"
            }
            var closer = closers[t.id]
            if closer == nil, t.status == .done, let closed = t.closedAt {
                closer = ev.events.last { $0.event.at == closed && $0.event.event != EventKind.closeTask.rawValue }
            }
            ev.tasks.append(TaskOutcome(task: t, timeliness: timeliness, closedBy: closer))
        }
        return ev
    }

    /// What changed from `old` to `new`, in words.
    static func diff(_ old: Spec, _ new: Spec) -> (added: [String], removed: [String], changed: [String]) {
        var added: [String] = [], removed: [String] = [], changed: [String] = []
        func lists(_ name: String, _ a: [String], _ b: [String]) {
            for x in Set(b).subtracting(a).sorted() { added.append("\(name) \(x)") }
            for x in Set(a).subtracting(b).sorted() { removed.append("\(name) \(x)") }
        }
        lists("scope", old.scopes, new.scopes)
        lists("reach", old.reaches, new.reaches)
        lists("binding", old.bindings.map(\.text), new.bindings.map(\.text))
        func field(_ name: String, _ a: String?, _ b: String?) {
            if a != b { changed.append("\(name): \(a ?? "(none)") → \(b ?? "(none)")") }
        }
        field("system", old.system, new.system)
        field("purpose", old.purpose, new.purpose)
        field("kind", old.kind, new.kind)
        field("environment", old.environment, new.environment)
        field("risk", old.risk.rawValue, new.risk.rawValue)
        field("business owner", old.owners.business, new.owners.business)
        field("technical owner", old.owners.technical, new.owners.technical)
        field("secretRef", old.secretRef, new.secretRef)
        field("until", old.until?.iso8601, new.until?.iso8601)
        return (added, removed, changed)
    }
}
