/// One message per technical owner: their overdue and open tasks and the reviews coming
/// due, so a person gets one mail instead of one per task. Pure.
public struct OwnerDigest: Sendable {
    /// One owner's section.
    public struct Section: Sendable {
        public var owner: String
        /// Open tasks past their due date, oldest due first.
        public var overdue: [(connector: ConnectorID, task: ConnectorTask)] = []
        /// Open tasks not yet due.
        public var open: [(connector: ConnectorID, task: ConnectorTask)] = []
        /// Live connectors whose review date lies within the horizon or has passed.
        public var reviews: [(connector: ConnectorID, due: Timestamp)] = []
    }

    public var now: Timestamp
    /// Sections by owner (case-insensitive), owners in alphabetical order.
    public var sections: [Section] = []
    /// Days ahead a review counts as coming due.
    public static let reviewHorizonDays: Int64 = 30

    /// Builds the digest from the connectors; owners with nothing to do get no section.
    /// `terminal` gives the terminal state of the workflow a connector follows (see
    /// `WorkflowSet.terminal(of:)`): a connector there has no review coming.
    public init(docs: [ConnectorDocument], terminal: (ConnectorDocument) -> String, now: Timestamp) {
        self.now = now
        var by: [String: Section] = [:]
        let horizon = now.adding(.days(OwnerDigest.reviewHorizonDays))
        for d in docs.sorted(by: { $0.id < $1.id }) {
            let key = Identity.normalize(d.spec.owners.technical)
            var s = by[key] ?? Section(owner: d.spec.owners.technical)
            for t in d.openTasks {
                if t.isOverdue(at: now) { s.overdue.append((d.id, t)) } else { s.open.append((d.id, t)) }
            }
            if d.state != terminal(d), let review = d.due.review, review <= horizon { s.reviews.append((d.id, review)) }
            if !s.overdue.isEmpty || !s.open.isEmpty || !s.reviews.isEmpty { by[key] = s }
        }
        sections = by.sorted { $0.key < $1.key }.map { key, value in
            var s = value
            s.overdue.sort { ($0.task.dueAt?.seconds ?? 0, $0.task.id) < ($1.task.dueAt?.seconds ?? 0, $1.task.id) }
            s.open.sort { ($0.task.dueAt?.seconds ?? .max, $0.task.id) < ($1.task.dueAt?.seconds ?? .max, $1.task.id) }
            s.reviews.sort { ($0.due, $0.connector) < ($1.due, $1.connector) }
            return s
        }
    }

    /// The digest as Markdown: one `##` section per owner, ready to paste into a mail.
    public func markdown() -> String {
        var out = "# Steward: work per owner at \(now)\n\n"
        if sections.isEmpty { return out + "Nobody has open tasks or reviews coming due.\n" }
        for s in sections {
            out += "## \(s.owner)\n\n"
            out += "To: \(s.owner)\nSubject: Steward: \(s.overdue.count) overdue, \(s.open.count) open, \(s.reviews.count) review(s) coming due\n\n"
            if !s.overdue.isEmpty {
                out += "### Overdue\n\n"
                for (c, t) in s.overdue {
                    out += "- **\(t.id)** (\(t.kind) for `\(c)`): was due \(t.dueAt?.iso8601 ?? "-"), \(t.dueAt.map { $0.days(until: now) } ?? 0) day(s) ago. Close it with `steward close-task '\(t.id)' --evidence '…'`\n"
                }
                out += "\n"
            }
            if !s.open.isEmpty {
                out += "### Open\n\n"
                for (c, t) in s.open { out += "- \(t.id) (\(t.kind) for `\(c)`): due \(t.dueAt?.iso8601 ?? "when the window ends")\n" }
                out += "\n"
            }
            if !s.reviews.isEmpty {
                out += "### Reviews coming due\n\n"
                for (c, due) in s.reviews {
                    out += "- `\(c)`: review \(due < now ? "was due" : "due") \(due.iso8601); ask an approver to run `steward recertify \(c)`\n"
                }
                out += "\n"
            }
        }
        return out
    }

    /// The digest as JSON.
    public func json() -> JSONValue {
        func task(_ c: ConnectorID, _ t: ConnectorTask) -> JSONValue {
            .object(["connector": .string(c.rawValue), "id": .string(t.id), "kind": .string(t.kind.rawValue), "dueAt": t.dueAt.map { .string($0.iso8601) } ?? .null])
        }
        return .object(["now": .string(now.iso8601), "owners": .array(sections.map { s in
            .object(["owner": .string(s.owner), "overdue": .array(s.overdue.map { task($0.connector, $0.task) }),
                     "open": .array(s.open.map { task($0.connector, $0.task) }),
                     "reviews": .array(s.reviews.map { .object(["connector": .string($0.connector.rawValue), "dueAt": .string($0.due.iso8601)]) })])
        })])
    }
}
