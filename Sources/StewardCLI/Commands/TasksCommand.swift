import StewardApp

/// `steward tasks [--all]`: open (or all) tasks across the estate, most overdue first.
enum TasksCommand {
    static func run(_ inv: Invocation) throws -> Int32 {
        if inv.args.flag("by-owner") { return try TasksByOwner.run(inv) }
        let format = try inv.format()
        let now = try inv.now()
        let (rows, errors) = try EstateQueries.tasks(try inv.root(), all: inv.args.flag("all"))
        if format == .json {
            Output.json(.object(["tasks": .array(rows.map { row in
                let (t, connector, owners) = (row.task, row.connector, row.owners)
                return .object(["id": .string(t.id), "kind": .string(t.kind.rawValue), "connector": .string(connector.rawValue), "status": .string(t.status.rawValue),
                         "openedAt": .string(t.openedAt.iso8601), "dueAt": t.dueAt.map { .string($0.iso8601) } ?? .null,
                         "closedAt": t.closedAt.map { .string($0.iso8601) } ?? .null, "evidence": t.evidence.map(JSONValue.string) ?? .null,
                         "overdue": .bool(t.isOverdue(at: now)),
                         "owners": .array([.string(owners.business), .string(owners.technical)])])
            }), "errors": .array(errors.map { .object(["file": .string($0.file), "message": .string($0.description)]) })]))
        } else {
            Output.out(Output.table(["TASK", "STATUS", "DUE", "TECHNICAL OWNER"], rows.map { row in
                [row.task.id, row.task.status.rawValue, (row.task.dueAt?.iso8601 ?? "-") + (row.task.isOverdue(at: now) ? " OVERDUE" : ""), row.owners.technical]
            }))
            for e in errors { Output.warning(e.description) }
        }
        return errors.isEmpty ? 0 : ExitStatus.invalidData.rawValue
    }
}
