/// Rule `timer-overdue`: a person may not append an event that extends a connector's life
/// or authority while a fail-closed runner timer is due but not yet applied.
///
/// Each appended event must be a legal transition whose rules held at its time. When the
/// runner would, at the event's time, expire a request, lapse an approval, decommission an
/// overdue review or an unapproved widening, or end a temporary window, the state the
/// event was written against no longer holds: the person must let `steward run` apply the
/// due transition first. Events that only close things (decommission, reject, close-task)
/// are always allowed; task-opening steps and `review-due` never block anything. Pure.
public enum OverdueTimers {
    /// The stable rule id.
    public static let rule = "timer-overdue"

    /// One due transition that voids authority or fails closed.
    public struct Due: Sendable, Equatable {
        /// The runner event that is due (`expire`, `lapse`, `review-overdue`, `window-end`).
        public var event: EventKind
        /// Why the runner appends it.
        public var cause: RunnerCause
        /// When it fell due.
        public var dueAt: Timestamp
    }

    /// Events that extend life or authority, and so wait for a due fail-closed timer.
    public static let blocked: Set<EventKind> = [.approve, .activate, .recertify, .rotate, .confirmRotation, .amend]

    /// The causes that void authority or fail closed.
    static let blocking: Set<RunnerCause> = [.requestExpired, .approvalLapsed, .reviewOverdue, .wideningNeverApproved, .temporaryWindowEnded]

    /// The first fail-closed or authority-voiding step the pure runner plan (no people, no
    /// observed input) would apply at `at` from state `s`; nil when none is due.
    public static func due(_ s: LifecycleState, workflow wf: Workflow, at: Timestamp, file: String) -> Due? {
        var s = s
        for _ in 0..<32 {
            guard let step = RunPlan.next(s, workflow: wf, now: at, people: nil, signals: nil) else { return nil }
            if blocking.contains(step.cause) {
                return Due(event: step.event, cause: step.cause, dueAt: RunPlan.dueAt(step.cause, s, workflow: wf) ?? at)
            }
            guard let applied = try? Transition.apply(s, event: step.event, actor: Event.runnerActor, at: at,
                                                      data: RunPlan.data(of: step), workflow: wf, roles: nil, file: file)
            else { return nil }
            s = applied.next
        }
        return nil
    }

    /// Throws `timer-overdue` when a person's `event` at `at` must wait for a due timer.
    public static func check(_ event: EventKind, state s: LifecycleState, workflow wf: Workflow, at: Timestamp,
                             id: ConnectorID, file: String) throws(RuleViolation) {
        if let message = problem(event, state: s, workflow: wf, at: at, id: id, file: file) {
            throw RuleViolation(rule: rule, message)
        }
    }

    /// Why `event` at `at` is refused, or nil when it may be appended.
    public static func problem(_ event: EventKind, state s: LifecycleState, workflow wf: Workflow, at: Timestamp,
                               id: ConnectorID, file: String) -> String? {
        guard blocked.contains(event), let d = due(s, workflow: wf, at: at, file: file) else { return nil }
        return "\(file): \(event.rawValue) of \(id) at \(at) is refused: the runner's \(d.event.rawValue) (\(d.cause.rawValue)) was due at \(d.dueAt) and has not been applied; run 'steward run' first, then act on the state it leaves"
    }
}
