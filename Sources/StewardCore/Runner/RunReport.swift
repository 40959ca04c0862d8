/// One state change the runner made (or, with --dry-run, would make).
public struct RunTransition: Sendable, Equatable {
    public var id: ConnectorID
    public var event: String
    public var from: String
    public var to: String
    public var reason: String
    /// The typed cause behind `reason`.
    public var cause: RunnerCause

    package init(id: ConnectorID, event: String, from: String, to: String, reason: String, cause: RunnerCause) {
        (self.id, self.event, self.from, self.to, self.reason, self.cause) = (id, event, from, to, reason, cause)
    }
}

/// A task the runner opened.
public struct OpenedTask: Sendable, Equatable {
    public var id: String
    public var kind: TaskKind
    public var connector: ConnectorID
    public var reason: String
    /// The typed cause of the event that opened (or, for a closed task, closed) it.
    public var cause: RunnerCause?

    public init(id: String, kind: TaskKind, connector: ConnectorID, reason: String, cause: RunnerCause? = nil) {
        self.id = id
        self.kind = kind
        self.connector = connector
        self.reason = reason
        self.cause = cause
    }
}

/// A file the runner could not use; it went on with the others. The same value as the
/// estate report's `UnreadableFile`: the file, and why.
public typealias RunError = UnreadableFile

/// What one `steward run` did, in a stable order (by connector id, then event order).
public struct RunReport: Sendable {
    public var now: Timestamp
    public var transitions: [RunTransition] = []
    public var tasks: [OpenedTask] = []
    /// Tasks the runner closed (verify-removal proven by an export); `reason` holds the evidence.
    public var closedTasks: [OpenedTask] = []
    public var findings: [Finding] = []
    public var errors: [RunError] = []
    /// Every runner event appended, per connector (state-keeping ones included).
    public var events: [(connector: ConnectorID, event: Event)] = []
    /// Connectors whose files changed.
    public var changed: [ConnectorID] = []
    /// How many connector files were read.
    public var scanned = 0
    public var dryRun = false

    public init(now: Timestamp) { self.now = now }
}

/// A gap between what is declared and what a platform really holds, or a policy finding.
public struct Finding: Sendable, Equatable {
    /// What the finding is about (its name in reports and JSON is the raw value).
    public var kind: FindingKind
    /// The connector concerned, when one is.
    public var connector: ConnectorID?
    /// The platform object (`platform` + `ref`).
    public var platform: String
    public var ref: String
    /// OWASP NHI Top 10 (2025) id, from the kind.
    public var owasp: String { kind.owasp }
    /// `critical`, `high`, `medium` or `low`.
    public var severity: Severity
    public var message: String
    /// Who to contact (the connector's owners), if known.
    public var contact: [String]
    /// The export file and record it came from.
    public var source: FindingSource?

    public init(kind: FindingKind, connector: ConnectorID?, platform: String, ref: String,
                severity: Severity, message: String, contact: [String] = [], source: FindingSource? = nil) {
        self.kind = kind
        self.connector = connector
        self.platform = platform
        self.ref = ref
        self.severity = severity
        self.message = message
        self.contact = contact
        self.source = source
    }
}
