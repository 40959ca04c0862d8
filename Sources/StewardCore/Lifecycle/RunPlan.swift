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
}

/// One runner step: the event to append, its typed cause, the reason people read, and
/// which tasks it opens.
public struct PlannedStep: Sendable, Equatable {
    public var event: EventKind
    /// What kind of runner step this is; code decides by this, never by `reason`.
    public var cause: RunnerCause
    public var reason: String
    public var tasks: [String]
    /// For a runner close-task: the task to close; `reason` is its evidence.
    public var closeTaskID: String?

    public init(event: EventKind, cause: RunnerCause, reason: String, tasks: [String] = []) {
        self.event = event
        self.cause = cause
        self.reason = reason
        self.tasks = tasks
    }
}

/// The runner's rules as a pure function of (replay state, workflow, now, people,
/// reconciliation signals). `next` gives the one step due now; `plan` applies steps until
/// nothing more is due, so a missed week of cron catches up in one run.
public enum RunPlan {
    /// The result for one connector: the events appended and the document after them.
    public struct ConnectorPlan: Sendable {
        public var document: ConnectorDocument
        public var state: LifecycleState
        public var events: [Event]
        public var reasons: [String]
        /// The typed cause of each event, in the same order.
        public var causes: [RunnerCause]
        /// Tasks opened by these events.
        public var opened: [ConnectorTask]
    }

    /// How far ahead of NOW an event may be dated before it is an error (rule `future-event`).
    public static let futureTolerance = Duration(seconds: FutureEvents.skew)

    /// The time of the history's last event when it lies more than `futureTolerance` after
    /// `now`: such a connector is reported as an error, never skipped in silence.
    public static func futureEvent(_ s: LifecycleState, now: Timestamp) -> Timestamp? {
        guard let last = s.lastAt, now.adding(futureTolerance) < last else { return nil }
        return last
    }

    /// When the fail-closed step of `cause` falls due for state `s`: the one place these
    /// times are computed (`next` compares them with NOW, `OverdueTimers` names them). Nil
    /// for the other causes, or when the state holds no such date.
    public static func dueAt(_ cause: RunnerCause, _ s: LifecycleState, workflow wf: Workflow) -> Timestamp? {
        switch cause {
        case .temporaryWindowEnded: return s.due.until
        case .requestExpired, .approvalLapsed: return s.due.approval
        case .reviewOverdue: return s.due.review?.adding(wf.timers.reviewGrace)
        case .wideningNeverApproved: return s.due.approval?.adding(wf.timers.reviewGrace)
        default: return nil
        }
    }

