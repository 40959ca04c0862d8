/// Writing the findings report the core builds.
extension FindingsReport {
    /// Writes the report to `path` (through the one output-file adapter).
    public static func write(_ findings: [Finding], to path: String, now: Timestamp) throws(StoreError) {
        do { try OutputFile.write(Array(markdown(findings, now: now).utf8), to: path) } catch {
            throw StoreError(.io, "the findings report (--findings): \(error.message)")
        }
    }
}
