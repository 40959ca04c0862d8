/// The small part of a connector that reconciliation reads, so a run can keep one per
/// connector while it streams the estate instead of holding every document.
extension ConnectorDocument {
    /// This document with its tasks dropped and its history cut to the last event plus, for
    /// each state, the last event that entered it from another state (reconciliation dates a
    /// revocation from when the connector entered its terminal state). Id, state, workflow,
    /// spec and due dates are kept whole.
    public var reconcileSummary: ConnectorDocument {
        var latestEntry: [String: Int] = [:]
        for (i, e) in history.enumerated() where e.from != e.to { latestEntry[e.to] = i }
        var keep = Set(latestEntry.values)
        if !history.isEmpty { keep.insert(history.count - 1) }
        return ConnectorDocument(id: id, version: version, state: state, workflow: workflow, spec: spec, due: due,
                                 tasks: [], history: keep.sorted().map { history[$0] })
    }

    /// Whether reconciling against `inventories` could give this connector a runner signal:
    /// it is in a state that reconciliation signals (managing its bindings, or in its
    /// workflow's `terminal` state with a `verify-removal` open) and one of its bindings is
    /// observed (`observed` holds the `RefKey`s of every record) or covered by an export.
    public func mayBeSignalled(by inventories: [Inventory], observed: Set<Binding>, terminal: String) -> Bool {
        let signalled = Reconcile.managing.contains(state)
            || (state == terminal && tasks.contains { $0.kind == TaskKind.verifyRemoval && $0.status == .open })
        return signalled && spec.bindings.contains { b in observed.contains(RefKey.of(b)) || inventories.contains { $0.covers(b) } }
    }
}
