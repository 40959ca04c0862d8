/// The read-only questions `list` and `tasks` ask of the whole estate, each in one pass of
/// `EstateScan` with every file replayed first (a hand-edited projection is an error,
/// never shown). The command line only formats the answers.
public enum EstateQueries {
    /// One task and the connector it belongs to.
    public struct TaskRow: Sendable {
        public var task: ConnectorTask
        public var connector: ConnectorID
        public var owners: Owners
    }

    /// The open tasks (every task with `all`) across the estate, those due soonest first
    /// (undated last), ties by task id; and the files that could not be read.
    public static func tasks(_ root: GovernanceRoot, all: Bool) throws -> (rows: [TaskRow], errors: [DataError]) {
        var rows: [TaskRow] = []
        let errors = try eachReadable(root, workflows: try WorkflowSet.load(root), chunkSize: 512) { d in
            for t in d.tasks where all || t.status == .open { rows.append(TaskRow(task: t, connector: d.id, owners: d.spec.owners)) }
        }
        rows.sort { ($0.task.dueAt?.seconds ?? .max, $0.task.id) < ($1.task.dueAt?.seconds ?? .max, $1.task.id) }
        return (rows, errors)
    }

    /// The digest of work per technical owner at `now`, and the files that could not be read.
    public static func ownerDigest(_ root: GovernanceRoot, now: Timestamp) throws -> (digest: OwnerDigest, errors: [DataError]) {
        let workflows = try WorkflowSet.load(root)
        var docs: [ConnectorDocument] = []
        let errors = try eachReadable(root, workflows: workflows) { docs.append($0) }
        return (OwnerDigest(docs: docs, terminal: workflows.terminal(of:), now: now), errors)
    }

    /// A `state` filter that names no state of any workflow; `known` lists those that exist.
    public struct UnknownState: Error, Sendable {
        public var state: String
        public var known: [String]
    }

    /// What `list` saw besides the matching connectors: the unreadable files, and every
    /// system and owner in the estate (so a filter that matches nothing can be told from a
    /// typo).
    public struct ListOutcome: Sendable {
        public var errors: [DataError] = []
        public var systems: Set<String> = []
        public var owners: Set<String> = []
    }

    /// Hands each connector matching `filter` to `each`, in id order, one chunk at a time
    /// (documents are dropped once handed over). A `state` filter must name a state of
    /// some workflow: the states are the workflows' own.
    public static func list(_ root: GovernanceRoot, filter: ConnectorFilter,
                            _ each: (ConnectorDocument) -> Void) throws -> ListOutcome {
        let workflows = try WorkflowSet.load(root)
        if let state = filter.state {
            let known = Array(Set(workflows.workflows.values.flatMap(\.states))).sorted()
            guard known.contains(state) else { throw UnknownState(state: state, known: known) }
        }
        var out = ListOutcome()
        out.errors = try eachReadable(root, workflows: workflows, chunkSize: 512) { d in
            if filter.system != nil { out.systems.insert(d.spec.system.lowercased()) }
            if filter.owner != nil {
                out.owners.formUnion([Identity.normalize(d.spec.owners.business), Identity.normalize(d.spec.owners.technical)])
            }
            if filter.matches(d) { each(d) }
        }
        return out
    }

    /// Every readable connector, replayed first and handed to `each` in id order; the files
    /// that could not be read.
    static func eachReadable(_ root: GovernanceRoot, workflows: WorkflowSet, chunkSize: Int = 4096,
                             _ each: (ConnectorDocument) -> Void) throws -> [DataError] {
        let scan = EstateScan(root: root, chunkSize: chunkSize)
        let (ids, problems) = try scan.listing()
        var errors = problems
        scan.forEachChunk(ids, verifiedBy: workflows) { chunk in
            for loaded in chunk {
                switch loaded.result {
                case .failure(let e): errors.append(e)
                case .success(let d): each(d)
                }
            }
        }
        return errors
    }
}
