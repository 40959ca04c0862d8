/// Building the report of a run from its plans: pure, in the plans' order.
extension RunReport {
    /// Appends what `plans` change: the changed connectors, every event, the transitions,
    /// the tasks closed and the tasks opened (each with the reason and cause of its event).
    public mutating func add(_ plans: [RunPlan.ConnectorPlan]) {
        for p in plans {
            let id = p.document.id
            changed.append(id)
            for (i, e) in p.events.enumerated() {
                events.append((id, e))
                if e.from != e.to {
                    transitions.append(RunTransition(id: id, event: e.event, from: e.from ?? "", to: e.to,
                                                     reason: p.reasons[i], cause: p.causes[i]))
                }
            }
            for e in p.events where e.event == EventKind.closeTask.rawValue {
                if let id = e.dataString("task"), let t = p.document.tasks.first(where: { $0.id == id }) {
                    closedTasks.append(OpenedTask(id: id, kind: t.kind, connector: p.document.id, reason: e.dataString("evidence") ?? "",
                                                  cause: .removalVerified))
                }
            }
            for t in p.opened {
                let i = p.events.firstIndex { TaskID.isOpened(t.id, byEvent: $0.seq, of: id) }
                let reason = i.map { p.events[$0].dataString("reason") ?? "" } ?? ""
                tasks.append(OpenedTask(id: t.id, kind: t.kind, connector: id, reason: reason, cause: i.map { p.causes[$0] }))
            }
        }
    }
}
