/// Whether a task still needs doing.
public enum TaskStatus: String, Sendable {
    case open, done
}

/// A piece of work a connector's lifecycle asks of a person: revoke a credential, delete a
/// secret, prove removal, notify owners, rotate, reassign an owner.
///
/// Its id is a `TaskID`: `<connector>#<seq>-<kind>`, where seq is the event that opened it.
public struct ConnectorTask: Sendable, Equatable {
    public var id: String
    public var kind: TaskKind
    public var status: TaskStatus
    public var openedAt: Timestamp
    public var dueAt: Timestamp?
    public var closedAt: Timestamp?
    public var evidence: String?

    public init(id: String, kind: TaskKind, status: TaskStatus = .open, openedAt: Timestamp,
                dueAt: Timestamp?, closedAt: Timestamp? = nil, evidence: String? = nil) {
        (self.id, self.kind, self.status) = (id, kind, status)
        (self.openedAt, self.dueAt, self.closedAt, self.evidence) = (openedAt, dueAt, closedAt, evidence)
    }

    /// True for an open task whose due date lies before `now`.
    public func isOverdue(at now: Timestamp) -> Bool {
        status == .open && (dueAt.map { $0 < now } ?? false)
    }

    /// The stable id of the task of `kind` opened by event `seq` of `connector`.
    public static func makeID(connector: ConnectorID, seq: Int, kind: TaskKind) -> String {
        TaskID(connector: connector, seq: seq, kind: kind).description
    }

    /// The connector id part of a task id, or nil when the text is not a task id.
    public static func connector(ofTaskID text: String) -> String? {
        TaskID.connector(of: text)
    }
}

/// When each clock of a connector next runs out; null when it does not run.
public struct Due: Sendable, Equatable {
    /// When the next review is due (active connectors).
    public var review: Timestamp?
    /// When the credential must next be rotated.
    public var rotation: Timestamp?
    /// When the pending approval step runs out: the request expires, an approval lapses,
    /// or a widening must be re-approved.
    public var approval: Timestamp?
    /// When a temporary connector's window ends.
    public var until: Timestamp?

    public init(review: Timestamp? = nil, rotation: Timestamp? = nil, approval: Timestamp? = nil, until: Timestamp? = nil) {
        self.review = review
        self.rotation = rotation
        self.approval = approval
        self.until = until
    }
}
