/// The estate report as JSON and Markdown: the same facts as the HTML dashboard.
extension EstateReport {
    /// The one-line summary every format opens with.
    public var headline: String {
        var s = "\(asOf ? "As of" : "At") \(now): \(ReportText.count(total, "connector")), \(ReportText.count(openTasks.count, "open task")), \(overdueTaskCount) overdue"
        if !unreadable.isEmpty { s += "; \(ReportText.count(unreadable.count, "file")) could not be read (\(files) connector files in State/)" }
        return s + "."
    }

    static func itemJSON(_ w: WorkItem) -> JSONValue {
        var o: [String: JSONValue] = ["connector": .string(w.connector.rawValue), "what": .string(w.kind.rawValue), "at": .string(w.at.iso8601),
                                      "owner": .string(w.owner)]
        if let t = w.task { o["task"] = .string(t) }
        return .object(o)
    }

    /// The report as one JSON document.
    public func json() -> JSONValue {
        func ints(_ m: [String: Int]) -> JSONValue { .object(m.mapValues { .int(Int64($0)) }) }
        var o: [String: JSONValue] = [
            "now": .string(now.iso8601), "asOf": .bool(asOf), "files": .int(Int64(files)), "connectors": .int(Int64(total)),
            "byState": ints(byState), "byRisk": ints(byRisk),
            "overdue": .array(overdue.map(Self.itemJSON)), "upcoming": .array(upcoming.map(Self.itemJSON)),
            "calendar": .array(calendar.map(Self.itemJSON)),
            "openTasks": .array(openTasks.map { t in
                .object(["connector": .string(t.connector.rawValue), "task": .string(t.task.id), "kind": .string(t.task.kind),
                         "openedAt": .string(t.task.openedAt.iso8601), "dueAt": t.task.dueAt.map { .string($0.iso8601) } ?? .null,
                         "ageDays": .int(t.ageDays), "overdue": .bool(t.overdue), "owner": .string(t.owner)])
            }),
            "reviews": .object(["onTime": .int(Int64(reviews.onTime)), "late": .int(Int64(reviews.late)), "missed": .int(Int64(reviews.missed)),
                                "onTimePercent": reviews.onTimePercent.map { .int(Int64($0)) } ?? .null]),
            "credentials": .array(credentials.map { c in
                .object(["connector": .string(c.connector.rawValue), "issuedAt": .string(c.issuedAt.iso8601), "ageDays": .int(c.ageDays),
                         "rotationPeriodDays": .int(c.periodDays), "overdue": .bool(c.over)])
            }),
            "removal": .object(["proven": .int(Int64(removalProofs.count)),
                                "medianSeconds": medianRemovalSeconds.map { .int($0) } ?? .null]),
            "topOwners": .array(topOwners.map { .object(["email": .string($0.email), "connectors": .int(Int64($0.count))]) }),
            "connectorTable": .array(connectors.map { c in
                .object(["id": .string(c.id.rawValue), "state": .string(c.state), "risk": .string(c.risk), "system": .string(c.system),
                         "owners": .object(["business": .string(c.business), "technical": .string(c.technical)]),
                         "next": c.next.map(Self.itemJSON) ?? .null,
                         "scopes": .array(c.scopes.map(JSONValue.string)), "reaches": .array(c.reaches.map(JSONValue.string)),
                         "bindings": .array(c.bindings.map(JSONValue.string))])
            }),
            "unreadable": .array(unreadable.map { .object(["file": .string($0.file), "message": .string($0.message)]) }),
        ]
        o["departedOwners"] = departed.map { list in
            .array(list.map { .object(["connector": .string($0.connector.rawValue), "role": .string($0.role), "email": .string($0.email)]) })
        } ?? .null
        o["findings"] = findings.map { list in
            .array(list.map { f in
                .object(["kind": .string(f.kind), "connector": f.connector.map { .string($0.rawValue) } ?? .null, "platform": .string(f.platform),
                         "ref": .string(f.ref), "owasp": .string(f.owasp), "severity": .string(f.severity), "message": .string(f.message)])
            })
        } ?? .null
        return .object(o)
    }

