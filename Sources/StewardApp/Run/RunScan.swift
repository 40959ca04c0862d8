/// The one read of the estate inside `RunPipeline`: what is kept of each connector.
struct RunScan: Sendable {
    let workflows: WorkflowSet
    let broken: Set<String>
    let options: RunOptions
    /// The exports being reconciled; nil when the run has none (or they did not all read).
    let inventories: [Inventory]?
    let observed: Set<Binding>

    init(workflows: WorkflowSet, broken: Set<String>, options: RunOptions, inventories: [Inventory]?) {
        (self.workflows, self.broken, self.options, self.inventories) = (workflows, broken, options, inventories)
        observed = Set((inventories ?? []).flatMap { inv in inv.records.map { RefKey.of(platform: $0.platform, ref: $0.ref) } })
    }

    /// What the scan keeps of one connector.
    struct Kept: Sendable {
        var outcome: Runner.Outcome
        /// Only when reconciling (boxed, so a run without exports moves one pointer more).
        var forReconciliation: ForReconciliation?
        var summary: ConnectorDocument? { forReconciliation?.summary }
        var held: LoadedConnector? { forReconciliation?.held }
    }

    /// What reconciliation needs of one connector.
    final class ForReconciliation: Sendable {
        /// The connector's summary (nil once handed to reconciliation).
        let summary: ConnectorDocument?
        /// The connector as loaded, when reconciliation may give it a signal.
        let held: LoadedConnector?
        init(summary: ConnectorDocument?, held: LoadedConnector?) { (self.summary, self.held) = (summary, held) }
    }

    /// Everything the scan kept, in id order.
    struct Results {
        /// Every connector whose outcome is not idle, or that may be planned again.
        var kept: [Kept] = []
        var summaries: [ConnectorDocument] = []

        mutating func add(_ chunk: [Kept]) {
            for var k in chunk {
                if let s = k.summary { summaries.append(s) }
                let held = k.held
                k.forReconciliation = held.map { ForReconciliation(summary: nil, held: $0) }
                if case .idle = k.outcome, held == nil { continue }
                kept.append(k)
            }
        }

        var plans: [RunPlan.ConnectorPlan] {
            kept.compactMap { if case .planned(let p) = $0.outcome { return p } else { return nil } }
        }
        var errors: [RunError] {
            kept.compactMap { if case .failed(let e) = $0.outcome { return e } else { return nil } }
        }
    }

    /// The first look at a connector: planned without signals; summarised when reconciling.
    func first(_ loaded: LoadedConnector) -> Kept {
        let outcome = Runner.plan(loaded, workflows: workflows, broken: broken, now: options.now,
                                  people: options.people, signals: nil)
        guard let inventories, case .success(let doc) = loaded.result else {
            return Kept(outcome: outcome)
        }
        var held: LoadedConnector?
        if case .failed = outcome {} else if doc.mayBeSignalled(by: inventories, observed: observed, terminal: workflows.terminal(of: doc)) { held = loaded }
        return Kept(outcome: outcome, forReconciliation: ForReconciliation(summary: doc.reconcileSummary, held: held))
    }

    /// Plans again, with its signals, every held connector that reconciliation signalled.
    func replan(_ results: inout Results, signals: [ConnectorID: RunSignals]) {
        for i in results.kept.indices {
            guard let loaded = results.kept[i].held else { continue }
            results.kept[i].forReconciliation = nil
            guard let s = signals[loaded.id] else { continue }
            results.kept[i].outcome = Runner.plan(loaded, workflows: workflows, broken: broken, now: options.now,
                                                  people: options.people, signals: s)
        }
    }
}
