/// The dashboard's 90-day calendar: one column per week, one cell per day, coloured by what
/// falls due that day (review, rotation, temporary window ending), with the list below.
enum DashboardCalendar {
    static let colours: [WorkKind: String] = [.review: "#4c7fd9", .rotation: "#7a5cc4", .windowEnd: "#e07b00"]
    static let names: [WorkKind: String] = [.review: "review", .rotation: "rotation", .windowEnd: "window ends"]

    /// 1970-01-01T00:00:00Z, day 0 of the calendar's day numbers.
    static let epoch = Timestamp(seconds: 0)

    /// Days since 1970-01-01 (UTC) of `t`.
    static func day(_ t: Timestamp) -> Int64 { epoch.days(until: t) }

    /// 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday).
    static func weekday(_ day: Int64) -> Int64 { ((day + 3) % 7 + 7) % 7 }

    static func svg(_ r: EstateReport) -> String {
        let first = day(r.now), last = first + EstateReport.calendarDays
        let start = first - weekday(first)  // the Monday of this week
        let weeks = Int((last - start) / 7) + 1
        var byDay: [Int64: [WorkItem]] = [:]
        for item in r.calendar { byDay[day(item.at), default: []].append(item) }
        let cell = 18, gap = 3, left = 34, top = 22
        let width = left + weeks * (cell + gap) + 4, height = top + 7 * (cell + gap) + 2
        var svg = "<svg viewBox=\"0 0 \(width) \(height)\" width=\"100%\" role=\"img\" aria-label=\"Calendar of the next \(EstateReport.calendarDays) days\">"
        for (i, name) in ["Mon", "Wed", "Fri", "Sun"].enumerated() {
            svg += "<text x=\"0\" y=\"\(top + i * 2 * (cell + gap) + 13)\" font-size=\"10\" fill=\"#5f6b7a\">\(name)</text>"
        }
        for w in 0..<weeks {
            let x = left + w * (cell + gap)
            // A month's name over the week holding its 1st (and over the first week).
            let days = (0..<7).map { start + Int64(w * 7 + $0) }
            // (Not over the first week when the next month starts a week later: the names would touch.)
            let firstLabel: Int64? = Timestamp.civil(fromDays: first).2 <= 21 ? first : nil
            if let labelled = w == 0 ? firstLabel : days.first(where: { Timestamp.civil(fromDays: $0).2 == 1 }) {
                let month = Timestamp.civil(fromDays: labelled).1
                svg += "<text x=\"\(x)\" y=\"12\" font-size=\"10\" fill=\"#5f6b7a\">\(monthNames[Int(month - 1)])</text>"
            }
            for d in 0..<7 {
                let date = start + Int64(w * 7 + d)
                let y = top + d * (cell + gap)
                let items = byDay[date] ?? []
                let inRange = date >= first && date <= last
                var fill = inRange ? "#eef1f5" : "#fafbfc"
                if let kind = WorkKind.allCases.first(where: { k in items.contains { $0.kind == k } && colours[k] != nil }) { fill = colours[kind]! }
                let stroke = date == first ? " stroke=\"#1d2430\" stroke-width=\"1.5\"" : ""
                let dateText = epoch.adding(.days(date)).dateOnly
                let title = items.isEmpty ? dateText : dateText + ": " + items.map { "\($0.connector) \(names[$0.kind] ?? $0.kind.rawValue)" }.joined(separator: ", ")
                svg += "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(cell)\" height=\"\(cell)\" rx=\"3\" fill=\"\(fill)\"\(stroke)><title>\(ReportText.html(title))</title></rect>"
                if items.count > 1 {
                    svg += "<text x=\"\(x + cell / 2)\" y=\"\(y + 13)\" text-anchor=\"middle\" font-size=\"10\" fill=\"#fff\" font-weight=\"600\">\(items.count)</text>"
                }
            }
        }
        svg += "</svg>"
        let legend = [WorkKind.review, .rotation, .windowEnd].map { "<span><i style=\"background:\(colours[$0]!)\"></i>\(names[$0]!)</span>" }.joined()
        return svg + "<div class=\"legend\">\(legend)<span><i style=\"background:#fff;border:1.5px solid #1d2430\"></i>today</span></div>"
    }

    /// The calendar's items as a compact table, so the page says in words what the grid shows.
    static func list(_ r: EstateReport) -> String {
        guard !r.calendar.isEmpty else { return "<p class=\"muted\">Nothing falls due in the next \(EstateReport.calendarDays) days.</p>" }
        var t = "<details\(r.calendar.count <= 40 ? " open" : "")><summary>\(ReportText.count(r.calendar.count, "date")) in the next \(EstateReport.calendarDays) days</summary><table><tr><th>Date</th><th>Connector</th><th>What</th><th>Owner</th></tr>"
        for item in r.calendar {
            t += "<tr><td class=\"date\">\(item.at.dateOnly)</td><td><code>\(ReportText.html(item.connector.rawValue))</code></td><td><i style=\"display:inline-block;width:9px;height:9px;border-radius:2px;background:\(colours[item.kind] ?? "#999")\"></i> \(ReportText.html(names[item.kind] ?? item.kind.rawValue))</td><td>\(ReportText.html(item.owner))</td></tr>"
        }
        return t + "</table></details>"
    }

    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
}
