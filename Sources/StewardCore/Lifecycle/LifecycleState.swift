/// The state names the engine's time rules and reconciliation refer to. Workflows list
/// their states as data; these are the names the contract fixes.
public enum StateName {
    public static let requested = "requested"
    public static let approved = "approved"
    public static let active = "active"
    public static let reviewDue = "review-due"
    public static let rotated = "rotated"
    public static let decommissioned = "decommissioned"
}

/// Everything replay knows about a connector after some prefix of its history: the
/// projection written to the file (`state`, `spec`, `due`, `tasks`) plus what the rules
/// need and the file does not store (who requested, who approved in this round, …).
public struct LifecycleState: Sendable, Equatable {
    public var connector: ConnectorID
    /// The number of events applied.
    public var seq: Int = 0
    public var state: String?
    public var spec: Spec?
    public var due = Due()
    public var tasks: [ConnectorTask] = []
    /// Hash of the last event.
    public var head: String = Event.genesisHash
    /// Time of the last event.
    public var lastAt: Timestamp?
    /// Who sent the request.
    public var requester: String?
    /// When the request was sent (a temporary window is measured from it).
    public var requestedAt: Timestamp?
    /// Everyone who amended the connector since its last completed approval (amends while
    /// `requested` included): none of them may approve it.
    public var amenders: [String] = []
    /// Distinct approvers of the current approval round.
    public var approvals: [String] = []
    /// A widening amend has voided the approval and no re-approval has completed.
    public var reapprovalPending = false
    /// A credential was ever issued (activate ran).
    public var credentialIssued = false
    /// The current credential's id, as recorded by activate or rotate.
    public var credentialId: String?
    /// Seq of the event that last started the rotation clock.
    public var rotationArmedSeq = 0
    /// Seq of the event that last set `spec.until`.
    public var untilArmedSeq = 0
    /// Everyone who held or handled the credential: each technical owner while one was
    /// issued, and the actors of activate, rotate and confirm-rotation.
    public var credentialHandlers: [String] = []
    /// Task id → who closed it (people only; the runner's closes are not recorded).
    public var taskClosers: [String: String] = [:]

    public init(connector: ConnectorID) { self.connector = connector }

    /// Approvals the current round still lacks after at least one was given: nonzero only
    /// while a first approval or a re-approval is under way and incomplete.
    public var approvalsMissing: Int {
        guard !approvals.isEmpty, state == StateName.requested || reapprovalPending else { return 0 }
        return max(0, (spec?.risk ?? .medium).approvalsNeeded - approvals.count)
    }

    /// The open tasks of `kind`.
    public func openTasks(ofKind kind: TaskKind) -> [ConnectorTask] {
        tasks.filter { $0.kind == kind && $0.status == .open }
    }

    /// True when a task of `kind` was opened by an event after `seq`.
    public func taskOpened(kind: TaskKind, after seq: Int) -> Bool {
        tasks.contains { t in
            t.kind == kind && (TaskID.seq(of: t.id) ?? 0) > seq
        }
    }

    /// The projection as a document.
    public func document(workflow: String, history: [Event]) -> ConnectorDocument? {
        guard let state, let spec else { return nil }
        return ConnectorDocument(id: connector, version: history.count, state: state, workflow: workflow,
                                 spec: spec, due: due, tasks: tasks, history: history)
    }
}
