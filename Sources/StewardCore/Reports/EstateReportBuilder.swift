/// Builds the estate report's facts. Pure: documents, workflows, people and findings in.
extension EstateReport {
    /// One connector to count, with the workflow it runs on (a connector whose workflow is
    /// not loaded is an unreadable file, never an entry).
    public struct Entry: Sendable {
        public var doc: ConnectorDocument
        public var workflow: Workflow
        public init(doc: ConnectorDocument, workflow: Workflow) {
            self.doc = doc
            self.workflow = workflow
        }
    }

    /// Builds the report at `now` from `entries` (the connectors that exist at `now`),
    /// `files` (how many connector files `State/` holds) and `unreadable` (those that
    /// could not be used). `people` and `findings` add their sections when given.
    public static func build(_ entries: [Entry], files: Int, unreadable: [UnreadableFile], now: Timestamp,
                             asOf: Bool = false, people: PeopleDirectory? = nil, findings: [Finding]? = nil) -> EstateReport {
        var r = EstateReport(now: now)
        r.asOf = asOf
        r.files = files
        r.unreadable = unreadable.sorted { ($0.file, $0.message) < ($1.file, $1.message) }
        r.findings = findings
        r.departed = people == nil ? nil : []
        var owned: [String: Int] = [:]
        for entry in entries.sorted(by: { $0.doc.id < $1.doc.id }) {
            r.add(entry, people: people, owned: &owned)
        }
        r.overdue.sort { ($0.at, $0.connector, $0.label) < ($1.at, $1.connector, $1.label) }
        r.upcoming.sort { ($0.at, $0.connector, $0.label) < ($1.at, $1.connector, $1.label) }
        r.calendar.sort { ($0.at, $0.connector, $0.label) < ($1.at, $1.connector, $1.label) }
        r.openTasks.sort { ($1.ageDays, $0.task.id) < ($0.ageDays, $1.task.id) }
        r.credentials.sort { ($1.ageDays, $0.connector) < ($0.ageDays, $1.connector) }
        r.removalProofs.sort()
        r.topOwners = owned.map { OwnerCount(email: $0.key, count: $0.value) }
            .sorted { ($1.count, $0.email) < ($0.count, $1.email) }
            .prefix(topOwnerCount).map { $0 }
        return r
    }

    mutating func add(_ entry: Entry, people: PeopleDirectory?, owned: inout [String: Int]) {
        let d = entry.doc
        let terminal = entry.workflow.terminal
        let live = d.state != terminal
        let owner = d.spec.owners.technical
        total += 1
        byState[d.state, default: 0] += 1
        if live { byRisk[d.spec.risk.rawValue, default: 0] += 1 }

        var dated: [WorkItem] = []
        for t in d.openTasks {
            openTasks.append(OpenTask(connector: d.id, task: t, ageDays: max(0, t.openedAt.days(until: now)), overdue: t.isOverdue(at: now), owner: owner))
            if let due = t.dueAt { dated.append(WorkItem(connector: d.id, kind: .task, at: due, task: t.id, owner: owner)) }
        }
        if live {
            let clocks: [(WorkKind, Timestamp?)] = [(.review, d.due.review), (.rotation, d.due.rotation),
                                                    (.approval, d.due.approval), (.windowEnd, d.due.until ?? d.spec.until)]
            for (kind, at) in clocks { if let at { dated.append(WorkItem(connector: d.id, kind: kind, at: at, task: nil, owner: owner)) } }
        }
        let upcomingEnd = now.adding(.days(EstateReport.upcomingDays))
        let calendarEnd = now.adding(.days(EstateReport.calendarDays))
        for item in dated {
            if item.at < now {
                overdue.append(item)
                continue
            }
            if item.at <= upcomingEnd { upcoming.append(item) }
            if item.at <= calendarEnd, [.review, .rotation, .windowEnd].contains(item.kind) { calendar.append(item) }
        }
        let next = dated.min { ($0.at, $0.label) < ($1.at, $1.label) }
        connectors.append(ConnectorRow(id: d.id, state: d.state, risk: d.spec.risk.rawValue, system: d.spec.system,
                                       business: d.spec.owners.business, technical: owner, next: next,
                                       scopes: d.spec.scopes, reaches: d.spec.reaches, bindings: d.spec.bindings.map(\.text)))

        countReviews(d, entry.workflow)
        if live, let issued = d.history.last(where: { $0.event == EventKind.activate.rawValue || $0.event == EventKind.rotate.rawValue }) {
            let period = entry.workflow.timers.rotation.seconds / 86_400
            credentials.append(CredentialAge(connector: d.id, issuedAt: issued.at, ageDays: max(0, issued.at.days(until: now)), periodDays: period))
        }
        if !live, let ended = d.history.last(where: { $0.to == terminal && $0.from != terminal }),
           let proof = d.tasks.first(where: { $0.kind == .verifyRemoval && $0.status == .done }), let closed = proof.closedAt {
            removalProofs.append(max(0, closed.seconds - ended.at.seconds))
        }
        if live, let people {
            for (role, email) in [("business", d.spec.owners.business), ("technical", owner)] where people.isGone(email) {
                departed?.append(DepartedOwner(connector: d.id, role: role, email: email))
            }
        }
        if live {
            let persons = Set([Identity.normalize(d.spec.owners.business), Identity.normalize(owner)])
            for p in persons { owned[p, default: 0] += 1 }
        }
    }

    /// A recertify on or before the review date in force is on time, after it late; a
    /// `review-overdue` decommission is a missed review.
    mutating func countReviews(_ d: ConnectorDocument, _ wf: Workflow) {
        guard d.history.contains(where: { $0.event == EventKind.recertify.rawValue || $0.event == EventKind.reviewOverdue.rawValue })
        else { return }
        let walk = HistoryWalk.walk(d, workflow: wf)
        for (i, e) in walk.events.enumerated() {
            switch e.event {
            case EventKind.recertify.rawValue:
                if let due = walk.before(i)?.due.review, e.at > due { reviews.late += 1 } else { reviews.onTime += 1 }
            case EventKind.reviewOverdue.rawValue:
                reviews.missed += 1
            default: break
            }
        }
    }
}
