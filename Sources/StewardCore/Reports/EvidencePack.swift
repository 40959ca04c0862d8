/// The audit evidence for one connector: who requested and approved it and when, every
/// credential change, review and amendment, how it ended, each task with its evidence, and
/// whether the hash chain verifies. Answers "who approved this, and was revocation proven?".
public enum EvidencePack {
    /// The pack as JSON.
    public static func json(_ doc: ConnectorDocument, chain: Result<LifecycleState, ReplayProblem>) -> JSONValue {
        var verified: [String: JSONValue] = ["headHash": .string(doc.headHash), "events": .int(Int64(doc.history.count))]
        switch chain {
        case .success: verified["ok"] = .bool(true)
        case .failure(let p): verified["ok"] = .bool(false); verified["problem"] = .string(p.description)
        }
        return .object([
            "connector": .string(doc.id), "state": .string(doc.state), "system": .string(doc.spec.system),
            "owners": .object(["business": .string(doc.spec.owners.business), "technical": .string(doc.spec.owners.technical)]),
            "chain": .object(verified),
            "approvals": .array(doc.history.filter { ["approve", "recertify"].contains($0.event) }.map(eventJSON)),
            "events": .array(doc.history.map(eventJSON)),
            "tasks": .array(doc.tasks.map { t in
                .object(["id": .string(t.id), "status": .string(t.status.rawValue), "openedAt": .string(t.openedAt.iso8601),
                         "closedAt": t.closedAt.map { .string($0.iso8601) } ?? .null, "evidence": t.evidence.map(JSONValue.string) ?? .null])
            }),
        ])
    }

    static func eventJSON(_ e: Event) -> JSONValue {
        var o: [String: JSONValue] = ["seq": .int(Int64(e.seq)), "event": .string(e.event), "actor": .string(e.actor),
                                      "at": .string(e.at.iso8601), "to": .string(e.to), "hash": .string(e.hash)]
        for key in ["reason", "evidence", "credentialId", "task"] { if let v = e.dataString(key) { o[key] = .string(v) } }
        if !e.note.isEmpty { o["note"] = .string(e.note) }
        return .object(o)
    }

    /// The pack as Markdown, for an auditor.
    public static func markdown(_ doc: ConnectorDocument, chain: Result<LifecycleState, ReplayProblem>) -> String {
        var out = "# Evidence: \(doc.id)\n\n"
        out += "- System: \(doc.spec.system) (\(doc.spec.environment), risk \(doc.spec.risk.rawValue))\n"
        out += "- Owners: business \(doc.spec.owners.business), technical \(doc.spec.owners.technical)\n"
        out += "- State: **\(doc.state)**, \(doc.history.count) events\n"
        switch chain {
        case .success: out += "- Hash chain: verified; head \(doc.headHash)\n"
        case .failure(let p): out += "- Hash chain: **FAILED**: \(p.description)\n"
        }
        out += "\n## History\n\n| # | When | Event | By | Detail |\n|---|---|---|---|---|\n"
        for e in doc.history {
            let detail = ["reason", "evidence", "credentialId", "task"].compactMap { k in e.dataString(k).map { "\(k): \($0)" } } + (e.note.isEmpty ? [] : ["note: \(e.note)"])
            out += "| \(e.seq) | \(e.at) | \(e.event) → \(e.to) | \(e.actor) | \(detail.joined(separator: "; ").replacingOccurrences(of: "|", with: "\\|")) |\n"
        }
        if !doc.tasks.isEmpty {
            out += "\n## Tasks\n\n| Task | Status | Opened | Closed | Evidence |\n|---|---|---|---|---|\n"
            for t in doc.tasks {
                out += "| \(t.id) | \(t.status.rawValue) | \(t.openedAt) | \(t.closedAt?.iso8601 ?? "-") | \((t.evidence ?? "-").replacingOccurrences(of: "|", with: "\\|")) |\n"
            }
        }
        return out
    }
}
