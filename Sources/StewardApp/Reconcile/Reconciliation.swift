/// Reads `--observed` exports and the estate, reconciles them, and puts the findings and
/// signals into the run's options. A malformed export stops the run before anything is
/// written: a half-applied reconciliation is worse than none.
public enum Reconciliation {
    /// The largest export read (256 MiB).
    public static let maxExportBytes = 256 << 20

    /// Reads every file (format sniffed unless `formatName` is given) and reconciles.
    public static func prepare(_ options: inout RunOptions, root: GovernanceRoot, files: [String],
                               formatName: String?) throws {
        var format: InventoryFormat?
        if let formatName {
            guard let f = InventoryFormat(rawValue: formatName) else {
                throw InputError("unknown --observed-format '\(formatName)'; expected one of: \(InventoryFormat.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            format = f
        }
        var inventories: [Inventory] = []
        for file in files {
            let bytes = try SafeFile.read(file, shown: file, maxBytes: maxExportBytes)
            do { inventories.append(try InventoryReader.read(bytes, file: file, format: format)) } catch {
                throw DataError(file: error.file, location: error.location ?? "", message: error.message)
            }
        }
        let workflows = try WorkflowSet.load(root)
        let store = StateStore(root: root)
        let (ids, _) = try store.listing()
        let docs = store.loadAll(ids: ids).compactMap { try? $0.result.get() }
        let outcome = Reconcile.run(docs: docs, inventories: inventories, workflows: workflows.workflows, now: options.now)
        options.findings = outcome.findings
        options.signals = outcome.signals
    }
}
