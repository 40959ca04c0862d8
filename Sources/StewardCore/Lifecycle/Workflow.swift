/// The events the engine knows how to apply. A workflow file chooses which of them it
/// allows, between which states and under which guards; it cannot invent new ones.
public enum EventKind: String, Sendable, CaseIterable {
    case request, approve, reject, activate, rotate
    case confirmRotation = "confirm-rotation"
    case recertify, amend, decommission
    case closeTask = "close-task"
    // Appended by `steward run` only.
    case expire, lapse
    case reviewDue = "review-due", reviewOverdue = "review-overdue", windowEnd = "window-end", openTask = "open-task"

    /// The kind's place in `allCases` (a switch, not a search or a hash).
    var position: Int {
        switch self {
        case .request: 0
        case .approve: 1
        case .reject: 2
        case .activate: 3
        case .rotate: 4
        case .confirmRotation: 5
        case .recertify: 6
        case .amend: 7
        case .decommission: 8
        case .closeTask: 9
        case .expire: 10
        case .lapse: 11
        case .reviewDue: 12
        case .reviewOverdue: 13
        case .windowEnd: 14
        case .openTask: 15
        }
    }

    /// True for the events only the runner appends.
    public var isRunnerEvent: Bool {
        switch self {
        case .expire, .lapse, .reviewDue, .reviewOverdue, .windowEnd, .openTask: return true
        default: return false
        }
    }
}

/// A named precondition a workflow attaches to an event. The engine implements each one.
public enum Guard: String, Sendable, CaseIterable {
    /// The spec: `spec-complete` (system, purpose and both owners are set) and
    /// `until-required` (`spec.until` is set, for temporary connectors).
    case specComplete = "spec-complete", untilRequired = "until-required"
    /// The actor:
    /// - `approver-role`: is listed in `roles.approvers`.
    /// - `not-requester`: did not request the connector, nor (for `approve`) amend it since
    ///   its last completed approval.
    /// - `not-technical-owner`: is not the connector's technical owner.
    /// - `distinct-approver`: has not already approved in this approval round.
    case approverRole = "approver-role", notRequester = "not-requester"
    case notTechnicalOwner = "not-technical-owner", distinctApprover = "distinct-approver"
    /// A widening amend has not been re-approved yet.
    case noPendingApproval = "no-pending-approval"
    /// The event's data: `data.reason` (`reason-required`) or `data.evidence`
    /// (`evidence-required`) is a non-empty text.
    case reasonRequired = "reason-required", evidenceRequired = "evidence-required"
    /// Who may append the event: only `steward-runner` (`runner-only`), or anyone but it
    /// (`human-only`).
    case runnerOnly = "runner-only", humanOnly = "human-only"
}

/// One allowed move: `event` from any of `from` to `to` (or, with `keepsState`, staying put).
public struct WorkflowTransition: Sendable, Equatable {
    public var event: EventKind
    /// States the event may start from; empty means "no state yet" (only `request`).
    public var from: [String]
    /// The state after; nil when the event keeps the state.
    public var to: String?
    public var guards: [Guard]
}

/// The timer durations of a workflow. A missing optional timer switches its rule off.
public struct WorkflowTimers: Sendable, Equatable {
    public var requestExpiry: Duration
    public var approvalLapse: Duration
    public var review: [Risk: Duration]
    public var reviewGrace: Duration
    public var rotation: Duration
    public var expiryNotice: Duration?
    public var maxWindow: Duration?
    public var dormant: Duration
    public var revocationGrace: Duration
    /// How long before a platform credential expires to warn (`credential-expiring`); nil: never.
    public var credentialNotice: Duration? = .days(30)
    /// The longest a platform credential may live from creation (`expiry-drift`); nil: no limit.
    public var maxCredentialLifetime: Duration? = .days(365)
}

/// How a task kind is presented and when it falls due.
public struct TaskKindSpec: Sendable, Equatable {
    public var title: String
    /// Time from opening to due; nil means "due when the temporary window ends".
    public var due: Duration?
}

