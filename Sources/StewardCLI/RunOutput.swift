import StewardApp

/// How a run report is printed: text grouped by connector for people, or the contract's JSON.
enum RunOutput {
    static func json(_ r: RunReport) -> JSONValue {
        .object([
            "now": .string(r.now.iso8601),
            "dryRun": .bool(r.dryRun),
            "transitions": .array(r.transitions.map { t in
                .object(["id": .string(t.id.rawValue), "event": .string(t.event), "from": .string(t.from), "to": .string(t.to), "reason": .string(t.reason),
                         "cause": .string(t.cause.rawValue)])
            }),
            "tasks": .array(r.tasks.map { t in
                .object(["id": .string(t.id), "kind": .string(t.kind), "connector": .string(t.connector.rawValue), "reason": .string(t.reason),
                         "cause": t.cause.map { .string($0.rawValue) } ?? .null])
            }),
            "closedTasks": .array(r.closedTasks.map { t in
                .object(["id": .string(t.id), "kind": .string(t.kind), "connector": .string(t.connector.rawValue), "evidence": .string(t.reason)])
            }),
            "findings": .array(r.findings.map { f in
                .object(["kind": .string(f.kind), "connector": f.connector.map { .string($0.rawValue) } ?? .null, "platform": .string(f.platform),
                         "ref": .string(f.ref), "owasp": .string(f.owasp), "severity": .string(f.severity), "message": .string(f.message),
                         "source": f.source.map { s in .object(["file": .string(s.file), "record": s.record.map(JSONValue.string) ?? .null]) } ?? .null])
            }),
            "errors": .array(r.errors.map { .object(["file": .string($0.file), "message": .string($0.message)]) }),
            "scanned": .int(Int64(r.scanned)),
        ])
    }

    static func text(_ r: RunReport) -> String {
        var out = "steward run at \(r.now)\(r.dryRun ? " (dry run: nothing written)" : ""): \(Output.count(r.scanned, "connector")), "
        out += "\(Output.count(r.transitions.count, "transition")), \(Output.count(r.tasks.count, "task")) opened"
        if !r.closedTasks.isEmpty { out += ", \(Output.count(r.closedTasks.count, "task")) closed" }
        out += ", \(Output.count(r.findings.count, "finding")), \(Output.count(r.errors.count, "error"))\n"
        var byConnector: [ConnectorID: [String]] = [:]
        for t in r.transitions { byConnector[t.id, default: []].append("  \(t.from) → \(t.to) (\(t.event)): \(t.reason)") }
        for t in r.tasks { byConnector[t.connector, default: []].append("  task opened: \(t.id)" + (t.reason.isEmpty ? "" : " — \(t.reason)")) }
        for t in r.closedTasks { byConnector[t.connector, default: []].append("  task closed: \(t.id) — \(t.reason)") }
        for id in byConnector.keys.sorted() {
            out += "\(id)\n" + byConnector[id]!.joined(separator: "\n") + "\n"
        }
        if !r.findings.isEmpty {
            out += "findings:\n"
            for f in r.findings {
                out += "  [\(f.severity)] \(f.kind) \(f.platform):\(f.ref)\(f.connector.map { " (\($0))" } ?? "") — \(f.message) [\(f.owasp)]\n"
            }
        }
        if !r.errors.isEmpty {
            out += "errors (each names its file; every other connector was processed):\n"
            // Every line names its file, whether or not the message already does.
            for e in r.errors { out += "  " + (e.file.isEmpty || e.message.hasPrefix(e.file) ? e.message : "\(e.file): \(e.message)") + "\n" }
        }
        return out
    }
}
