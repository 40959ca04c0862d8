/// The estate report as one self-contained HTML page: inline CSS, inline SVG charts drawn
/// here, no script, no font, no image and no link that would fetch anything (a
/// Content-Security-Policy forbids it too). Every text from a file is escaped.
public enum Dashboard {
    /// The page.
    public static func html(_ r: EstateReport) -> String {
        var body = header(r)
        body += cards(r)
        body += section("Connectors by state", id: "states", DashboardCharts.stateBar(r))
        body += "<div class=\"grid2\">"
        body += section("Live connectors by risk", id: "risk", DashboardCharts.riskBars(r))
        body += section("Open tasks by age", id: "task-ages", DashboardCharts.taskAges(r))
        body += "</div>"
        body += section("Next \(EstateReport.calendarDays) days: reviews, rotations, windows ending", id: "calendar", "<div class=\"cal\"><div>" + DashboardCalendar.svg(r) + "</div><div>" + DashboardCalendar.list(r) + "</div></div>")
        body += "<div class=\"grid2\">"
        body += section("Overdue", id: "overdue", DashboardTables.work(r.overdue, dateHeader: "Was due", empty: "Nothing overdue.", overdue: true))
        body += section("Upcoming (next \(EstateReport.upcomingDays) days)", id: "upcoming", DashboardTables.work(r.upcoming, dateHeader: "Due", empty: "Nothing due.", overdue: false))
        body += "</div>"
        if r.findings != nil { body += section("Findings by OWASP NHI id", id: "findings", DashboardCharts.findings(r) + DashboardTables.findings(r)) }
        body += "<div class=\"grid2\">"
        body += section("Credential age against rotation period", id: "credentials", DashboardTables.credentials(r))
        body += section("Owners", id: "owners", DashboardTables.owners(r))
        body += "</div>"
        body += section("Every connector", id: "connectors", DashboardTables.connectors(r))
        body += "<footer>Written by steward from the connector histories in State/. Dates are UTC.</footer>"
        return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            + "<link rel=\"icon\" href=\"data:,\"><title>Steward estate report \(ReportText.html(r.now.dateOnly))</title>"
            + "<style>\(css)</style></head><body>\n\(body)\n</body></html>\n"
    }

    static func section(_ title: String, id: String, _ content: String) -> String {
        "<section id=\"\(id)\"><h2>\(ReportText.html(title))</h2>\(content)</section>\n"
    }

    static func header(_ r: EstateReport) -> String {
        var h = "<header><h1>Steward estate report</h1><p class=\"sub\">\(ReportText.html(r.headline))</p></header>\n"
        if !r.unreadable.isEmpty {
            h += "<section class=\"alert\" id=\"unreadable\"><h2>\(ReportText.count(r.unreadable.count, "file")) could not be read</h2>"
            h += "<p>State/ holds \(r.files) connector files; the figures below count only the \(r.total) that could be used. Fix these first:</p><ul>"
            for u in r.unreadable { h += "<li><code>\(ReportText.html(u.file))</code>: \(ReportText.html(u.message))</li>" }
            h += "</ul></section>\n"
        }
        return h
    }

    static func cards(_ r: EstateReport) -> String {
        let live = r.byRisk.values.reduce(0, +)  // byRisk counts the live connectors only
        let overdueCredentials = r.credentials.filter(\.over).count
        var c: [(String, String, String, Bool)] = [
            ("Connectors", "\(r.total)", "\(live) live", false),
            ("Open tasks", "\(r.openTasks.count)", "\(r.overdueTaskCount) overdue", r.overdueTaskCount > 0),
            ("Overdue work", "\(r.overdue.count)", "dates already passed", !r.overdue.isEmpty),
            ("Reviews on time", r.reviews.onTimePercent.map { "\($0)%" } ?? "–", "\(r.reviews.onTime) of \(r.reviews.total)", (r.reviews.onTimePercent ?? 100) < 80),
            ("Credentials past rotation", "\(overdueCredentials)", "of \(r.credentials.count) live", overdueCredentials > 0),
            ("Decommission → removal proven", r.medianRemovalSeconds.map { ReportText.days(seconds: $0) } ?? "–", "median of \(r.removalProofs.count)", false),
        ]
        if let d = r.departed { c.append(("Owners who left", "\(d.count)", "on live connectors", !d.isEmpty)) }
        if !r.unreadable.isEmpty { c.append(("Unreadable files", "\(r.unreadable.count)", "of \(r.files) in State/", true)) }
        return "<div class=\"cards\">" + c.map { title, value, note, bad in
            "<div class=\"card\(bad ? " bad" : "")\"><div class=\"k\">\(ReportText.html(title))</div><div class=\"v\">\(ReportText.html(value))</div><div class=\"n\">\(ReportText.html(note))</div></div>"
        }.joined() + "</div>\n"
    }

