import StewardApp

/// The commands that append one event to one connector: approve, reject, activate, rotate,
/// confirm-rotation, recertify. Each builds a `LifecycleCommand`; the core does the rest.
enum TransitionCommands {
    static func approve(_ inv: Invocation) throws -> Int32 { try perform(inv, .approve, id: try inv.connectorID()) }
    static func recertify(_ inv: Invocation) throws -> Int32 { try perform(inv, .recertify, id: try inv.connectorID()) }
    static func reject(_ inv: Invocation) throws -> Int32 {
        try perform(inv, .reject(reason: try inv.required("reason", why: "say why the request is rejected")), id: try inv.connectorID())
    }
    static func activate(_ inv: Invocation) throws -> Int32 {
        try perform(inv, .activate(credentialId: inv.args.value("credential-id"), secretRef: inv.args.value("secret-ref")), id: try inv.connectorID())
    }
    static func rotate(_ inv: Invocation) throws -> Int32 {
        try perform(inv, .rotate(credentialId: inv.args.value("credential-id")), id: try inv.connectorID())
    }
    static func confirmRotation(_ inv: Invocation) throws -> Int32 {
        try perform(inv, .confirmRotation(evidence: try inv.required("evidence", why: "say how the old credential was revoked")), id: try inv.connectorID())
    }

    /// Runs `command` on `id` and prints what happened.
    static func perform(_ inv: Invocation, _ command: LifecycleCommand, id: ConnectorID, workflow: String = WorkflowSet.defaultWorkflow) throws -> Int32 {
        let format = try inv.format()
        let root = try inv.root()
        let now = try inv.now()
        let actor = try inv.actor(root: root)
        let service = ConnectorService(root: root, wait: try inv.wait())
        let outcome = try service.perform(command, on: id, actor: actor, at: now, note: inv.args.value("note") ?? "", workflowName: workflow)
        report([outcome], format: format)
        return 0
    }

    /// Prints appended events: one line each in text, `{"events": […]}` in JSON.
    static func report(_ outcomes: [Append.Outcome], format: OutputFormat) {
        if format == .json {
            Output.json(.object(["events": .array(outcomes.map { o in
                .object(["id": .string(o.document.id.rawValue), "event": .string(o.event.event), "from": o.event.from.map(JSONValue.string) ?? .null,
                         "to": .string(o.event.to), "seq": .int(Int64(o.event.seq)), "state": .string(o.document.state),
                         "tasks": .array(o.document.openTasks.filter { TaskID.isOpened($0.id, byEvent: o.event.seq, of: o.document.id) }.map { .string($0.id) })])
            })]))
            return
        }
        for o in outcomes {
            let e = o.event
            let move = e.from == nil ? e.to : (e.from == e.to ? "\(e.to) (state kept)" : "\(e.from!) → \(e.to)")
            var line = "\(o.document.id): \(e.event) by \(e.actor) at \(e.at): \(move)\n"
            if e.event == "amend" && o.state.reapprovalPending {
                line += "  this widens the connector: its approval is void until an approver runs 'steward approve \(o.document.id)' (due \(o.document.due.approval?.iso8601 ?? "-"))\n"
            }
            if e.event == EventKind.approve.rawValue && o.state.approvalsMissing > 0 {
                line += "  one approval recorded; a high-risk connector needs a second, different approver\n"
            }
            for t in o.document.openTasks where TaskID.isOpened(t.id, byEvent: e.seq, of: o.document.id) {
                line += "  task opened: \(t.id) (due \(t.dueAt?.iso8601 ?? "-"))\n"
            }
            Output.out(line)
        }
    }
}
