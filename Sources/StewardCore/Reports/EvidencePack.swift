/// The evidence pack as an auditor reads it: Markdown (also the text format) and JSON.
public enum EvidencePack {
    // MARK: JSON

    static func commitJSON(_ c: EventCommit?) -> JSONValue {
        guard let c else { return .null }
        return .object(["sha": .string(c.sha), "author": .string(c.author), "authorEmail": .string(c.authorEmail),
                        "date": .string(c.date.iso8601), "subject": .string(c.subject),
                        "pullRequest": c.pullRequest.map { .int(Int64($0)) } ?? .null])
    }

    static func entryJSON(_ x: Evidence.Entry) -> [String: JSONValue] {
        let e = x.event
        var o: [String: JSONValue] = ["seq": .int(Int64(e.seq)), "event": .string(e.event), "actor": .string(e.actor),
                                      "at": .string(e.at.iso8601), "from": e.from.map(JSONValue.string) ?? .null,
                                      "to": .string(e.to), "hash": .string(e.hash), "commit": commitJSON(x.commit)]
        for key in ["reason", "evidence", "credentialId", "task", "secretRef"] { if let v = e.dataString(key) { o[key] = .string(v) } }
        if !e.note.isEmpty { o["note"] = .string(e.note) }
        return o
    }

    static func specJSON(_ s: Spec?) -> JSONValue {
        guard let s else { return .null }
        var o: [String: JSONValue] = [
            "system": .string(s.system), "purpose": .string(s.purpose), "kind": .string(s.kind), "environment": .string(s.environment),
            "risk": .string(s.risk.rawValue), "scopes": .array(s.scopes.map(JSONValue.string)), "reaches": .array(s.reaches.map(JSONValue.string)),
            "bindings": .array(s.bindings.map { .object(["platform": .string($0.platform), "ref": .string($0.ref)]) }),
            "owners": .object(["business": .string(s.owners.business), "technical": .string(s.owners.technical)]),
        ]
        o["until"] = s.until.map { .string($0.iso8601) } ?? .null
        o["secretRef"] = s.secretRef.map(JSONValue.string) ?? .null
        return .object(o)
    }

    /// The pack as one JSON document.
    public static func json(_ ev: Evidence) -> JSONValue {
        let d = ev.doc
        var chain: [String: JSONValue] = ["ok": .bool(ev.chainVerified), "headHash": .string(d.headHash), "events": .int(Int64(d.history.count))]
        if let p = ev.chainProblem { chain["problem"] = .string(p) }
        return .object([
            "connector": .string(d.id.rawValue), "state": .string(d.state), "system": .string(d.spec.system), "workflow": .string(d.workflow),
            "now": .string(ev.now.iso8601), "spec": specJSON(d.spec),
            "owners": .object(["business": .string(d.spec.owners.business), "technical": .string(d.spec.owners.technical)]),
            "chain": .object(chain),
            "git": ev.gitUnavailable.map { .object(["available": .bool(false), "reason": .string($0)]) } ?? .object(["available": .bool(true)]),
            "approvals": .array(ev.approvals.map { a in
                var o = entryJSON(a.entry)
                o["approvedSpec"] = specJSON(a.spec)
                o["completesRound"] = a.completesRound.map(JSONValue.bool) ?? .null
                o["reapproval"] = .bool(a.reapproval)
                return .object(o)
            }),
            "amends": .array(ev.amends.map { a in
                var o = entryJSON(a.entry)
                o["added"] = .array(a.added.map(JSONValue.string))
                o["removed"] = .array(a.removed.map(JSONValue.string))
                o["changed"] = .array(a.changed.map(JSONValue.string))
                o["widening"] = .bool(a.widening)
                return .object(o)
            }),
            "reviews": .array(ev.reviews.map { r in
                var o = entryJSON(r.entry)
                o["dueAt"] = r.due.map { .string($0.iso8601) } ?? .null
                o["verdict"] = .string(r.verdict)
                return .object(o)
            }),
            "credentialChanges": .array(ev.credentialChanges.map { .object(entryJSON($0)) }),
            "ending": ev.ending.map { .object(entryJSON($0)) } ?? .null,
            "events": .array(ev.events.map { .object(entryJSON($0)) }),
            "tasks": .array(ev.tasks.map { t in
                .object(["id": .string(t.task.id), "kind": .string(t.task.kind), "status": .string(t.task.status.rawValue),
                         "openedAt": .string(t.task.openedAt.iso8601), "dueAt": t.task.dueAt.map { .string($0.iso8601) } ?? .null,
                         "closedAt": t.task.closedAt.map { .string($0.iso8601) } ?? .null,
                         "evidence": t.task.evidence.map(JSONValue.string) ?? .null, "timeliness": .string(t.timeliness),
                         "closedBy": t.closedBy.map { .object(["seq": .int(Int64($0.event.seq)), "actor": .string($0.event.actor),
                                                               "commit": commitJSON($0.commit)]) } ?? .null])
            }),
        ])
    }

    // MARK: Markdown

    static func commitText(_ c: EventCommit?, git: Bool) -> String {
        guard git else { return "-" }
        guard let c else { return "not committed" }
        return "`\(c.sha.prefix(12))` \(c.authorEmail) \(c.date.iso8601)" + (c.pullRequest.map { " PR #\($0)" } ?? "")
    }

