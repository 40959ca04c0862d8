/// The replay state just before each event of a connector's history, computed forward and
/// once: asking for the states before events in increasing order applies every event a
/// single time, so a pull request that appends n events costs one replay, not n.
///
/// The states are the events applied in order without hashes or roles (the whole history
/// has already been replayed with both by the time the gate asks). Asking for an event
/// before the last one asked for starts again from the beginning.
struct HistoryCursor {
    private let change: FileChange
    private var state: LifecycleState?
    /// How many events of the head's history `state` holds.
    private var applied = 0

    init(_ change: FileChange) {
        self.change = change
        self.state = LifecycleState(connector: change.head.id)
    }

    /// The state after events 1 … e.seq − 1; nil when they do not replay.
    mutating func state(before e: Event) -> LifecycleState? {
        let target = e.seq - 1
        if target < applied { self = HistoryCursor(change) }
        let history = change.head.history
        while applied < target, applied < history.count, let current = state {
            let p = history[applied]
            if let kind = EventKind(rawValue: p.event),
               let step = try? Transition.apply(current, event: kind, actor: p.actor, at: p.at, data: p.data,
                                                workflow: change.workflow, roles: nil, file: change.file) {
                var next = step.next
                next.head = p.hash
                state = next
            } else {
                state = nil
            }
            applied += 1
        }
        return applied == target ? state : nil
    }
}