/// A lifecycle definition loaded from `Workflows/<name>.json`: states, allowed transitions
/// with their guards, timers, task kinds, offboarding and lint levels. Data, not code.
public struct Workflow: Sendable, Equatable {
    public var name: String
    public var description: String
    public var states: [String]
    public var initial: String
    public var terminal: String
    public var transitions: [WorkflowTransition] { didSet { index = TransitionIndex(transitions) } }
    public var timers: WorkflowTimers
    public var taskKinds: [TaskKind: TaskKindSpec]
    /// Tasks opened on decommissioning when a credential was ever issued.
    public var offboarding: [TaskKind]
    /// Tasks opened on decommissioning when no credential was ever issued.
    public var offboardingWithoutCredential: [TaskKind]
    /// Lint rule id → its level.
    public var lints: [RuleID: LintLevel]
    /// More reached systems than this is "one connector for everything".
    public var maxReaches: Int
    /// `transitions` grouped by (event, from-state), kept in step with `transitions`.
    public private(set) var index: TransitionIndex

    public init(name: String, description: String, states: [String], initial: String, terminal: String,
                transitions: [WorkflowTransition], timers: WorkflowTimers, taskKinds: [TaskKind: TaskKindSpec],
                offboarding: [TaskKind], offboardingWithoutCredential: [TaskKind], lints: [RuleID: LintLevel],
                maxReaches: Int) {
        self.name = name
        self.description = description
        self.states = states
        self.initial = initial
        self.terminal = terminal
        self.transitions = transitions
        self.timers = timers
        self.taskKinds = taskKinds
        self.offboarding = offboarding
        self.offboardingWithoutCredential = offboardingWithoutCredential
        self.lints = lints
        self.maxReaches = maxReaches
        self.index = TransitionIndex(transitions)
    }

    /// The transitions of `event` that may start from `state` (nil state: before `request`),
    /// in file order.
    public func transitions(of event: EventKind, from state: String?) -> [WorkflowTransition] {
        index.transitions(of: event, from: state)
    }

    /// True when the workflow has any transition for `event`.
    public func allows(_ event: EventKind) -> Bool { transitions.contains { $0.event == event } }
}

/// Who may approve and review, and which GitHub logins are which people.
public struct Roles: Sendable, Equatable {
    /// E-mail addresses allowed to approve and recertify.
    public var approvers: [String]
    /// GitHub login → e-mail address, for review-backed approvals.
    public var logins: [String: String]

    public init(approvers: [String], logins: [String: String] = [:]) {
        self.approvers = approvers
        self.logins = logins
    }

    /// True when `email` is an approver (ASCII case-insensitive, nothing trimmed).
    public func isApprover(_ email: String) -> Bool {
        let e = Identity.normalize(email)
        return approvers.contains { Identity.normalize($0) == e }
    }
}

/// A workflow's transitions grouped once by (event, from-state), so replay finds the
/// candidates for each event without filtering the whole list: a slot per event kind (by
/// its position in `EventKind.allCases`), and in it one group per from-state, found by
/// comparing the few state names a kind starts from (no hashing). Derived data: equality
/// ignores it (the workflow's `transitions` already decide).
public struct TransitionIndex: Sendable, Equatable {
    /// The transitions of one event kind from one state (nil: before `request`), in file order.
    struct Group: Sendable {
        var from: String?
        var transitions: [WorkflowTransition]
    }
    private var byEvent: [[Group]] = Array(repeating: [], count: EventKind.allCases.count)

    /// Groups `transitions`, keeping their order within each group.
    public init(_ transitions: [WorkflowTransition]) {
        for t in transitions {
            if t.from.isEmpty { add(t, from: nil) }
            var seen: Set<String> = []
            for f in t.from where seen.insert(f).inserted { add(t, from: f) }
        }
    }

    private mutating func add(_ t: WorkflowTransition, from: String?) {
        let e = t.event.position
        precondition(EventKind.allCases[e] == t.event, "EventKind.position must be the kind's place in allCases")
        if let g = byEvent[e].firstIndex(where: { $0.from == from }) {
            byEvent[e][g].transitions.append(t)
        } else {
            byEvent[e].append(Group(from: from, transitions: [t]))
        }
    }

    /// The transitions of `event` from `state`.
    public func transitions(of event: EventKind, from state: String?) -> [WorkflowTransition] {
        for g in byEvent[event.position] where g.from == state { return g.transitions }
        return []
    }

    public static func == (a: TransitionIndex, b: TransitionIndex) -> Bool { true }
}
