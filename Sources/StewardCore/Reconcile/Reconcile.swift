/// Compares declared connectors with what platforms export (§6). Pure: documents,
/// inventories, workflows and now in; findings and per-connector runner signals out.
public enum Reconcile {
    /// The OWASP Non-Human Identities Top 10 (2025) id of each finding kind.
    public static let owasp: [String: String] = [
        "unmanaged": "NHI1:2025 Improper Offboarding",
        "revocation-ineffective": "NHI1:2025 Improper Offboarding",
        "missing": "NHI1:2025 Improper Offboarding",
        "dormant": "NHI1:2025 Improper Offboarding",
        "scope-drift": "NHI5:2025 Overprivileged NHI",
        "stale-credential": "NHI7:2025 Long-Lived Secrets",
        "shared-credential": "NHI9:2025 NHI Reuse",
    ]

    static let severityRank = ["critical": 0, "high": 1, "medium": 2, "low": 3]

    /// The result: findings in a stable order, and what the runner should do per connector.
    public struct Outcome: Sendable {
        public var findings: [Finding] = []
        public var signals: [String: RunSignals] = [:]
    }

    /// Reconciles `docs` against `inventories` at `now`.
    public static func run(docs: [ConnectorDocument], inventories: [Inventory], workflows: [String: Workflow],
                           now: Timestamp) -> Outcome {
        var out = Outcome()
        var bound: [Binding: [ConnectorDocument]] = [:]
        for d in docs { for b in d.spec.bindings { bound[key(b), default: []].append(d) } }
        func wf(_ d: ConnectorDocument) -> Workflow? { workflows[d.workflow] ?? workflows["standard"] }
        func contact(_ d: ConnectorDocument) -> [String] { [d.spec.owners.business, d.spec.owners.technical] }
        let fallback = workflows["standard"] ?? workflows.values.sorted { $0.name < $1.name }.first
        var observedKeys: Set<Binding> = []
        var credentialUsers: [String: Set<String>] = [:]
        for inv in inventories {
            for r in inv.records {
                let k = Binding(platform: r.platform.lowercased(), ref: r.ref)
                observedKeys.insert(k)
                let owners = bound[k] ?? []
                let live = owners.filter { $0.state != StateName.decommissioned }
                let where_ = "in \(inv.file)"
                func add(_ kind: String, _ d: ConnectorDocument?, _ severity: String, _ message: String) {
                    out.findings.append(Finding(kind: kind, connector: d?.id, platform: r.platform, ref: r.ref, owasp: owasp[kind] ?? "",
                                                severity: severity, message: message, contact: d.map(contact) ?? []))
                }
                if owners.isEmpty {
                    add("unmanaged", nil, "high", "observed \(where_) but no connector binds it: shadow integration; declare it with 'steward new … --binding \(r.platform)=\(r.ref)' or remove it")
                } else if live.isEmpty {
                    for d in owners {
                        // When it ended: the event that entered the terminal state, not the
                        // last event (closing an offboarding task later must not reset the age).
                        let terminal = wf(d)?.terminal ?? StateName.decommissioned
                        let since = d.history.last(where: { $0.to == terminal && $0.from != terminal })?.at ?? d.history.last?.at ?? now
                        let days = since.days(until: now)
                        let grace = wf(d)?.timers.revocationGrace ?? .days(1)
                        let severity = now.seconds - since.seconds <= grace.seconds ? "medium" : (days <= 7 ? "high" : "critical")
                        add("revocation-ineffective", d, severity, "\(d.id) was decommissioned \(days) day(s) ago but the platform still holds it \(where_); revoke it now")
                    }
                }
                for d in live {
                    if let scopes = r.scopes {
                        let extra = Set(scopes).subtracting(d.spec.scopes).sorted()
                        if !extra.isEmpty {
                            let text = extra.joined(separator: ", ")
                            add("scope-drift", d, "high", "observed scopes beyond the spec: \(text)")
                            if d.state == StateName.active { out.signals[d.id, default: RunSignals()].drift = "observed \(text) beyond the spec \(where_)" }
                        }
                    }
                }
                let subjects: [ConnectorDocument?] = live.isEmpty && owners.isEmpty ? [nil] : live.map { Optional($0) }
                for d in subjects {
                    let timers = (d.flatMap(wf) ?? fallback)?.timers
                    if let used = r.lastUsedAt, let dormant = timers?.dormant, now.seconds - used.seconds >= dormant.seconds {
                        add("dormant", d, "medium", "not used for \(used.days(until: now)) days (last used \(used)); decommission it if nobody needs it")
                        if let d { out.signals[d.id, default: RunSignals()].dormant = "unused since \(used) \(where_)" }
                    }
                    if let created = r.credentialCreatedAt, let rotation = timers?.rotation, now.seconds - created.seconds >= rotation.seconds {
                        add("stale-credential", d, "high", "the credential is \(created.days(until: now)) days old (rotation period \(rotation)); rotate it")
                        if let d { out.signals[d.id, default: RunSignals()].staleCredential = "credential created \(created), \(created.days(until: now)) days old \(where_)" }
                    }
                }
                if let cred = r.credentialId {
                    for d in live { credentialUsers[cred, default: []].insert(d.id) }
                }
            }
        }
        for (cred, users) in credentialUsers where users.count > 1 {
            out.findings.append(Finding(kind: "shared-credential", connector: users.sorted().first, platform: "-", ref: cred,
                                        owasp: owasp["shared-credential"]!, severity: "high",
                                        message: "one credential is behind \(users.count) connectors: \(users.sorted().joined(separator: ", ")); issue one per connector"))
        }
        var secretUsers: [String: [ConnectorDocument]] = [:]
        for d in docs where d.state != StateName.decommissioned { if let s = d.spec.secretRef { secretUsers[s, default: []].append(d) } }
        for (ref, users) in secretUsers where users.count > 1 {
            let ids = users.map(\.id).sorted()
            out.findings.append(Finding(kind: "shared-credential", connector: ids.first, platform: "secretRef", ref: ref,
                                        owasp: owasp["shared-credential"]!, severity: "high",
                                        message: "one secret is behind \(ids.count) connectors: \(ids.joined(separator: ", ")); issue one per connector"))
        }
        let covered = coverage(inventories)
        for d in docs {
            let onCovered = d.spec.bindings.filter { covered[$0.platform.lowercased()] != nil }
            guard !onCovered.isEmpty else { continue }
            let absent = onCovered.filter { !observedKeys.contains(key($0)) }
            if d.state == StateName.active {
                for b in absent {
                    out.findings.append(Finding(kind: "missing", connector: d.id, platform: b.platform, ref: b.ref, owasp: owasp["missing"]!,
                                                severity: "low", message: "\(d.id) is active but \(covered[b.platform.lowercased()]!) does not show its binding; was it removed outside steward?",
                                                contact: contact(d)))
                }
            }
            if d.state == StateName.decommissioned && absent.count == d.spec.bindings.count {
                let sources = Array(Set(onCovered.map { covered[$0.platform.lowercased()]! })).sorted().joined(separator: ", ")
                out.signals[d.id, default: RunSignals()].removalProof = "absent from \(sources) at \(now)"
            }
        }
        out.findings.sort {
            (severityRank[$0.severity] ?? 9, $0.kind, $0.platform, $0.ref, $0.connector ?? "") <
                (severityRank[$1.severity] ?? 9, $1.kind, $1.platform, $1.ref, $1.connector ?? "")
        }
        return out
    }

    /// Platform → "<file> (<format>)" of the exports that cover it.
    static func coverage(_ inventories: [Inventory]) -> [String: String] {
        var out: [String: String] = [:]
        for inv in inventories {
            for p in inv.platforms {
                let src = "\(inv.file) (\(inv.format.rawValue))"
                out[p.lowercased()] = out[p.lowercased()].map { "\($0), \(src)" } ?? src
            }
        }
        return out
    }

    static func key(_ b: Binding) -> Binding { Binding(platform: b.platform.lowercased(), ref: b.ref) }
}
