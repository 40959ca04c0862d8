import StewardApp

/// `steward close-task TASK-ID --evidence TEXT`.
enum CloseTaskCommand {
    static func run(_ inv: Invocation) throws -> Int32 {
        let task = inv.args.positional("TASK-ID") ?? ""
        guard let connector = ConnectorTask.connector(ofTaskID: task) else {
            throw InputError("'\(task.prefix(80))' is not a task id; task ids look like crm-sync#7-revoke-credential ('steward tasks' lists them)")
        }
        let id = try ConnectorID(connector)
        let evidence = try inv.required("evidence", why: "what was done, and where it can be checked")
        return try TransitionCommands.perform(inv, .closeTask(taskID: task, evidence: evidence), id: id)
    }
}
