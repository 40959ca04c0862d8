/// What reconciliation says about one connector, for the runner to act on.
public struct RunSignals: Sendable, Equatable {
    /// Observed scopes beyond the spec (moves an active connector to review-due).
    public var drift: String?
    /// Unused for the dormancy period (opens `review-dormant`).
    public var dormant: String?
    /// Credential older than the rotation period (opens `rotate-credential`).
    public var staleCredential: String?
    /// Proof that a decommissioned connector's bindings are gone (closes `verify-removal`).
    public var removalProof: String?
    public init(drift: String? = nil, dormant: String? = nil, staleCredential: String? = nil, removalProof: String? = nil) {
        self.drift = drift
        self.dormant = dormant
        self.staleCredential = staleCredential
        self.removalProof = removalProof
    }
}

/// One runner step: the event to append, why, and which tasks it opens.
public struct PlannedStep: Sendable, Equatable {
    public var event: EventKind
    public var reason: String
    public var tasks: [String]
    /// For a runner close-task: the task to close; `reason` is its evidence.
    public var closeTaskID: String?

    public init(event: EventKind, reason: String, tasks: [String] = []) {
        self.event = event
        self.reason = reason
        self.tasks = tasks
    }
}

/// The runner's rules (§4) as a pure function of (replay state, workflow, now, people,
/// reconciliation signals). `next` gives the one step due now; `plan` applies steps until
/// nothing more is due, so a missed week of cron catches up in one run.
public enum RunPlan {
    /// The result for one connector: the events appended and the document after them.
    public struct ConnectorPlan: Sendable {
        public var document: ConnectorDocument
        public var state: LifecycleState
        public var events: [Event]
        public var reasons: [String]
        /// Tasks opened by these events.
        public var opened: [ConnectorTask]
    }

    /// The next runner step due at `now`, or nil when nothing is due.
    public static func next(_ s: LifecycleState, workflow wf: Workflow, now: Timestamp,
                            people: PeopleDirectory?, signals: RunSignals?) -> PlannedStep? {
        guard let state = s.state, let spec = s.spec else { return nil }
        if let last = s.lastAt, now < last { return nil }  // a clock behind the history moves nothing
        func allowed(_ e: EventKind) -> Bool { !wf.transitions(of: e, from: state).isEmpty }
        let t = wf.timers
        if state == wf.terminal {
            if let proof = signals?.removalProof, let task = s.openTasks(ofKind: "verify-removal").first, allowed(.closeTask) {
                var step = PlannedStep(event: .closeTask, reason: proof)
                step.closeTaskID = task.id
                return step
            }
            return nil
        }
        if let until = s.due.until, until <= now, allowed(.windowEnd) {
            return PlannedStep(event: .windowEnd, reason: "temporary window ended (until \(until))")
        }
        if state == StateName.requested, let d = s.due.approval, d <= now, allowed(.expire) {
            return PlannedStep(event: .expire, reason: "request expired: not approved within \(t.requestExpiry)")
        }
        if state == StateName.approved, let d = s.due.approval, d <= now, allowed(.lapse) {
            return PlannedStep(event: .lapse, reason: "approval lapsed: not activated within \(t.approvalLapse)")
        }
        if state == StateName.reviewDue, let r = s.due.review, r.adding(t.reviewGrace) <= now, allowed(.reviewOverdue) {
            return PlannedStep(event: .reviewOverdue, reason: "review overdue: due \(r), not recertified within \(t.reviewGrace)")
        }
        if state == StateName.active, s.reapprovalPending, let d = s.due.approval, d <= now, allowed(.reviewDue) {
            return PlannedStep(event: .reviewDue, reason: "widening not re-approved within \(t.approvalLapse) (due \(d))")
        }
        if state == StateName.active, let r = s.due.review, r <= now, allowed(.reviewDue) {
            return PlannedStep(event: .reviewDue, reason: "review due (\(r), every \(t.review[spec.risk] ?? t.rotation) for \(spec.risk.rawValue) risk)")
        }
        if let people {
            let gone = [spec.owners.business, spec.owners.technical].filter(people.isGone)
            let noOpenTask = s.openTasks(ofKind: "reassign-owner").isEmpty
            if !gone.isEmpty {
                let reason = "owner departed: " + Array(Set(gone.map(Identity.normalize))).sorted().joined(separator: ", ")
                if state == StateName.active, allowed(.reviewDue) {
                    return PlannedStep(event: .reviewDue, reason: reason, tasks: noOpenTask ? ["reassign-owner"] : [])
                }
                if noOpenTask, allowed(.openTask) {
                    return PlannedStep(event: .openTask, reason: reason, tasks: ["reassign-owner"])
                }
            }
        }
        if state == StateName.active, let drift = signals?.drift, allowed(.reviewDue) {
            return PlannedStep(event: .reviewDue, reason: "scope drift: \(drift)")
        }
        guard allowed(.openTask) else { return nil }
        let credentialLive = [StateName.active, StateName.reviewDue].contains(state)
        if credentialLive, let r = s.due.rotation, r <= now,
           !s.taskOpened(kind: "rotate-credential", after: s.rotationArmedSeq) {
            return PlannedStep(event: .openTask, reason: "credential due for rotation (\(r), every \(t.rotation))", tasks: ["rotate-credential"])
        }
        if credentialLive, let stale = signals?.staleCredential, s.openTasks(ofKind: "rotate-credential").isEmpty {
            return PlannedStep(event: .openTask, reason: "stale credential: \(stale)", tasks: ["rotate-credential"])
        }
        if let until = s.due.until, let notice = t.expiryNotice, until.subtracting(notice) <= now,
           !s.taskOpened(kind: "notify-expiry", after: s.untilArmedSeq) {
            return PlannedStep(event: .openTask, reason: "temporary window ends \(until)", tasks: ["notify-expiry"])
        }
        if let dormant = signals?.dormant, s.openTasks(ofKind: "review-dormant").isEmpty {
            return PlannedStep(event: .openTask, reason: "dormant: \(dormant)", tasks: ["review-dormant"])
        }
        return nil
    }

    /// Applies every due step in order. Returns nil when nothing is due.
    public static func plan(_ doc: ConnectorDocument, state: LifecycleState, workflow wf: Workflow, now: Timestamp,
                            people: PeopleDirectory?, signals: RunSignals?, file: String) throws(RuleViolation) -> ConnectorPlan? {
        var d = doc
        var s = state
        var events: [Event] = []
        var reasons: [String] = []
        let before = Set(doc.tasks.map(\.id))
        for _ in 0..<32 {
            guard let step = next(s, workflow: wf, now: now, people: people, signals: signals) else { break }
            var data: [String: JSONValue] = ["reason": .string(step.reason)]
            if !step.tasks.isEmpty { data["tasks"] = .array(step.tasks.map(JSONValue.string)) }
            if let task = step.closeTaskID { data = ["task": .string(task), "evidence": .string(step.reason)] }
            let out = try Append.event(step.event, to: d, state: s, id: doc.id, actor: Event.runnerActor, at: now,
                                       note: "", data: data, workflow: wf, roles: nil, file: file)
            d = out.document
            s = out.state
            events.append(out.event)
            reasons.append(step.reason)
        }
        guard !events.isEmpty else { return nil }
        let opened = d.tasks.filter { !before.contains($0.id) }
        return ConnectorPlan(document: d, state: s, events: events, reasons: reasons, opened: opened)
    }
}
