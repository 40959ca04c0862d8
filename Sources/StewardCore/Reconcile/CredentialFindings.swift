/// One observed record as the finding rules see it: where it came from, and the findings
/// drawn from it so far.
struct RecordContext {
    let inventory: Inventory
    let record: ObservedRecord
    let now: Timestamp
    var findings: [Finding] = []

    init(inventory: Inventory, record: ObservedRecord, now: Timestamp) {
        self.inventory = inventory
        self.record = record
        self.now = now
    }

    /// "in FILE", for messages.
    var where_: String { "in \(inventory.file)" }

    /// Adds a finding about this record (or, with `record`, one of its credentials).
    mutating func add(_ kind: FindingKind, _ d: ConnectorDocument?, _ severity: Severity, _ message: String, record place: String? = nil) {
        findings.append(Finding(kind: kind, connector: d?.id, platform: record.platform, ref: record.ref, severity: severity, message: message,
                                contact: d.map { [$0.spec.owners.business, $0.spec.owners.technical] } ?? [],
                                source: FindingSource(file: inventory.file, record: place ?? record.source)))
    }
}

/// A record's credentials at `now`: which are live, the last use, the oldest live one.
///
/// A record without a credential list (the generic and AWS formats) is live and speaks
/// for itself through `lastUsedAt` and `credentialCreatedAt`. A record with one is live
/// when any credential is: an Entra app whose secrets all expired, a GCP account whose
/// keys are all disabled, an expired PAT are still present (revocation is not proven)
/// but give no dormant, stale, expiring or drift finding.
struct CredentialView {
    var live: Bool
    var lastUsedAt: Timestamp?
    var oldestCreatedAt: Timestamp?
    var oldestSource: String?
    var liveIDs: [String]
    var liveCredentials: [ObservedCredential]

    init(_ r: ObservedRecord, now: Timestamp) {
        guard !r.credentials.isEmpty else {
            live = true
            lastUsedAt = r.lastUsedAt
            oldestCreatedAt = r.credentialCreatedAt
            oldestSource = nil
            liveIDs = r.credentialId.map { [$0] } ?? []
            liveCredentials = []
            return
        }
        liveCredentials = r.credentials.filter { $0.isLive(at: now) }
        live = !liveCredentials.isEmpty
        liveIDs = liveCredentials.map(\.id)
        lastUsedAt = liveCredentials.compactMap(\.lastUsedAt).max()
        let oldest = liveCredentials.filter { $0.createdAt != nil }.min { $0.createdAt! < $1.createdAt! }
        oldestCreatedAt = oldest?.createdAt
        oldestSource = oldest?.source
    }
}

/// The findings about a credential's validity and owner: `credential-expiring`,
/// `expiry-drift` and `person-bound`.
enum CredentialFindings {
    /// `credential-expiring` (expiry after now and within the notice period; not for an
    /// expiry that moves with use) and `expiry-drift` (expiry after `until`, never, or
    /// longer than the maximum lifetime from creation) for each live credential.
    static func expiry(_ ctx: inout RecordContext, _ d: ConnectorDocument?, usage: CredentialView, timers: WorkflowTimers) {
        let now = ctx.now
        for c in usage.liveCredentials {
            if let notice = timers.credentialNotice, !c.expiryMoves, !c.neverExpires, let end = c.expiresAt,
               end > now, end <= now.adding(notice) {
                let fix = d.map { "renew it and record it with 'steward rotate \($0.id)'" } ?? "renew it or remove it"
                ctx.add(.credentialExpiring, d, end <= now.adding(.days(7)) ? .high : .medium,
                        "credential \(c.id) expires at \(end) (in \(now.days(until: end)) day(s), notice period \(notice)); \(fix) before it breaks production",
                        record: c.source)
            }
            var reasons: [String] = []
            if let until = d?.spec.until {
                if c.neverExpires { reasons.append("it never expires, yet the connector ends at \(until)") }
                else if let end = c.expiresAt, end > until { reasons.append("it expires at \(end), after the connector's until \(until)") }
            }
            if let max = timers.maxCredentialLifetime {
                if c.neverExpires { reasons.append("it never expires (maximum lifetime \(max))") }
                else if let end = c.expiresAt, let start = c.createdAt, end > start.adding(max) {
                    reasons.append("it is valid for \(start.days(until: end)) days from \(start) (maximum lifetime \(max))")
                }
            }
            if !reasons.isEmpty {
                ctx.add(.expiryDrift, d, .medium, "credential \(c.id): " + reasons.joined(separator: "; ")
                    + "; issue one that ends in time", record: c.source)
            }
        }
    }

    /// `person-bound`: the platform ties the object to a person, and the connector is not
    /// declared as a personal token.
    static func personBound(_ ctx: inout RecordContext, _ d: ConnectorDocument) {
        guard let person = ctx.record.personOwner, d.spec.kind != "personal-token" else { return }
        ctx.add(.personBound, d, .high, "owned at the platform by the person \(person), but \(d.id) is a \(d.spec.kind): "
            + "when they leave, it breaks or lives on; issue it to a service identity, or declare --kind personal-token")
    }
}
