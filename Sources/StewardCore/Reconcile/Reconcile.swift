/// Compares declared connectors with what platforms export. Pure: documents, inventories,
/// workflows and now in; findings and per-connector runner signals out.
///
/// A binding is managed only by a connector that is approved, active, review-due or
/// rotated. An object bound by a decommissioned connector is `revocation-ineffective`
/// whatever else also names it (a new request for the same object must not hide a failed
/// revocation). Refs compare as their platform compares them (`RefKey`).
public enum Reconcile {
    /// The states in which a connector manages its bindings.
    static let managing: Set<String> = [StateName.approved, StateName.active, StateName.reviewDue, StateName.rotated]

    /// The result: findings in a stable order, and what the runner should do per connector.
    public struct Outcome: Sendable {
        public var findings: [Finding] = []
        public var signals: [ConnectorID: RunSignals] = [:]
    }

    /// Reconciles `docs` against `inventories` at `now`.
    public static func run(docs: [ConnectorDocument], inventories: [Inventory], workflows: [String: Workflow],
                           now: Timestamp) -> Outcome {
        var out = Outcome()
        var bound: [Binding: [ConnectorDocument]] = [:]
        for d in docs { for b in Set(d.spec.bindings.map(RefKey.of)) { bound[b, default: []].append(d) } }
        let fallback = workflows[WorkflowSet.defaultWorkflow] ?? workflows.values.sorted { $0.name < $1.name }.first
        func wf(_ d: ConnectorDocument?) -> Workflow? { d.flatMap { workflows[$0.workflow] } ?? fallback }
        /// The terminal state of the workflow `d` follows (the default workflow's for an unknown one).
        func terminal(_ d: ConnectorDocument) -> String { wf(d)?.terminal ?? StateName.decommissioned }
        var observedKeys: Set<Binding> = []
        var credentialUsers: [String: (users: Set<ConnectorID>, source: FindingSource)] = [:]
        for inv in inventories {
            for r in inv.records {
                let k = RefKey.of(platform: r.platform, ref: r.ref)
                observedKeys.insert(k)
                let owners = bound[k] ?? []
                let managers = owners.filter { managing.contains($0.state) }
                let ended = owners.filter { $0.state == terminal($0) }
                var ctx = RecordContext(inventory: inv, record: r, now: now)
                if managers.isEmpty && ended.isEmpty {
                    let pending = owners.map(\.id).sorted()
                    let why = pending.isEmpty ? "no connector binds it" : "only \(pending.joined(separator: ", ")) names it, and is not approved"
                    ctx.add(.unmanaged, nil, .high, "observed \(ctx.where_) but \(why): shadow integration; declare it with "
                        + "'steward new … --binding \(r.platform)=\(r.ref)' or remove it")
                }
                for d in ended {
                    let end = terminal(d)
                    // When it ended: the event that entered the terminal state, not the last
                    // event (closing an offboarding task later must not reset the age).
                    let since = d.history.last(where: { $0.to == end && $0.from != end })?.at ?? d.history.last?.at ?? now
                    let days = since.days(until: now)
                    let grace = wf(d)?.timers.revocationGrace ?? .days(1)
                    let severity: Severity = now <= since.adding(grace) ? .medium : (days <= 7 ? .high : .critical)
                    let also = managers.isEmpty ? "" : " (\(managers.map(\.id).sorted().joined(separator: ", ")) also binds it: revoke the old credential all the same)"
                    ctx.add(.revocationIneffective, d, severity, "\(d.id) was decommissioned \(days) day(s) ago but the platform still holds it \(ctx.where_); revoke it now" + also)
                }
                for d in managers {
                    guard let scopes = r.scopes else { continue }
                    let extra = Set(scopes).subtracting(d.spec.scopes).sorted()
                    guard !extra.isEmpty else { continue }
                    let text = extra.joined(separator: ", ")
                    ctx.add(.scopeDrift, d, .high, "observed scopes beyond the spec: \(text)")
                    if d.state == StateName.active { out.signals[d.id, default: RunSignals()].drift = "observed \(text) beyond the spec \(ctx.where_)" }
                }
                let subjects: [ConnectorDocument?] = managers.isEmpty && ended.isEmpty ? [nil] : managers.map { Optional($0) }
                let usage = CredentialView(r, now: now)
                for d in subjects {
                    guard let timers = wf(d)?.timers else { continue }
                    if usage.live, let used = usage.lastUsedAt, now >= used.adding(timers.dormant) {
                        ctx.add(.dormant, d, .medium, "not used for \(used.days(until: now)) days (last used \(used)); decommission it if nobody needs it")
                        if let d { out.signals[d.id, default: RunSignals()].dormant = "unused since \(used) \(ctx.where_)" }
                    }
                    if let created = usage.oldestCreatedAt, now >= created.adding(timers.rotation) {
                        ctx.add(.staleCredential, d, .high, "the credential is \(created.days(until: now)) days old (rotation period \(timers.rotation)); rotate it",
                                record: usage.oldestSource)
                        if let d { out.signals[d.id, default: RunSignals()].staleCredential = "credential created \(created), \(created.days(until: now)) days old \(ctx.where_)" }
                    }
                    CredentialFindings.expiry(&ctx, d, usage: usage, timers: timers)
                }
                for d in managers { CredentialFindings.personBound(&ctx, d) }
                out.findings += ctx.findings
                for cred in usage.liveIDs {
                    for d in managers {
                        credentialUsers[cred, default: ([], FindingSource(file: inv.file, record: r.source))].users.insert(d.id)
                    }
                }
            }
        }
        for (cred, entry) in credentialUsers where entry.users.count > 1 {
            let users = entry.users.sorted()
            out.findings.append(Finding(kind: .sharedCredential, connector: users.first, platform: "-", ref: cred,
                                        severity: .high,
                                        message: "one credential is behind \(users.count) connectors: \(users.joined(separator: ", ")); issue one per connector",
                                        source: entry.source))
        }
        var secretUsers: [String: [ConnectorDocument]] = [:]
        for d in docs where d.state != terminal(d) { if let s = d.spec.secretRef { secretUsers[s, default: []].append(d) } }
        for (ref, users) in secretUsers where users.count > 1 {
            let ids = users.map(\.id).sorted()
            out.findings.append(Finding(kind: .sharedCredential, connector: ids.first, platform: "secretRef", ref: ref,
                                        severity: .high,
                                        message: "one secret is behind \(ids.count) connectors: \(ids.joined(separator: ", ")); issue one per connector",
                                        source: FindingSource(file: "State/\(ids[0]).json", record: "spec.secretRef")))
        }
        absences(docs, inventories, observedKeys, now, terminal: terminal, &out)
        // Sorting indices over a borrowed buffer: 200,000 findings moved through a merge sort
        // would cost a retain and release of every string on every move.
        let keys = out.findings.map(sortKey)
        var order = Array(out.findings.indices)
        keys.withUnsafeBufferPointer { k in order.sort { k[$0] < k[$1] } }
        out.findings = order.map { out.findings[$0] }
        return out
    }

