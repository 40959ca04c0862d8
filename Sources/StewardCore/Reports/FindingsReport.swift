/// `run --findings FILE`: the findings as Markdown, grouped by severity, with whom to contact
/// and the export record each came from. Pure; the adapters write it
/// (`FindingsReport.write`).
public enum FindingsReport {
    /// The Markdown text.
    public static func markdown(_ findings: [Finding], now: Timestamp) -> String {
        var out = "# Steward reconciliation findings\n\nGenerated at \(now). \(findings.count) finding(s).\n"
        for severity in Severity.allCases {
            let group = findings.filter { $0.severity == severity }
            guard !group.isEmpty else { continue }
            out += "\n## \(severity.title) (\(group.count))\n\n| Finding | Connector | Platform object | OWASP | Contact | What | Source |\n|---|---|---|---|---|---|---|\n"
            for f in group {
                let cells: [String] = [f.kind.rawValue, f.connector?.rawValue ?? "(none)", "\(f.platform): `\(f.ref)`", f.owasp,
                                       f.contact.isEmpty ? "platform admins" : f.contact.joined(separator: ", "), f.message,
                                       f.source.map { s in s.record.map { "\(s.file), record \($0)" } ?? s.file } ?? ""]
                // Refs come from platform exports: a line break in one must not end the row
                // (or start a heading of its own).
                out += "| " + cells.map(ReportText.cell).joined(separator: " | ") + " |\n"
            }
        }
        return out
    }
}