    /// State → colour, shared by the bar and the table.
    static func color(state: String) -> String {
        switch state {
        case StateName.requested: return "#8a94a6"
        case StateName.approved: return "#4c7fd9"
        case StateName.active: return "#2e9b5a"
        case StateName.reviewDue: return "#d99a00"
        case StateName.rotated: return "#7a5cc4"
        case StateName.decommissioned: return "#b8bec7"
        default: return "#5f6b7a"
        }
    }

    /// Risk → colour.
    static func color(risk: String) -> String {
        switch risk {
        case "high": return "#c9372c"
        case "medium": return "#d99a00"
        default: return "#2e9b5a"
        }
    }

    static let css = """
    :root{--fg:#1d2430;--muted:#5f6b7a;--line:#dde2e8;--bg:#f5f7fa;--red:#c9372c}
    *{box-sizing:border-box}
    body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);background:var(--bg);margin:0;padding:24px 32px;max-width:1280px;margin:0 auto}
    h1{font-size:24px;margin:0}h2{font-size:15px;margin:0 0 10px;color:#2b3545;text-transform:none}
    header{margin-bottom:16px}.sub{color:var(--muted);margin:4px 0 0}
    section{background:#fff;border:1px solid var(--line);border-radius:8px;padding:14px 16px;margin:0 0 16px;min-width:0}
    .grid2{display:grid;grid-template-columns:1fr 1fr;gap:16px}.grid2>section{margin:0 0 16px}
    .alert{border-color:var(--red);background:#fdf0ef}.alert h2{color:var(--red)}
    .cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:12px;margin-bottom:16px}
    .card{background:#fff;border:1px solid var(--line);border-radius:8px;padding:10px 12px}
    .card .k{color:var(--muted);font-size:12px}.card .v{font-size:24px;font-weight:600}.card .n{color:var(--muted);font-size:12px}
    .card.bad{border-color:var(--red)}.card.bad .v{color:var(--red)}
    table{border-collapse:collapse;width:100%;font-size:13px}
    th,td{text-align:left;padding:5px 8px;border-bottom:1px solid var(--line);vertical-align:top}
    th{font-weight:600;color:var(--muted);font-size:12px;background:#fafbfc}
    td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
    tr.late td{color:var(--red)}span.late,p.late{color:var(--red);font-weight:600}td.date{white-space:nowrap}
    .cal{display:grid;grid-template-columns:minmax(0,440px) 1fr;gap:24px;align-items:start}.cal svg{max-width:440px}
    .pill{display:inline-block;padding:0 7px;border-radius:9px;color:#fff;font-size:12px;white-space:nowrap}
    .muted{color:var(--muted)}.small{font-size:12px}code{font-size:12px}
    .scopes{max-width:320px;word-break:break-word}
    svg{display:block;max-width:100%;height:auto}svg text{font-family:inherit}
    .legend{display:flex;flex-wrap:wrap;gap:12px;font-size:12px;color:var(--muted);margin-top:6px}
    .legend i{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:4px;vertical-align:-1px}
    details summary{cursor:pointer;color:var(--muted);font-size:12px;margin-top:6px}
    footer{color:var(--muted);font-size:12px;margin-top:8px}
    @media (max-width:800px){.grid2,.cal{grid-template-columns:1fr}body{padding:12px}}
    @media print{@page{size:A4;margin:12mm}body{background:#fff;padding:0;font-size:10pt;max-width:none}
    section,.card{border-color:#bbb;break-inside:avoid}.cal{grid-template-columns:300px 1fr}.grid2{display:block}.cards{grid-template-columns:repeat(4,1fr)}
    details{display:block}details>*{display:block}table{font-size:9pt}th{background:none}
    *{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
    """
}
