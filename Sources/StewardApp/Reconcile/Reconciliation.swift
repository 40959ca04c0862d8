/// Reads `--observed` exports and the estate, reconciles them, and puts the findings and
/// signals into the run's options.
///
/// All or nothing: when any export cannot be read (truncated, malformed, the wrong format
/// forced, a field of the wrong type, an incomplete page), every problem is returned as a
/// run error naming the file, the record and the field, and NO finding or signal is drawn
/// from any export in that run. The timers still advance; a partial picture of a platform
/// must never close a `verify-removal` or move a connector.
public enum Reconciliation {
    /// The largest export read (256 MiB).
    public static let maxExportBytes = 256 << 20

    /// Reads every file (format sniffed unless `formatName` is given) and reconciles.
    /// Returns the exports that could not be read (empty when all were).
    public static func prepare(_ options: inout RunOptions, root: GovernanceRoot, files: [String],
                               formatName: String?) throws -> [RunError] {
        var format: InventoryFormat?
        if let formatName {
            guard let f = InventoryFormat(rawValue: formatName) else {
                throw InputError("unknown --observed-format '\(formatName)'; expected one of: \(InventoryFormat.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            format = f
        }
        var inventories: [Inventory] = []
        var errors: [RunError] = []
        for file in files {
            do {
                let bytes = try SafeFile.read(file, shown: file, maxBytes: maxExportBytes)
                inventories.append(try InventoryReader.read(bytes, file: file, format: format))
            } catch let e as InventoryError {
                errors.append(RunError(file: e.file, message: e.description + nothingDrawn))
            } catch let e as StewardFailure {
                errors.append(RunError(file: file, message: "\(e)" + nothingDrawn))
            }
        }
        guard errors.isEmpty else { return errors }
        let workflows = try WorkflowSet.load(root)
        let store = StateStore(root: root)
        let (ids, _) = try store.listing()
        let docs = store.loadAll(ids: ids).compactMap { try? $0.result.get() }
        let outcome = Reconcile.run(docs: docs, inventories: inventories, workflows: workflows.workflows, now: options.now)
        options.findings = outcome.findings
        options.signals = outcome.signals
        return []
    }

    static let nothingDrawn = " (no finding or transition was drawn from any --observed export in this run)"
}