    static func specLines(_ s: Spec) -> String {
        var out = "  - scopes: \(ReportText.list(s.scopes))\n  - reaches: \(ReportText.list(s.reaches))\n"
        out += "  - bindings: \(ReportText.list(s.bindings.map(\.text)))\n"
        out += "  - environment: \(s.environment); risk: \(s.risk.rawValue); kind: \(s.kind)\n"
        out += "  - owners: business \(s.owners.business), technical \(s.owners.technical)\n"
        if let u = s.until { out += "  - until: \(u)\n" }
        return out
    }

    /// The pack as Markdown, for an auditor.
    public static func markdown(_ ev: Evidence) -> String {
        let d = ev.doc, git = ev.gitUnavailable == nil
        func who(_ x: Evidence.Entry) -> String {
            "\(x.event.actor) at \(x.event.at)" + (git ? " (commit \(commitText(x.commit, git: true)))" : "")
        }
        var out = "# Evidence: \(d.id)\n\n"
        out += "- System: \(d.spec.system) (\(d.spec.environment), risk \(d.spec.risk.rawValue)); purpose: \(d.spec.purpose)\n"
        out += "- Owners: business \(d.spec.owners.business), technical \(d.spec.owners.technical)\n"
        out += "- State: **\(d.state)** (workflow \(d.workflow)), \(d.history.count) events\n"
        if let p = ev.chainProblem { out += "- Hash chain: **FAILED**: \(p)\n" } else { out += "- Hash chain: verified; head \(d.headHash)\n" }
        out += "- Commits: " + (ev.gitUnavailable.map { "not shown (\($0))" } ?? "each event's commit, from git") + "\n"

        out += "\n## Approvals\n\n"
        if ev.approvals.isEmpty { out += "Never approved.\n" }
        for a in ev.approvals {
            let round = a.completesRound.map { $0 ? "completes the approval" : "first of two approvals (high risk)" } ?? "approval"
            out += "- Event \(a.entry.event.seq), \(a.reapproval ? "re-approval of a widening" : round), by \(who(a.entry))\(a.entry.event.note.isEmpty ? "" : "; note: \(a.entry.event.note)")\n"
            out += a.spec.map { "  approved this spec:\n" + specLines($0).split(separator: "\n").map { "  \($0)\n" }.joined() } ?? "  (the spec could not be read)\n"
        }
        if !ev.amends.isEmpty {
            out += "\n## Amendments\n\n"
            for a in ev.amends {
                out += "- Event \(a.entry.event.seq) by \(who(a.entry)): \(a.widening ? "**widening** (needs a new approval)" : "narrowing or neutral")\n"
                if !a.added.isEmpty { out += "  - added: \(a.added.joined(separator: ", "))\n" }
                if !a.removed.isEmpty { out += "  - removed: \(a.removed.joined(separator: ", "))\n" }
                for c in a.changed { out += "  - changed \(c)\n" }
            }
        }
        out += "\n## Credentials\n\n"
        if ev.credentialChanges.isEmpty { out += "No credential was issued.\n" }
        for c in ev.credentialChanges {
            let e = c.event
            let what = [e.dataString("credentialId").map { "credential \($0)" }, e.dataString("evidence").map { "evidence: \($0)" }].compactMap { $0 }
            out += "- \(e.event) (event \(e.seq)) by \(who(c))" + (what.isEmpty ? "" : ": " + what.joined(separator: "; ")) + "\n"
        }
        out += "\n## Reviews\n\n"
        if ev.reviews.isEmpty { out += "No review has been done or missed.\n" }
        for r in ev.reviews {
            out += "- \(r.entry.event.event) (event \(r.entry.event.seq)) by \(who(r.entry)): **\(r.verdict)**" + (r.due.map { " (was due \($0))" } ?? "") + "\n"
        }
        out += "\n## How it ended\n\n"
        if let end = ev.ending {
            out += "\(end.event.event) (event \(end.event.seq)) by \(who(end))" + (end.event.dataString("reason").map { ": \($0)" } ?? "") + "\n"
        } else {
            out += "It has not ended: it is \(d.state).\n"
        }
        if !ev.tasks.isEmpty {
            out += "\n## Tasks\n\n| Task | Status | Due | Closed | In time | Evidence |\n|---|---|---|---|---|---|\n"
            for t in ev.tasks {
                let cells = [t.task.id, t.task.status.rawValue, t.task.dueAt?.iso8601 ?? "-", t.task.closedAt?.iso8601 ?? "-", t.timeliness,
                             (t.task.evidence ?? "-") + (t.closedBy.map { " (by \($0.event.actor), event \($0.event.seq))" } ?? "")]
                out += "| " + cells.map(ReportText.cell).joined(separator: " | ") + " |\n"
            }
        }
        out += "\n## History\n\n| # | When | Event | By | Commit | Detail |\n|---|---|---|---|---|---|\n"
        for x in ev.events {
            let e = x.event
            let detail = ["reason", "evidence", "credentialId", "task"].compactMap { k in e.dataString(k).map { "\(k): \($0)" } } + (e.note.isEmpty ? [] : ["note: \(e.note)"])
            let cells = [String(e.seq), e.at.iso8601, "\(e.event) → \(e.to)", e.actor, commitText(x.commit, git: git), detail.joined(separator: "; ")]
            out += "| " + cells.map(ReportText.cell).joined(separator: " | ") + " |\n"
        }
        return out
    }
}
