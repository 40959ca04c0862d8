/// Reads `--observed` exports, and reconciles them with the estate.
///
/// All or nothing: when any export cannot be read (truncated, malformed, the wrong format
/// forced, a field of the wrong type, an incomplete page), every problem is returned as a
/// run error naming the file, the record and the field, and NO finding or signal is drawn
/// from any export in that run. The timers still advance; a partial picture of a platform
/// must never close a `verify-removal` or move a connector.
public enum Reconciliation {
    /// The largest export read (256 MiB).
    public static let maxExportBytes = 256 << 20

    /// The exports as read: every inventory, or (when any failed) the problems and no inventory.
    public struct Exports: Sendable {
        public var inventories: [Inventory] = []
        public var errors: [RunError] = []
    }

    /// Reads every file (format sniffed unless `formatName` is given). Throws only for an
    /// unknown format name.
    public static func readExports(_ files: [String], formatName: String?) throws -> Exports {
        var format: InventoryFormat?
        if let formatName {
            guard let f = InventoryFormat(rawValue: formatName) else {
                throw InputError("unknown --observed-format '\(formatName)'; expected one of: \(InventoryFormat.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            format = f
        }
        var out = Exports()
        for file in files {
            do {
                let bytes = try SafeFile.read(file, shown: file, maxBytes: maxExportBytes)
                out.inventories.append(try InventoryReader.read(bytes, file: file, format: format))
            } catch let e as InventoryError {
                out.errors.append(RunError(file: e.file, message: e.description + nothingDrawn))
            } catch let e as StewardFailure {
                out.errors.append(RunError(file: file, message: "\(e)" + nothingDrawn))
            }
        }
        if !out.errors.isEmpty { out.inventories = [] }
        return out
    }

    /// Reads the exports and reconciles them with `docs`, connectors the caller has already
    /// loaded (so the estate is read once). The findings are nil when an export could not
    /// be read; its problems are in `errors` then.
    public static func findings(docs: [ConnectorDocument], workflows: WorkflowSet, files: [String], formatName: String?,
                                now: Timestamp) throws -> (findings: [Finding]?, errors: [RunError]) {
        let exports = try readExports(files, formatName: formatName)
        guard exports.errors.isEmpty else { return (nil, exports.errors) }
        return (Reconcile.run(docs: docs.map(\.reconcileSummary), inventories: exports.inventories,
                              workflows: workflows.workflows, now: now).findings, [])
    }

    static let nothingDrawn = " (no finding or transition was drawn from any --observed export in this run)"
}
