/// The policy lints of the gate: each a stable rule id with its OWASP NHI and NIST CSF
/// ids (see `RuleCatalog`); the workflow's `lints` sets whether each is an error or a warning.
public enum Lints {
    static let adminWords = ["admin", "administration", "*", "full_access", "owner", "root"]
    static let writeWords = ["write", "delete", "export", "admin", "manage", "modify", "create", "update", "push"]
    static let readOnlyPurpose = ["report", "read-only", "readonly", "read only", "dashboard", "analytics", "monitoring", "audit"]
    static let nonProduction: Set<String> = ["staging", "stage", "dev", "development", "test", "sandbox", "nonprod", "non-prod", "qa", "preprod"]

    /// The findings for one connector, each with its level from `workflow`.
    public static func check(_ doc: ConnectorDocument, file: String, workflow wf: Workflow) -> [(CheckFinding, LintLevel)] {
        guard doc.state != wf.terminal else { return [] }
        var out: [(CheckFinding, LintLevel)] = []
        func add(_ rule: RuleID, _ message: String) {
            let level = RuleCatalog.level(rule, lints: wf.lints)
            out.append((CheckFinding(file: file, rule: rule, message: message), level))
        }
        let s = doc.spec
        let scopes = s.scopes.map { $0.lowercased() }
        let admin = scopes.filter { sc in adminWords.contains { sc == $0 || sc.hasPrefix($0 + ":") || has(sc, ":" + $0) } }
        let writes = scopes.filter { sc in writeWords.contains { has(sc, $0) } && !admin.contains(sc) }
        if !admin.isEmpty && !writes.isEmpty {
            add("overprivileged", "\(doc.id) holds admin (\(admin.joined(separator: ", "))) together with write or export (\(writes.joined(separator: ", "))): one connector for everything")
        }
        if s.reaches.count > wf.maxReaches {
            add("overprivileged", "\(doc.id) reaches \(s.reaches.count) systems, more than the \(wf.maxReaches) the workflow allows for one connector")
        }
        let purpose = s.purpose.lowercased()
        if readOnlyPurpose.contains(where: { has(purpose, $0) }) {
            let w = scopes.filter { sc in ["write", "delete", "admin", "manage", "modify", "create", "update", "push"].contains { has(sc, $0) } }
            if !w.isEmpty { add("purpose-scope-mismatch", "the purpose reads as reporting or read-only, but \(doc.id) holds write scopes: \(w.joined(separator: ", "))") }
        }
        let env = s.environment.lowercased()
        let isProd = env == "production" || env == "prod"
        let mixed = (s.bindings.map { "\($0.platform) \($0.ref)" } + s.reaches).filter { text in
            let words = Set(asciiWords(text))
            return isProd ? !words.isDisjoint(with: nonProduction) : (words.contains("prod") || words.contains("production"))
        }
        if !mixed.isEmpty {
            add("environment-mixing", "\(doc.id) is \(s.environment) but its bindings or reaches point at \(isProd ? "non-production" : "production"): \(mixed.joined(separator: ", "))")
        }
        if let until = s.until, let max = wf.timers.maxWindow, let start = doc.history.first?.at, until.seconds - start.seconds > max.seconds {
            add("window-too-long", "the temporary window runs \(start.days(until: until)) days (requested \(start.dateOnly), until \(until.dateOnly)); workflow '\(wf.name)' allows at most \(max)")
        }
        if Identity.same(s.owners.business, s.owners.technical) {
            add("owner-missing", "the business and technical owner are the same person (\(s.owners.business)); name two people so one can review the other")
        }
        for (role, email) in [("business", s.owners.business), ("technical", s.owners.technical)] where !email.utf8.contains(0x40) {  // "@"
            add("owner-missing", "the \(role) owner '\(email.prefix(64))' is not an e-mail address")
        }
        return out
    }

    /// The lower-cased runs of ASCII letters, digits and '-' in `text` (`arn:aws:iam::1:user/ci-staging` → …, `ci-staging`),
    /// plus each '-'-separated part, so `ci-staging` also yields `staging`.
    static func asciiWords(_ text: String) -> [String] {
        var out: [String] = []
        var cur: [UInt8] = []
        func flush() {
            guard !cur.isEmpty else { return }
            let w = String(decoding: cur, as: UTF8.self)
            out.append(w)
            if cur.contains(45) { out += w.split(separator: "-").map(String.init) }
            cur.removeAll(keepingCapacity: true)
        }
        for var c in text.utf8 {
            if c >= 65 && c <= 90 { c += 32 }
            if (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c == 45 { cur.append(c) } else { flush() }
        }
        flush()
        return out
    }

    /// True when `needle` occurs in `hay` (byte-wise; Foundation's `contains` is far slower).
    static func has(_ hay: String, _ needle: String) -> Bool {
        let h = Array(hay.utf8), n = Array(needle.utf8)
        guard !n.isEmpty, h.count >= n.count else { return n.isEmpty }
        outer: for i in 0...(h.count - n.count) {
            for j in 0..<n.count where h[i + j] != n[j] { continue outer }
            return true
        }
        return false
    }

    /// Who uses which secret: the little `shared-secret` needs from each live connector.
    public struct SecretUse: Sendable {
        public var file: String
        public var id: ConnectorID
        public var secretRef: String
        public var workflow: String
        /// The use of `doc`, or nil when it sits in its workflow's `terminal` state or has no secretRef.
        public init?(file: String, doc: ConnectorDocument, terminal: String) {
            guard doc.state != terminal, let ref = doc.spec.secretRef, !ref.isEmpty else { return nil }
            self.file = file
            id = doc.id
            secretRef = ref
            workflow = doc.workflow
        }
    }

    /// `shared-secret`: one secretRef behind two or more live connectors. Reported once per
    /// secretRef, on the file of the first sharer (by id), naming at most `nameCap` sharers, so
    /// the output grows linearly however many connectors share one secret. Its level is the
    /// strictest of the sharers' workflows.
    public static func sharedSecrets(_ uses: [SecretUse], workflows: WorkflowSet) -> [(CheckFinding, LintLevel)] {
        var byRef: [String: [SecretUse]] = [:]
        for u in uses { byRef[u.secretRef, default: []].append(u) }
        var out: [(CheckFinding, LintLevel)] = []
        for (ref, users) in byRef where users.count > 1 {
            let sorted = users.sorted { $0.id < $1.id }
            let level = users.map { RuleCatalog.level("shared-secret", lints: workflows.workflows[$0.workflow]?.lints ?? [:]) }.max() ?? .error
            out.append((CheckFinding(file: sorted[0].file, rule: "shared-secret",
                                     message: "secretRef \(ref) is shared by \(users.count) live connectors (\(nameList(sorted.map(\.id.rawValue)))); every connector needs its own credential"), level))
        }
        return out
    }

    /// The most names a finding lists.
    public static let nameCap = 20

    /// `names` joined by commas, at most `nameCap` of them, then "and N more".
    public static func nameList(_ names: [String]) -> String {
        let shown = names.prefix(nameCap).joined(separator: ", ")
        return names.count > nameCap ? shown + " and \(names.count - nameCap) more" : shown
    }
}
