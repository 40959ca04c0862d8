import StewardApp

/// How a connector is shown to people (text) and summarised for `list --json`.
enum ConnectorView {
    static func summary(_ d: ConnectorDocument) -> JSONValue {
        .object(["id": .string(d.id.rawValue), "state": .string(d.state), "workflow": .string(d.workflow), "system": .string(d.spec.system),
                 "risk": .string(d.spec.risk.rawValue), "environment": .string(d.spec.environment),
                 "owners": .object(["business": .string(d.spec.owners.business), "technical": .string(d.spec.owners.technical)]),
                 "version": .int(Int64(d.version)), "nextDue": nextDueJSON(d), "openTasks": .int(Int64(d.openTasks.count))])
    }

    static func nextDueJSON(_ d: ConnectorDocument) -> JSONValue {
        guard let (what, t) = next(d) else { return .null }
        return .object(["what": .string(what), "at": .string(t.iso8601)])
    }

    static func next(_ d: ConnectorDocument) -> (String, Timestamp)? {
        let all: [(String, Timestamp?)] = [("approval", d.due.approval), ("review", d.due.review), ("rotation", d.due.rotation), ("until", d.due.until)]
        return all.compactMap { w, t in t.map { (w, $0) } }.min { $0.1 < $1.1 }
    }

    static func nextDue(_ d: ConnectorDocument) -> String {
        guard let (what, t) = next(d) else { return "-" }
        return "\(what) \(t.dateOnly)"
    }

    static func text(_ d: ConnectorDocument) -> String {
        let s = d.spec
        var out = "\(d.id)  [\(d.state)]  workflow \(d.workflow), version \(d.version)\n"
        out += "  system       \(s.system) (\(s.environment), \(s.kind), risk \(s.risk.rawValue))\n"
        out += "  purpose      \(s.purpose)\n"
        out += "  owners       business \(s.owners.business), technical \(s.owners.technical)\n"
        out += "  scopes       \(s.scopes.isEmpty ? "-" : s.scopes.joined(separator: ", "))\n"
        if !s.reaches.isEmpty { out += "  reaches      \(s.reaches.joined(separator: ", "))\n" }
        out += "  secretRef    \(s.secretRef ?? "-")\n"
        if !s.bindings.isEmpty { out += "  bindings     \(s.bindings.map(\.text).joined(separator: ", "))\n" }
        if let u = s.until { out += "  until        \(u)\n" }
        let due = [("review", d.due.review), ("rotation", d.due.rotation), ("approval", d.due.approval), ("until", d.due.until)]
            .compactMap { w, t in t.map { "\(w) \($0)" } }
        out += "  due          \(due.isEmpty ? "-" : due.joined(separator: ", "))\n"
        if !d.tasks.isEmpty {
            out += "tasks:\n"
            for t in d.tasks {
                out += "  \(t.status == .open ? "[ ]" : "[x]") \(t.id)  due \(t.dueAt?.iso8601 ?? "-")"
                out += t.evidence.map { "  evidence: \($0)" } ?? ""
                out += "\n"
            }
        }
        out += "history:\n"
        for e in d.history {
            let move = e.from.map { $0 == e.to ? e.to : "\($0) → \(e.to)" } ?? e.to
            var line = "  \(e.seq). \(e.at)  \(e.event)  \(move)  by \(e.actor)"
            if let r = e.dataString("reason") { line += "  — \(r)" }
            if !e.note.isEmpty { line += "  (\(e.note))" }
            out += line + "\n"
        }
        return out
    }
}
