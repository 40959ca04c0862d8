import XCTest
@testable import StewardCore

/// The HTML dashboard: self-contained, escaped, every connector present, the sections the
/// report promises. (`make browser`, scripts/browser-test.py, renders it in a real browser.)
final class DashboardTests: XCTestCase {
    typealias F = Fixture

    func page(findings: [Finding]? = nil, unreadable: [UnreadableFile] = []) throws -> (String, EstateReport) {
        let hostile = try ConnectorBuilder.active("crm-sync", at: "2026-01-02T09:00:00Z", spec: F.spec(risk: .high, business: "dana@x.example",
                                                            scopes: ["<script>alert(1)</script>", "read:\"Account\"&'x'"],
                                                            reaches: ["<img src=x onerror=alert(2)>"]))
        var gone = try ConnectorBuilder.active("old-etl", at: "2026-01-02T09:00:00Z", spec: F.spec())
        try gone.decommission(at: "2026-02-01T00:00:00Z")
        let temp = try ConnectorBuilder.active("mig", at: "2026-01-02T09:00:00Z", spec: F.spec(until: F.t("2026-03-01T00:00:00Z")), workflow: F.temporary)
        let entries = [hostile.document, gone.document, temp.document].map { EstateReport.Entry(doc: $0, workflow: F.standard) }
        let r = EstateReport.build(entries, files: 3 + unreadable.count, unreadable: unreadable, now: F.t("2026-02-10T00:00:00Z"), findings: findings)
        return (Dashboard.html(r), r)
    }

    /// Calendar days are whole UTC days from 1970-01-01, rounded down (before 1970 too).
    func testCalendarDaysAreWholeUTCDays() {
        XCTAssertEqual([-86_401, -1, 0, 86_399, 86_400].map { DashboardCalendar.day(Timestamp(seconds: $0)) }, [-2, -1, 0, 0, 1])
        XCTAssertEqual(DashboardCalendar.day(F.t("2026-01-05T23:59:59Z")), 20_458)
        XCTAssertEqual(DashboardCalendar.weekday(20_458), 0, "2026-01-05 is a Monday")
    }

    func testTheDashboardIsOneSelfContainedPage() throws {
        let (html, _) = try page()
        XCTAssertTrue(html.hasPrefix("<!doctype html>"))
        XCTAssertTrue(html.contains("<style>") && html.contains("@media print") && html.contains("size:A4"))
        XCTAssertTrue(html.contains("Content-Security-Policy\" content=\"default-src 'none'"))
        for banned in ["<script", "<link rel=\"stylesheet\"", "src=\"http", "href=\"http", "url(", "@import"] {
            XCTAssertFalse(html.contains(banned), "the page must fetch nothing: found \(banned)")
        }
        XCTAssertGreaterThanOrEqual(html.components(separatedBy: "<svg").count - 1, 4, "state bar, risk, task ages, calendar")
    }

    func testEveryValueFromAFileIsEscaped() throws {
        let (html, _) = try page()
        XCTAssertFalse(html.contains("<script>alert(1)"), "a scope must not become markup")
        XCTAssertFalse(html.contains("<img src=x"), "a reach must not become markup")
        XCTAssertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        XCTAssertTrue(html.contains("read:&quot;Account&quot;&amp;&#39;x&#39;"))
        XCTAssertEqual(ReportText.html("a\u{0}b\u{1B}c"), "a\u{FFFD}b\u{FFFD}c")
    }

    func testEveryConnectorAndSectionAppears() throws {
        let (html, r) = try page()
        for id in ["crm-sync", "old-etl", "mig"] { XCTAssertTrue(html.contains("<code>\(id)</code>"), id) }
        for section in ["id=\"states\"", "id=\"calendar\"", "id=\"task-ages\"", "id=\"overdue\"", "id=\"upcoming\"", "id=\"connectors\"", "id=\"credentials\"", "id=\"owners\""] {
            XCTAssertTrue(html.contains(section), section)
        }
        XCTAssertFalse(html.contains("id=\"findings\""), "findings only with --observed")
        // The temporary window ends on 03-01: inside the 90-day calendar, and a window-end item.
        XCTAssertTrue(r.calendar.contains { $0.connector == "mig" && $0.kind == .windowEnd })
        XCTAssertTrue(html.contains("2026-03-01: mig window ends"), "the calendar cell names what falls due")
        // Overdue rows are red.
        XCTAssertTrue(html.contains("<tr class=\"late\"><td class=\"date\">2026-02-01</td><td><code>crm-sync</code></td><td>review</td>"), html)
    }

    func testFindingsByOWASPIdWithObserved() throws {
        let f = Finding(kind: "unmanaged", connector: nil, platform: "aws", ref: "<b>shadow</b>", severity: "high", message: "observed but no connector binds it", contact: [])
        let (html, r) = try page(findings: [f, f])
        XCTAssertEqual(r.findingsByOWASP.map(\.id), ["NHI1:2025 Improper Offboarding"])
        XCTAssertEqual(r.findingsByOWASP.map(\.count), [2])
        XCTAssertTrue(html.contains("id=\"findings\""))
        XCTAssertTrue(html.contains("NHI1:2025 Improper Offboarding: 2"))
        XCTAssertFalse(html.contains("<b>shadow"))
        XCTAssertTrue(r.markdown().contains("| NHI1:2025 Improper Offboarding | 2 |"))
    }

    func testAnUnreadableFileIsShownAtTheTop() throws {
        let (html, _) = try page(unreadable: [UnreadableFile(file: "State/bad.json", message: "State/bad.json: 3:1: <not JSON>")])
        let alert = try XCTUnwrap(html.range(of: "<section class=\"alert\" id=\"unreadable\">"))
        XCTAssertLessThan(alert.lowerBound, try XCTUnwrap(html.range(of: "id=\"states\"")).lowerBound)
        XCTAssertTrue(html.contains("State/ holds 4 connector files; the figures below count only the 3 that could be used"))
        XCTAssertTrue(html.contains("&lt;not JSON&gt;"))
    }
}
