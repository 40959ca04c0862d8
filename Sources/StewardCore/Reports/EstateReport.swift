/// A summary of the estate for people: counts by state and risk, overdue and open tasks,
/// what falls due in the next 30 days. JSON, Markdown or a self-contained HTML page.
public struct EstateReport: Sendable {
    public var now: Timestamp
    public var byState: [String: Int] = [:]
    public var byRisk: [String: Int] = [:]
    public var overdueTasks: [(connector: String, task: ConnectorTask)] = []
    public var openTasks = 0
    public var upcoming: [(connector: String, what: String, at: Timestamp)] = []
    public var unreadable: [String] = []
    public var total = 0

    /// Builds the report from the connectors read.
    public init(docs: [ConnectorDocument], unreadable: [String], now: Timestamp) {
        self.now = now
        self.unreadable = unreadable
        total = docs.count
        let horizon = now.adding(.days(30))
        for d in docs {
            byState[d.state, default: 0] += 1
            if d.state != StateName.decommissioned { byRisk[d.spec.risk.rawValue, default: 0] += 1 }
            for t in d.openTasks {
                openTasks += 1
                if let due = t.dueAt, due < now { overdueTasks.append((d.id, t)) }
            }
            for (what, t) in [("review", d.due.review), ("rotation", d.due.rotation), ("approval", d.due.approval), ("until", d.due.until)] {
                if let t, t <= horizon { upcoming.append((d.id, what, t)) }
            }
        }
        overdueTasks.sort { ($0.task.dueAt?.seconds ?? 0, $0.task.id) < ($1.task.dueAt?.seconds ?? 0, $1.task.id) }
        upcoming.sort { ($0.at, $0.connector, $0.what) < ($1.at, $1.connector, $1.what) }
    }

    public func json() -> JSONValue {
        .object([
            "now": .string(now.iso8601), "connectors": .int(Int64(total)), "openTasks": .int(Int64(openTasks)),
            "byState": .object(byState.mapValues { .int(Int64($0)) }), "byRisk": .object(byRisk.mapValues { .int(Int64($0)) }),
            "overdueTasks": .array(overdueTasks.map { .object(["connector": .string($0.connector), "task": .string($0.task.id),
                                                               "dueAt": .string($0.task.dueAt?.iso8601 ?? "")]) }),
            "upcoming": .array(upcoming.map { .object(["connector": .string($0.connector), "what": .string($0.what), "at": .string($0.at.iso8601)]) }),
            "unreadable": .array(unreadable.map(JSONValue.string)),
        ])
    }

    public func markdown() -> String {
        var out = "# Steward estate report\n\nAt \(now): \(total) connectors, \(openTasks) open tasks, \(overdueTasks.count) overdue.\n\n## By state\n\n| State | Connectors |\n|---|---|\n"
        for (s, n) in byState.sorted(by: { $0.key < $1.key }) { out += "| \(s) | \(n) |\n" }
        out += "\n## Live connectors by risk\n\n| Risk | Connectors |\n|---|---|\n"
        for r in Risk.allCases.reversed() { out += "| \(r.rawValue) | \(byRisk[r.rawValue] ?? 0) |\n" }
        out += "\n## Overdue tasks\n\n"
        out += overdueTasks.isEmpty ? "None.\n" : "| Task | Due |\n|---|---|\n" + overdueTasks.map { "| \($0.task.id) | \($0.task.dueAt?.iso8601 ?? "-") |\n" }.joined()
        out += "\n## Due in the next 30 days\n\n"
        out += upcoming.isEmpty ? "Nothing.\n" : "| Connector | What | When |\n|---|---|---|\n" + upcoming.map { "| \($0.connector) | \($0.what) | \($0.at) |\n" }.joined()
        if !unreadable.isEmpty { out += "\n## Unreadable files\n\n" + unreadable.map { "- \($0)\n" }.joined() }
        return out
    }

    public func html() -> String {
        func esc(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        }
        var body = "<h1>Steward estate report</h1><p>At \(now): \(total) connectors, \(openTasks) open tasks, \(overdueTasks.count) overdue.</p>"
        body += "<h2>By state</h2><table><tr><th>State</th><th>Connectors</th></tr>"
        for (s, n) in byState.sorted(by: { $0.key < $1.key }) { body += "<tr><td>\(esc(s))</td><td>\(n)</td></tr>" }
        body += "</table><h2>Overdue tasks</h2><table><tr><th>Task</th><th>Due</th></tr>"
        for o in overdueTasks { body += "<tr><td>\(esc(o.task.id))</td><td>\(o.task.dueAt?.iso8601 ?? "-")</td></tr>" }
        body += "</table><h2>Due in the next 30 days</h2><table><tr><th>Connector</th><th>What</th><th>When</th></tr>"
        for u in upcoming { body += "<tr><td>\(esc(u.connector))</td><td>\(u.what)</td><td>\(u.at)</td></tr>" }
        body += "</table>"
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>Steward estate report</title><style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px}</style></head><body>\(body)</body></html>\n"
    }
}