    /// Severity first, then kind, platform, ref, connector and source, as one string whose
    /// parts are separated by NUL (which sorts before every other character).
    static func sortKey(_ f: Finding) -> String {
        let rank = f.severity.rank
        return "\(rank)\u{0}\(f.kind.rawValue)\u{0}\(f.platform)\u{0}\(f.ref)\u{0}\(f.connector?.rawValue ?? "")\u{0}\(f.source?.file ?? "")\u{0}\(f.source?.record ?? "")"
    }

    /// `missing` for an active connector's covered binding that no export holds, and the
    /// removal proof for a decommissioned one whose every binding is covered and absent.
    static func absences(_ docs: [ConnectorDocument], _ inventories: [Inventory], _ observed: Set<Binding>, _ now: Timestamp,
                          terminal: (ConnectorDocument) -> String, _ out: inout Outcome) {
        for d in docs {
            func sources(_ b: Binding) -> [Inventory] { inventories.filter { $0.covers(b) } }
            let onCovered = d.spec.bindings.filter { !sources($0).isEmpty }
            guard !onCovered.isEmpty else { continue }
            let absent = onCovered.filter { !observed.contains(RefKey.of($0)) }
            if d.state == StateName.active {
                for b in absent {
                    let inv = sources(b)
                    let names = inv.map { "\($0.file) (\($0.format.rawValue))" }.joined(separator: ", ")
                    out.findings.append(Finding(kind: .missing, connector: d.id, platform: b.platform, ref: b.ref,
                                                severity: .low,
                                                message: "\(d.id) is active but \(names) does not show its binding; was it removed outside steward?",
                                                contact: [d.spec.owners.business, d.spec.owners.technical],
                                                source: FindingSource(file: inv[0].file, record: nil)))
                }
            }
            if d.state == terminal(d) && absent.count == d.spec.bindings.count {
                let names = Set(onCovered.flatMap { sources($0).map { "\($0.file) (\($0.format.rawValue))" } }).sorted()
                out.signals[d.id, default: RunSignals()].removalProof = "absent from \(names.joined(separator: ", ")) at \(now)"
            }
        }
    }
}
