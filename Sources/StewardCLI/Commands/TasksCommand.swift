import StewardApp

/// `steward tasks [--all]`: open (or all) tasks across the estate, most overdue first.
enum TasksCommand {
    static func run(_ inv: Invocation) throws -> Int32 {
        if inv.args.flag("by-owner") { return try TasksByOwner.run(inv) }
        let format = try inv.format()
        let root = try inv.root()
        let now = try inv.now()
        let workflows = try WorkflowSet.load(root)
        let scan = EstateScan(root: root, chunkSize: 512)
        let (ids, problems) = try scan.listing()
        let all = inv.args.flag("all")
        // Keep the tasks and their owners, not the documents.
        var rows: [(task: ConnectorTask, connector: ConnectorID, owners: Owners)] = []
        var errors = problems
        scan.forEachChunk(ids, verifiedBy: workflows) { chunk in
            for loaded in chunk {
                switch loaded.result {
                case .failure(let e): errors.append(e)
                case .success(let d): for t in d.tasks where all || t.status == .open { rows.append((t, d.id, d.spec.owners)) }
                }
            }
        }
        rows.sort { ($0.task.dueAt?.seconds ?? .max, $0.task.id) < ($1.task.dueAt?.seconds ?? .max, $1.task.id) }
        if format == .json {
            Output.json(.object(["tasks": .array(rows.map { t, connector, owners in
                .object(["id": .string(t.id), "kind": .string(t.kind), "connector": .string(connector.rawValue), "status": .string(t.status.rawValue),
                         "openedAt": .string(t.openedAt.iso8601), "dueAt": t.dueAt.map { .string($0.iso8601) } ?? .null,
                         "closedAt": t.closedAt.map { .string($0.iso8601) } ?? .null, "evidence": t.evidence.map(JSONValue.string) ?? .null,
                         "overdue": .bool(isOverdue(t, now: now)),
                         "owners": .array([.string(owners.business), .string(owners.technical)])])
            }), "errors": .array(errors.map { .object(["file": .string($0.file), "message": .string($0.description)]) })]))
        } else {
            Output.out(Output.table(["TASK", "STATUS", "DUE", "TECHNICAL OWNER"], rows.map { t, _, owners in
                [t.id, t.status.rawValue, (t.dueAt?.iso8601 ?? "-") + (isOverdue(t, now: now) ? " OVERDUE" : ""), owners.technical]
            }))
            for e in errors { Output.warning(e.description) }
        }
        return errors.isEmpty ? 0 : ExitStatus.invalidData.rawValue
    }

    /// An open task whose due date lies before NOW.
    static func isOverdue(_ t: ConnectorTask, now: Timestamp) -> Bool {
        t.status == .open && (t.dueAt.map { $0 < now } ?? false)
    }
}