    /// The next runner step due at `now`, or nil when nothing is due.
    public static func next(_ s: LifecycleState, workflow wf: Workflow, now: Timestamp,
                            people: PeopleDirectory?, signals: RunSignals?) -> PlannedStep? {
        guard let state = s.state, let spec = s.spec else { return nil }
        if let last = s.lastAt, now < last { return nil }  // a clock behind the history moves nothing
        func allowed(_ e: EventKind) -> Bool { !wf.transitions(of: e, from: state).isEmpty }
        let t = wf.timers
        if state == wf.terminal {
            if let proof = signals?.removalProof, let task = s.openTasks(ofKind: TaskKindName.verifyRemoval).first, allowed(.closeTask) {
                var step = PlannedStep(event: .closeTask, cause: .removalVerified, reason: proof)
                step.closeTaskID = task.id
                return step
            }
            return nil
        }
        if let until = dueAt(.temporaryWindowEnded, s, workflow: wf), until <= now, allowed(.windowEnd) {
            return PlannedStep(event: .windowEnd, cause: .temporaryWindowEnded, reason: "temporary window ended (until \(until))")
        }
        if state == StateName.requested, let d = dueAt(.requestExpired, s, workflow: wf), d <= now, allowed(.expire) {
            return PlannedStep(event: .expire, cause: .requestExpired, reason: "request expired: not approved within \(t.requestExpiry)")
        }
        if state == StateName.approved, let d = dueAt(.approvalLapsed, s, workflow: wf), d <= now, allowed(.lapse) {
            return PlannedStep(event: .lapse, cause: .approvalLapsed, reason: "approval lapsed: not activated within \(t.approvalLapse)")
        }
        if state == StateName.reviewDue, let r = s.due.review, let d = dueAt(.reviewOverdue, s, workflow: wf), d <= now,
           allowed(.reviewOverdue) {
            return PlannedStep(event: .reviewOverdue, cause: .reviewOverdue, reason: "review overdue: due \(r), not recertified within \(t.reviewGrace)")
        }
        // A widening nobody approved fails closed whatever due.review says.
        if state == StateName.reviewDue, s.reapprovalPending, let d = s.due.approval,
           let overdue = dueAt(.wideningNeverApproved, s, workflow: wf), overdue <= now, allowed(.reviewOverdue) {
            return PlannedStep(event: .reviewOverdue, cause: .wideningNeverApproved,
                               reason: "widening never approved: due \(d), not approved within \(t.reviewGrace)")
        }
        let reviewClock = state == StateName.active || state == StateName.rotated
        if reviewClock, s.reapprovalPending, let d = s.due.approval, d <= now, allowed(.reviewDue) {
            return PlannedStep(event: .reviewDue, cause: .wideningNotReapproved, reason: "widening not re-approved within \(t.approvalLapse) (due \(d))")
        }
        // An unconfirmed rotation does not stop the review clock.
        if reviewClock, let r = s.due.review, r <= now, allowed(.reviewDue) {
            return PlannedStep(event: .reviewDue, cause: .reviewDue, reason: "review due (\(r), every \(t.review[spec.risk] ?? t.rotation) for \(spec.risk.rawValue) risk)")
        }
        if let people {
            let gone = [spec.owners.business, spec.owners.technical].filter(people.isGone)
            let noOpenTask = s.openTasks(ofKind: TaskKindName.reassignOwner).isEmpty
            if !gone.isEmpty {
                let reason = "owner departed: " + Array(Set(gone.map(Identity.normalize))).sorted().joined(separator: ", ")
                if state == StateName.active, allowed(.reviewDue) {
                    return PlannedStep(event: .reviewDue, cause: .ownerDeparted, reason: reason, tasks: noOpenTask ? [TaskKindName.reassignOwner] : [])
                }
                if noOpenTask, allowed(.openTask) {
                    return PlannedStep(event: .openTask, cause: .ownerDeparted, reason: reason, tasks: [TaskKindName.reassignOwner])
                }
            }
        }
        if state == StateName.active, let drift = signals?.drift, allowed(.reviewDue) {
            return PlannedStep(event: .reviewDue, cause: .scopeDrift, reason: "scope drift: \(drift)")
        }
        guard allowed(.openTask) else { return nil }
        // A credential ages whatever its review says; a rotation under way (an open
        // revoke-old-credential) already answers the reminder.
        let credentialLive = [StateName.active, StateName.reviewDue].contains(state)
            && s.openTasks(ofKind: TaskKindName.revokeOldCredential).isEmpty
        if credentialLive, let r = s.due.rotation, r <= now,
           !s.taskOpened(kind: TaskKindName.rotateCredential, after: s.rotationArmedSeq) {
            return PlannedStep(event: .openTask, cause: .rotationDue, reason: "credential due for rotation (\(r), every \(t.rotation))", tasks: [TaskKindName.rotateCredential])
        }
        if credentialLive, let stale = signals?.staleCredential, s.openTasks(ofKind: TaskKindName.rotateCredential).isEmpty {
            return PlannedStep(event: .openTask, cause: .staleCredential, reason: "stale credential: \(stale)", tasks: [TaskKindName.rotateCredential])
        }
        if let until = s.due.until, let notice = t.expiryNotice, until.subtracting(notice) <= now,
           !s.taskOpened(kind: TaskKindName.notifyExpiry, after: s.untilArmedSeq) {
            return PlannedStep(event: .openTask, cause: .expiryNotice, reason: "temporary window ends \(until)", tasks: [TaskKindName.notifyExpiry])
        }
        if let dormant = signals?.dormant, s.openTasks(ofKind: TaskKindName.reviewDormant).isEmpty {
            return PlannedStep(event: .openTask, cause: .dormant, reason: "dormant: \(dormant)", tasks: [TaskKindName.reviewDormant])
        }
        return nil
    }

    /// The `data` a runner event of `step` carries (its `note` is always empty): what the
    /// gate compares a pull request's runner event with, field for field.
    public static func data(of step: PlannedStep) -> [String: JSONValue] {
        if let task = step.closeTaskID { return ["task": .string(task), "evidence": .string(step.reason)] }
        var data: [String: JSONValue] = ["reason": .string(step.reason)]
        if !step.tasks.isEmpty { data["tasks"] = .array(step.tasks.map(JSONValue.string)) }
        return data
    }

    /// Applies every due step in order. Returns nil when nothing is due.
    public static func plan(_ doc: ConnectorDocument, state: LifecycleState, workflow wf: Workflow, now: Timestamp,
                            people: PeopleDirectory?, signals: RunSignals?, file: String) throws(RuleViolation) -> ConnectorPlan? {
        var d = doc
        var s = state
        var events: [Event] = []
        var reasons: [String] = []
        var causes: [RunnerCause] = []
        let before = Set(doc.tasks.map(\.id))
        for _ in 0..<32 {
            guard let step = next(s, workflow: wf, now: now, people: people, signals: signals) else { break }
            let out = try Append.event(step.event, to: d, state: s, id: doc.id, actor: Event.runnerActor, at: now,
                                       note: "", data: data(of: step), workflow: wf, roles: nil, file: file)
            d = out.document
            s = out.state
            events.append(out.event)
            reasons.append(step.reason)
            causes.append(step.cause)
        }
        guard !events.isEmpty else { return nil }
        let opened = d.tasks.filter { !before.contains($0.id) }
        return ConnectorPlan(document: d, state: s, events: events, reasons: reasons, causes: causes, opened: opened)
    }
}