    /// Findings counted by OWASP NHI id, in id order.
    public var findingsByOWASP: [(id: String, count: Int)] {
        var m: [String: Int] = [:]
        for f in findings ?? [] { m[f.owasp.isEmpty ? "(none)" : f.owasp, default: 0] += 1 }
        return m.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// The report as Markdown.
    public func markdown() -> String {
        func table(_ header: [String], _ rows: [[String]], empty: String) -> String {
            guard !rows.isEmpty else { return empty + "\n" }
            return "| " + header.joined(separator: " | ") + " |\n|" + header.map { _ in "---|" }.joined() + "\n"
                + rows.map { "| " + $0.map(ReportText.cell).joined(separator: " | ") + " |\n" }.joined()
        }
        var out = "# Steward estate report\n\n\(headline)\n"
        if !unreadable.isEmpty {
            out += "\n## Unreadable files\n\nThese files are not counted anywhere below; fix them first.\n\n"
            out += table(["File", "Problem"], unreadable.map { [$0.file, $0.message] }, empty: "")
        }
        out += "\n## Connectors by state\n\n" + table(["State", "Connectors"], byState.sorted { $0.key < $1.key }.map { [$0.key, "\($0.value)"] }, empty: "None.")
        out += "\n## Live connectors by risk\n\n" + table(["Risk", "Connectors"], Risk.allCases.reversed().map { [$0.rawValue, "\(byRisk[$0.rawValue] ?? 0)"] }, empty: "")
        out += "\n## Overdue\n\nDates already passed.\n\n"
        out += table(["Connector", "What", "Was due", "Owner"], overdue.map { [$0.connector.rawValue, $0.label, $0.at.iso8601, $0.owner] }, empty: "Nothing overdue.")
        out += "\n## Upcoming (next \(EstateReport.upcomingDays) days)\n\n"
        out += table(["Connector", "What", "Due", "Owner"], upcoming.map { [$0.connector.rawValue, $0.label, $0.at.iso8601, $0.owner] }, empty: "Nothing due.")
        out += "\n## Open tasks\n\n"
        out += table(["Task", "Age (days)", "Due", "Overdue", "Owner"], openTasks.map {
            [$0.task.id, "\($0.ageDays)", $0.task.dueAt?.iso8601 ?? "-", $0.overdue ? "yes" : "no", $0.owner]
        }, empty: "No open tasks.")
        out += "\n## Reviews\n\n"
        out += reviews.total == 0 ? "No review has come due yet.\n"
            : "\(reviews.onTimePercent ?? 0)% on time: \(reviews.onTime) on time, \(reviews.late) late, \(reviews.missed) missed (decommissioned for want of a review).\n"
        out += "\n## Credential age\n\n"
        out += table(["Connector", "Issued", "Age (days)", "Rotation period (days)", "Past period"], credentials.map {
            [$0.connector.rawValue, $0.issuedAt.iso8601, "\($0.ageDays)", "\($0.periodDays)", $0.over ? "yes" : "no"]
        }, empty: "No live credential.")
        out += "\n## Proven removal\n\n"
        out += medianRemovalSeconds.map { "Median time from decommission to a closed verify-removal: \(ReportText.days(seconds: $0)) (\(ReportText.count(removalProofs.count, "connector")))." }
            ?? "No decommissioned connector has a closed verify-removal yet."
        out += "\n"
        if let departed {
            out += "\n## Owners who have left\n\n"
            out += table(["Connector", "Role", "Owner"], departed.map { [$0.connector.rawValue, $0.role, $0.email] }, empty: "Every owner of a live connector is still here.")
        }
        out += "\n## Owners with the most connectors\n\n"
        out += table(["Owner", "Live connectors"], topOwners.map { [$0.email, "\($0.count)"] }, empty: "None.")
        if let findings {
            out += "\n## Findings by OWASP NHI id\n\n"
            out += table(["OWASP NHI", "Findings"], findingsByOWASP.map { [$0.id, "\($0.count)"] }, empty: "No findings.")
            if !findings.isEmpty {
                out += "\n" + table(["Severity", "Finding", "Connector", "Platform object", "What"], findings.map {
                    [$0.severity, $0.kind, $0.connector?.rawValue ?? "(none)", "\($0.platform): \($0.ref)", $0.message]
                }, empty: "")
            }
        }
        out += "\n## Connectors\n\n"
        out += table(["Connector", "State", "Risk", "Owners", "Next due", "Scopes", "Reaches"], connectors.map { c in
            [c.id.rawValue, c.state, c.risk, "\(c.business), \(c.technical)", c.next.map { "\($0.label) \($0.at.dateOnly)" } ?? "-",
             ReportText.list(c.scopes), ReportText.list(c.reaches)]
        }, empty: "None.")
        return out
    }
}
