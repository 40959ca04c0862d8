/// What the estate report says: the facts the HTML dashboard, the Markdown and the JSON all
/// hold. Built by `EstateReport.build` (pure) from the connectors read, their workflows,
/// and optionally the people directory and reconciliation findings.
public struct EstateReport: Sendable {
    /// The time the report speaks for (`--now`, or `--as-of`).
    public var now: Timestamp
    /// True when the estate was rebuilt from the histories as of `now`.
    public var asOf = false
    /// Connector files found under `State/` (readable or not, existing at `now` or not yet).
    public var files = 0
    /// Connectors counted: readable and existing at `now`.
    public var total = 0
    /// State → connectors.
    public var byState: [String: Int] = [:]
    /// Risk → live (not decommissioned) connectors.
    public var byRisk: [String: Int] = [:]
    /// Work whose date has passed: overdue tasks and clocks that ran out. Oldest first.
    public var overdue: [WorkItem] = []
    /// Work falling due from now to now + `upcomingDays`. Soonest first; never a past date.
    public var upcoming: [WorkItem] = []
    /// Reviews, rotations and temporary-window ends from now to now + `calendarDays`.
    public var calendar: [WorkItem] = []
    /// Every open task with its age.
    public var openTasks: [OpenTask] = []
    /// How reviews went.
    public var reviews = ReviewStats()
    /// The live credentials' ages against their rotation period, oldest first.
    public var credentials: [CredentialAge] = []
    /// Seconds from decommission to a closed `verify-removal`, one per connector, ascending.
    public var removalProofs: [Int64] = []
    /// Live connectors with an owner the people directory lists as gone (nil without `--people`).
    public var departed: [DepartedOwner]?
    /// People by live connectors owned (either role), most first.
    public var topOwners: [OwnerCount] = []
    /// One row per connector counted.
    public var connectors: [ConnectorRow] = []
    /// Reconciliation findings (nil without `--observed`).
    public var findings: [Finding]?
    /// Every file that could not be used, with why.
    public var unreadable: [UnreadableFile] = []

    /// Days ahead counted as upcoming.
    public static let upcomingDays: Int64 = 30
    /// Days ahead the calendar shows.
    public static let calendarDays: Int64 = 90
    /// How many owners `topOwners` keeps.
    public static let topOwnerCount = 10

    public init(now: Timestamp) { self.now = now }

    /// The median time from decommission to a proven removal, in seconds (nil when none).
    public var medianRemovalSeconds: Int64? {
        guard !removalProofs.isEmpty else { return nil }
        let n = removalProofs.count
        return n % 2 == 1 ? removalProofs[n / 2] : (removalProofs[n / 2 - 1] + removalProofs[n / 2]) / 2
    }

    /// Open tasks past their due date.
    public var overdueTaskCount: Int { openTasks.filter(\.overdue).count }
}

/// What kind of dated work an item is.
public enum WorkKind: String, Sendable, CaseIterable {
    /// A review (recertify) falls due.
    case review
    /// The credential must be rotated.
    case rotation
    /// An approval step runs out (request expiry, approval lapse, widening re-approval).
    case approval
    /// A temporary connector's window ends.
    case windowEnd = "window-end"
    /// A task falls due.
    case task
}

/// One dated piece of work for one connector.
public struct WorkItem: Sendable, Equatable {
    public var connector: ConnectorID
    public var kind: WorkKind
    /// When it falls (fell) due.
    public var at: Timestamp
    /// The task id, for `.task`.
    public var task: String?
    /// Who does it: the connector's technical owner.
    public var owner: String

    /// "review", or the task id.
    public var label: String { task ?? kind.rawValue }
}

/// An open task and how long it has been open.
public struct OpenTask: Sendable, Equatable {
    public var connector: ConnectorID
    public var task: ConnectorTask
    /// Whole days since it opened.
    public var ageDays: Int64
    /// True when its due date has passed.
    public var overdue: Bool
    /// The connector's technical owner.
    public var owner: String
}

/// Reviews counted over every history: a recertify on or before the review date is on
/// time, one after it is late, and a connector decommissioned for want of a review missed it.
public struct ReviewStats: Sendable, Equatable {
    public var onTime = 0
    public var late = 0
    public var missed = 0
    public init() {}
    /// All reviews that came due and were settled.
    public var total: Int { onTime + late + missed }
    /// On-time reviews as a whole percentage of `total` (nil when there were none).
    public var onTimePercent: Int? { total == 0 ? nil : onTime * 100 / total }
}

/// One live credential's age against its rotation period.
public struct CredentialAge: Sendable, Equatable {
    public var connector: ConnectorID
    /// When the credential in use was issued (activate or rotate).
    public var issuedAt: Timestamp
    public var ageDays: Int64
    public var periodDays: Int64
    /// True when it is older than its rotation period.
    public var over: Bool { ageDays > periodDays }
}

/// A live connector with an owner who has left.
public struct DepartedOwner: Sendable, Equatable {
    public var connector: ConnectorID
    /// `business` or `technical`.
    public var role: String
    public var email: String
}

/// A person and how many live connectors they own.
public struct OwnerCount: Sendable, Equatable {
    public var email: String
    public var count: Int
}

/// One connector as the report's table shows it.
public struct ConnectorRow: Sendable, Equatable {
    public var id: ConnectorID
    public var state: String
    public var risk: String
    public var system: String
    public var business: String
    public var technical: String
    /// The next dated work and its date (nil when nothing is due).
    public var next: WorkItem?
    public var scopes: [String]
    public var reaches: [String]
    public var bindings: [String]
}

/// A file a command could not use, and why (the report's unreadable files, the runner's
/// errors); the command went on with the others.
public struct UnreadableFile: Sendable, Equatable {
    /// The file as shown to the user (`State/crm-sync.json`, an export's path).
    public var file: String
    /// Why, naming the file first and the field where it can.
    public var message: String

    /// `file` and why: a `message` that does not begin with the file (an export error,
    /// `history: …`) gets `FILE: ` put before it, so every message reads alone.
    public init(file: String, message: String) {
        self.file = file
        self.message = message.hasPrefix(file) ? message : "\(file): \(message)"
    }
}
