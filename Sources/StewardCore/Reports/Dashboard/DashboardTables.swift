/// The dashboard's tables: dated work, findings, credential ages, owners and every
/// connector with its blast radius. Every value is escaped.
enum DashboardTables {
    static func h(_ s: String) -> String { ReportText.html(s) }

    static func pill(_ text: String, _ colour: String) -> String {
        "<span class=\"pill\" style=\"background:\(colour)\">\(h(text))</span>"
    }

    /// Overdue or upcoming work.
    static func work(_ items: [WorkItem], dateHeader: String, empty: String, overdue: Bool) -> String {
        guard !items.isEmpty else { return "<p class=\"muted\">\(h(empty))</p>" }
        var t = "<table><tr><th>\(h(dateHeader))</th><th>Connector</th><th>What</th><th>Owner</th></tr>"
        for i in items {
            t += "<tr\(overdue ? " class=\"late\"" : "")><td class=\"date\">\(i.at.dateOnly)</td><td><code>\(h(i.connector.rawValue))</code></td><td>\(h(i.task.map { taskLabel($0) } ?? i.kind.rawValue))</td><td>\(h(i.owner))</td></tr>"
        }
        return t + "</table>"
    }

    /// `crm-sync#7-revoke-credential` → `revoke-credential (#7)`.
    static func taskLabel(_ id: String) -> String {
        guard let hash = id.firstIndex(of: "#") else { return id }
        let rest = id[id.index(after: hash)...]
        guard let dash = rest.firstIndex(of: "-") else { return id }
        return "\(rest[rest.index(after: dash)...]) (#\(rest[..<dash]))"
    }

    static func findings(_ r: EstateReport) -> String {
        guard let list = r.findings, !list.isEmpty else { return "" }
        var t = "<details><summary>\(ReportText.count(list.count, "finding"))</summary><table><tr><th>Severity</th><th>Finding</th><th>Connector</th><th>Platform object</th><th>What</th></tr>"
        for f in list {
            t += "<tr><td>\(h(f.severity))</td><td>\(h(f.kind))</td><td><code>\(h(f.connector?.rawValue ?? "(none)"))</code></td><td><code>\(h(f.platform)): \(h(f.ref))</code></td><td class=\"small\">\(h(f.message))</td></tr>"
        }
        return t + "</table></details>"
    }

    static func credentials(_ r: EstateReport) -> String {
        guard !r.credentials.isEmpty else { return "<p class=\"muted\">No live credential.</p>" }
        var t = "<table><tr><th>Connector</th><th>Issued</th><th class=\"num\">Age (days)</th><th>Against period</th></tr>"
        for c in r.credentials {
            let fraction = min(1.0, Double(c.ageDays) / Double(max(1, c.periodDays)))
            let colour = c.over ? "#c9372c" : (fraction > 0.8 ? "#d99a00" : "#2e9b5a")
            let bar = "<svg viewBox=\"0 0 100 10\" width=\"100\" height=\"10\" role=\"img\" aria-label=\"\(c.ageDays) of \(c.periodDays) days\"><rect width=\"100\" height=\"10\" rx=\"2\" fill=\"#eef1f5\"/><rect width=\"\(DashboardCharts.fmt(100 * fraction))\" height=\"10\" rx=\"2\" fill=\"\(colour)\"/></svg>"
            t += "<tr\(c.over ? " class=\"late\"" : "")><td><code>\(h(c.connector.rawValue))</code></td><td class=\"date\">\(c.issuedAt.dateOnly)</td><td class=\"num\">\(c.ageDays)</td><td>\(bar)<span class=\"small muted\">period \(c.periodDays) d</span></td></tr>"
        }
        return t + "</table>"
    }

    static func owners(_ r: EstateReport) -> String {
        var out = ""
        if let departed = r.departed {
            if departed.isEmpty {
                out += "<p>Every owner of a live connector is still here.</p>"
            } else {
                out += "<p class=\"late\">Owners who have left, on live connectors (\(departed.count)):</p><table><tr><th>Connector</th><th>Role</th><th>Owner</th></tr>"
                for d in departed { out += "<tr class=\"late\"><td><code>\(h(d.connector.rawValue))</code></td><td>\(h(d.role))</td><td>\(h(d.email))</td></tr>" }
                out += "</table>"
            }
        } else {
            out += "<p class=\"muted small\">Run with --people FILE to see owners who have left.</p>"
        }
        guard !r.topOwners.isEmpty else { return out + "<p class=\"muted\">No live connector.</p>" }
        out += "<table><tr><th>Owns the most live connectors</th><th class=\"num\">Connectors</th></tr>"
        for o in r.topOwners { out += "<tr><td>\(h(o.email))</td><td class=\"num\">\(o.count)</td></tr>" }
        return out + "</table>"
    }

    static func connectors(_ r: EstateReport) -> String {
        guard !r.connectors.isEmpty else { return "<p class=\"muted\">No connector.</p>" }
        var t = "<table><tr><th>Connector</th><th>State</th><th>Risk</th><th>Owners</th><th>Next due</th><th>Blast radius</th></tr>"
        for c in r.connectors {
            let late = c.next.map { $0.at < r.now } ?? false
            let next = c.next.map { "<span\(late ? " class=\"late\"" : "")>\($0.at.dateOnly)</span><br><span class=\"small muted\">\(h($0.task.map(taskLabel) ?? $0.kind.rawValue))</span>" } ?? "<span class=\"muted\">–</span>"
            var radius = "<div class=\"scopes small\"><b>scopes</b> \(h(ReportText.list(c.scopes)))<br><b>reaches</b> \(h(ReportText.list(c.reaches)))"
            if !c.bindings.isEmpty { radius += "<br><b>bindings</b> \(h(ReportText.list(c.bindings)))" }
            radius += "</div>"
            t += "<tr><td><code>\(h(c.id.rawValue))</code><br><span class=\"small muted\">\(h(c.system))</span></td>"
                + "<td>\(pill(c.state, Dashboard.color(state: c.state)))</td><td>\(pill(c.risk, Dashboard.color(risk: c.risk)))</td>"
                + "<td class=\"small\">\(h(c.business))<br>\(h(c.technical))</td><td>\(next)</td><td>\(radius)</td></tr>"
        }
        return t + "</table>"
    }
}
