/// One connector file: its identity, its history (the truth) and the projection of that
/// history (`version`, `state`, `spec`, `due`, `tasks`) that replay must reproduce.
public struct ConnectorDocument: Sendable, Equatable {
    /// The file format version; always 1.
    public static let schemaVersion: Int64 = 1

    public var id: ConnectorID
    public var version: Int
    public var state: String
    public var workflow: String
    public var spec: Spec
    public var due: Due
    public var tasks: [ConnectorTask]
    public var history: [Event]

    public init(id: ConnectorID, version: Int, state: String, workflow: String, spec: Spec, due: Due,
                tasks: [ConnectorTask], history: [Event]) {
        self.id = id
        self.version = version
        self.state = state
        self.workflow = workflow
        self.spec = spec
        self.due = due
        self.tasks = tasks
        self.history = history
    }

    /// The hash of the last event, which the next event's `prev` must carry.
    public var headHash: String { history.last?.hash ?? Event.genesisHash }

    /// The open tasks, in opening order.
    public var openTasks: [ConnectorTask] { tasks.filter { $0.status == .open } }
}
