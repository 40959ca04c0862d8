/// The dashboard's bar charts, drawn as inline SVG: the state bar, live connectors by risk,
/// open tasks by age (overdue in red) and findings by OWASP NHI id.
enum DashboardCharts {
    static let states = [StateName.requested, StateName.approved, StateName.active, StateName.reviewDue,
                         StateName.rotated, StateName.decommissioned]

    /// One bar, 100% wide, a segment per state in lifecycle order, with a legend.
    static func stateBar(_ r: EstateReport) -> String {
        let order = states + r.byState.keys.filter { !states.contains($0) }.sorted()
        let parts = order.compactMap { s in r.byState[s].map { (s, $0) } }.filter { $0.1 > 0 }
        guard r.total > 0 else { return "<p class=\"muted\">No connector.</p>" }
        let width = 1000.0, height = 36.0
        var x = 0.0
        var svg = "<svg viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"100%\" role=\"img\" aria-label=\"Connectors by state\">"
        for (state, n) in parts {
            let w = width * Double(n) / Double(r.total)
            svg += "<rect x=\"\(fmt(x))\" y=\"0\" width=\"\(fmt(w))\" height=\"\(Int(height))\" fill=\"\(Dashboard.color(state: state))\"><title>\(ReportText.html(state)): \(n)</title></rect>"
            if w > 28 {
                svg += "<text x=\"\(fmt(x + w / 2))\" y=\"23\" text-anchor=\"middle\" font-size=\"15\" fill=\"#fff\" font-weight=\"600\">\(n)</text>"
            }
            x += w
        }
        svg += "</svg>"
        let legend = parts.map { "<span><i style=\"background:\(Dashboard.color(state: $0.0))\"></i>\(ReportText.html($0.0)) \($0.1)</span>" }.joined()
        return svg + "<div class=\"legend\">\(legend)</div>"
    }

    /// Horizontal bars: live connectors per risk tier.
    static func riskBars(_ r: EstateReport) -> String {
        let rows = Risk.allCases.reversed().map { ($0.rawValue, r.byRisk[$0.rawValue] ?? 0, Dashboard.color(risk: $0.rawValue)) }
        return bars(rows.map { ($0.0, [($0.1, $0.2, "\($0.0): \($0.1)")]) }, label: "Live connectors by risk")
    }

    /// Age buckets of open tasks; the overdue part of each bar in red.
    static func taskAges(_ r: EstateReport) -> String {
        let buckets: [(String, ClosedRange<Int64>)] = [("0–7 days", 0...7), ("8–30 days", 8...30), ("31–90 days", 31...90), ("over 90 days", 91...Int64.max)]
        let rows = buckets.map { name, range -> (String, [(Int, String, String)]) in
            let inBucket = r.openTasks.filter { range.contains($0.ageDays) }
            let late = inBucket.filter(\.overdue).count
            return (name, [(late, "#c9372c", "\(name): \(late) overdue"), (inBucket.count - late, "#6b8fc7", "\(name): \(inBucket.count - late) not yet due")])
        }
        if r.openTasks.isEmpty { return "<p class=\"muted\">No open tasks.</p>" }
        return bars(rows, label: "Open tasks by age")
            + "<div class=\"legend\"><span><i style=\"background:#c9372c\"></i>overdue</span><span><i style=\"background:#6b8fc7\"></i>not yet due</span></div>"
    }

    /// Findings per OWASP NHI id.
    static func findings(_ r: EstateReport) -> String {
        let counts = r.findingsByOWASP
        if counts.isEmpty { return "<p class=\"muted\">No findings: every observed object is declared and in line with its spec.</p>" }
        return bars(counts.map { ($0.id, [($0.count, "#c9372c", "\($0.id): \($0.count)")]) }, label: "Findings by OWASP NHI id", labelWidth: 300)
    }

    /// Stacked horizontal bars with a label column and a count at the end of each bar.
    static func bars(_ rows: [(String, [(Int, String, String)])], label: String, labelWidth: Int = 110) -> String {
        let maxTotal = max(1, rows.map { $0.1.reduce(0) { $0 + $1.0 } }.max() ?? 1)
        let rowHeight = 26, width = 600, barSpace = Double(width - labelWidth - 40)
        var svg = "<svg viewBox=\"0 0 \(width) \(rows.count * rowHeight + 4)\" width=\"100%\" role=\"img\" aria-label=\"\(ReportText.html(label))\">"
        for (i, row) in rows.enumerated() {
            let y = i * rowHeight + 2
            svg += "<text x=\"\(labelWidth - 8)\" y=\"\(y + 16)\" text-anchor=\"end\" font-size=\"12\" fill=\"#1d2430\">\(ReportText.html(row.0))</text>"
            var x = Double(labelWidth)
            var total = 0
            for (n, colour, title) in row.1 where n > 0 {
                let w = barSpace * Double(n) / Double(maxTotal)
                svg += "<rect x=\"\(fmt(x))\" y=\"\(y + 3)\" width=\"\(fmt(w))\" height=\"18\" rx=\"2\" fill=\"\(colour)\"><title>\(ReportText.html(title))</title></rect>"
                x += w
                total += n
            }
            svg += "<text x=\"\(fmt(x + 6))\" y=\"\(y + 16)\" font-size=\"12\" fill=\"#5f6b7a\">\(total)</text>"
        }
        return svg + "</svg>"
    }

    /// A number with at most one decimal, for SVG coordinates.
    static func fmt(_ v: Double) -> String {
        let tenths = Int((v * 10).rounded())
        return tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(abs(tenths % 10))"
    }
}
