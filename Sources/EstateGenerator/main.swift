// steward-estate-gen: writes a deterministic synthetic governance repository for
// benchmarks and crash tests. Every connector is built through the real core: each event
// is appended with `Append.event` under the shipped workflows (real guards, real hash
// chains), the runner's own events come from `RunPlan.plan` at the time a daily cron would
// have run, and the files are written with `AtomicWriter`, byte for byte what `steward`
// itself writes. Same arguments → same bytes.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import StewardCore

let usage = """
usage: steward-estate-gen --root DIR --count N --seed S --now T [--due-fraction F] [--quiet]

Writes a governance repository at DIR (Workflows/, Templates/, .gitignore, State/) holding
N connectors whose histories were built through the real lifecycle engine:
  - every state represented, 3 to 12 events each, low/medium/high risk, ~10% temporary;
  - bindings (aws ARNs, github app slugs, salesforce connected apps, …), distinct secretRefs;
  - exactly round(F*N) connectors have a timer due at T (a `steward run --now T` changes
    exactly those), the others have nothing due at T (default F = 0).
A daily cron is assumed to have run at T-1d, T-2d, …: every earlier runner step is in the
histories. The same arguments always give the same bytes. DIR must not hold State/*.json.

"""

func writeStderr(_ text: String) {
    let bytes = Array(text.utf8)
    var off = 0
    while off < bytes.count {
        let n = bytes.withUnsafeBytes { write(2, $0.baseAddress! + off, bytes.count - off) }
        if n <= 0 { return }
        off += n
    }
}

func fail(_ message: String, code: Int32 = 2) -> Never {
    writeStderr("steward-estate-gen: error: \(message)\n")
    exit(code)
}

// MARK: - Arguments

struct Arguments {
    var root = ""
    var count = -1
    var seed: UInt64 = 0
    var now: Timestamp?
    var dueFraction = 0.0
    var quiet = false

    init(_ argv: [String]) {
        var i = 0
        var seenSeed = false
        func value(_ name: String) -> String {
            i += 1
            guard i < argv.count else { fail("\(name) needs a value\n\n" + usage) }
            return argv[i]
        }
        while i < argv.count {
            let a = argv[i]
            switch a {
            case "--root": root = value(a)
            case "--count":
                guard let n = Int(value(a)), n >= 0, n <= 10_000_000 else { fail("--count takes an integer from 0 to 10000000") }
                count = n
            case "--seed":
                guard let s = UInt64(value(a)) else { fail("--seed takes an unsigned integer") }
                seed = s
                seenSeed = true
            case "--now":
                let t = value(a)
                guard let ts = Timestamp(iso8601: t) else { fail("--now takes a time like 2027-03-01T09:00:00Z, not '\(t)'") }
                now = ts
            case "--due-fraction":
                guard let f = Double(value(a)), f >= 0, f <= 1 else { fail("--due-fraction takes a number from 0 to 1") }
                dueFraction = f
            case "--quiet", "-q": quiet = true
            case "--help", "-h":
                print(usage, terminator: "")
                exit(0)
            default: fail("unknown argument '\(a)'\n\n" + usage)
            }
            i += 1
        }
        if root.isEmpty || count < 0 || !seenSeed || now == nil { fail("--root, --count, --seed and --now are required\n\n" + usage) }
    }
}

// MARK: - Deterministic randomness

/// SplitMix64: tiny, fast, and the same on every platform.
struct Rng {
    var state: UInt64
    init(seed: UInt64, stream: UInt64) {
        state = seed &* 0x9E37_79B9_7F4A_7C15 ^ Rng.mix(stream &+ 0x632B_E59B_D9B4_E019)
    }
    static func mix(_ x0: UInt64) -> UInt64 {
        var z = x0 &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func next() -> UInt64 {
        state = state &+ 0x9E37_79B9_7F4A_7C15
        return Rng.mix(state)
    }
    /// Uniform in lo...hi (inclusive).
    mutating func int(_ lo: Int64, _ hi: Int64) -> Int64 {
        precondition(hi >= lo)
        return lo + Int64(next() % UInt64(hi - lo + 1))
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < p }
    mutating func pick<T>(_ xs: [T]) -> T { xs[below(xs.count)] }
    /// An index chosen with the given weights.
    mutating func weighted(_ ws: [Int]) -> Int {
        var r = below(ws.reduce(0, +))
        for (i, w) in ws.enumerated() {
            if r < w { return i }
            r -= w
        }
        return ws.count - 1
    }
}

let minute: Int64 = 60
let hour: Int64 = 3600
let day: Int64 = 86_400

extension Timestamp {
    static func + (t: Timestamp, s: Int64) -> Timestamp { Timestamp(seconds: t.seconds + s) }
    static func - (t: Timestamp, s: Int64) -> Timestamp { Timestamp(seconds: t.seconds - s) }
}

// MARK: - Catalogue: systems, scopes, purposes, people

struct SystemProfile {
    var name: String
    var nouns: [String]
    var kinds: [String]
    var readScopes: [String]
    var writeScopes: [String]
    var readPurposes: [String]
    var writePurposes: [String]
    var reaches: [String]
    /// Platforms bound, in order of preference.
    var platforms: [String]
}

let systems: [SystemProfile] = [
    SystemProfile(name: "salesforce", nouns: ["crm-sync", "lead-router", "account-export", "case-bridge", "quote-sync"],
                  kinds: ["oauth-app", "oauth-app", "api-key"],
                  readScopes: ["read:Account", "read:Contact", "read:Opportunity", "read:Case", "api"],
                  writeScopes: ["write:Account", "write:Lead", "write:Case", "refresh_token"],
                  readPurposes: ["Nightly copy of Accounts into the warehouse", "Pipeline figures for the sales review deck"],
                  writePurposes: ["Keeps Accounts in step with the billing system", "Routes inbound leads to regional queues"],
                  reaches: ["warehouse", "billing", "marketing-automation"], platforms: ["salesforce", "aws"]),
    SystemProfile(name: "github", nouns: ["ci-bot", "release-app", "deps-updater", "code-scan", "docs-publisher"],
                  kinds: ["github-app", "github-app", "deploy-key"],
                  readScopes: ["contents:read", "metadata:read", "issues:read", "pull_requests:read"],
                  writeScopes: ["contents:write", "pull_requests:write", "checks:write", "statuses:write"],
                  readPurposes: ["Mirrors repository metadata into the service catalogue", "Collects pull request lead times"],
                  writePurposes: ["Publishes release builds and tags", "Opens dependency update pull requests"],
                  reaches: ["artifact-store", "service-catalogue", "chat"], platforms: ["github", "aws"]),
    SystemProfile(name: "aws", nouns: ["etl-loader", "backup-job", "log-shipper", "cost-export", "image-builder"],
                  kinds: ["iam-user", "iam-role", "access-key"],
                  readScopes: ["s3:GetObject", "s3:ListBucket", "dynamodb:Query", "logs:GetLogEvents"],
                  writeScopes: ["s3:PutObject", "sqs:SendMessage", "dynamodb:PutItem", "ecr:PutImage"],
                  readPurposes: ["Copies object inventories to the data lake", "Collects cost and usage figures"],
                  writePurposes: ["Loads partner files into the landing bucket", "Ships application logs to the archive"],
                  reaches: ["data-lake", "warehouse", "archive"], platforms: ["aws"]),
    SystemProfile(name: "slack", nouns: ["alert-bot", "standup-bot", "incident-bridge", "oncall-notifier"],
                  kinds: ["oauth-app", "bot-token"],
                  readScopes: ["channels:read", "users:read", "channels:history"],
                  writeScopes: ["chat:write", "reactions:write", "files:write"],
                  readPurposes: ["Counts messages per channel for the workspace clean-up", "Looks up user profiles for the directory"],
                  writePurposes: ["Posts paging alerts into incident channels", "Posts the daily stand-up prompt"],
                  reaches: ["pager", "ticketing"], platforms: ["slack", "aws"]),
    SystemProfile(name: "snowflake", nouns: ["dbt-runner", "bi-reader", "reverse-etl", "ingest-user"],
                  kinds: ["service-account", "key-pair"],
                  readScopes: ["role:ANALYST", "warehouse:BI_WH", "database:ANALYTICS"],
                  writeScopes: ["role:LOADER", "role:TRANSFORMER", "warehouse:ETL_WH"],
                  readPurposes: ["Serves curated tables to finance", "Feeds the weekly churn model"],
                  writePurposes: ["Runs the nightly transformation jobs", "Loads events from the stream into raw tables"],
                  reaches: ["warehouse", "data-lake"], platforms: ["snowflake", "aws"]),
    SystemProfile(name: "stripe", nouns: ["billing-sync", "payout-recon", "invoice-mailer"],
                  kinds: ["restricted-key", "api-key"],
                  readScopes: ["charges:read", "customers:read", "payouts:read", "invoices:read"],
                  writeScopes: ["invoices:write", "customers:write", "refunds:write"],
                  readPurposes: ["Reconciles payouts against the ledger", "Copies invoices to the finance archive"],
                  writePurposes: ["Creates invoices from usage records", "Keeps customer tax ids current"],
                  reaches: ["ledger", "warehouse"], platforms: ["stripe", "aws"]),
    SystemProfile(name: "okta", nouns: ["scim-provisioner", "hr-sync", "access-reviewer"],
                  kinds: ["api-token", "oauth-app"],
                  readScopes: ["okta.users.read", "okta.groups.read", "okta.apps.read"],
                  writeScopes: ["okta.users.manage", "okta.groups.manage"],
                  readPurposes: ["Exports group membership for the quarterly access review", "Checks who can reach production"],
                  writePurposes: ["Provisions accounts from the HR system", "Removes leavers from every group"],
                  reaches: ["hr-system", "directory"], platforms: ["okta", "github"]),
    SystemProfile(name: "datadog", nouns: ["metrics-forwarder", "synthetics-runner", "log-pipeline"],
                  kinds: ["api-key", "application-key"],
                  readScopes: ["metrics_read", "logs_read_data", "monitors_read"],
                  writeScopes: ["metrics_write", "monitors_write", "synthetics_write"],
                  readPurposes: ["Pulls service level figures into the status page", "Copies error counts to the warehouse"],
                  writePurposes: ["Forwards custom metrics from batch jobs", "Creates monitors for new services"],
                  reaches: ["status-page", "pager"], platforms: ["datadog", "aws"]),
    SystemProfile(name: "jira", nouns: ["ticket-bridge", "sprint-sync", "change-logger"],
                  kinds: ["api-token", "oauth-app"],
                  readScopes: ["read:jira-work", "read:jira-user"],
                  writeScopes: ["write:jira-work", "manage:jira-webhook"],
                  readPurposes: ["Copies sprint figures to the planning sheet", "Links incidents to their tickets"],
                  writePurposes: ["Opens tickets for failed deployments", "Records production changes as tickets"],
                  reaches: ["ticketing", "chat"], platforms: ["jira", "github"]),
    SystemProfile(name: "workday", nouns: ["hr-feed", "payroll-bridge", "org-sync"],
                  kinds: ["integration-user", "oauth-app"],
                  readScopes: ["workers:read", "organizations:read", "positions:read"],
                  writeScopes: ["workers:update", "time-off:write"],
                  readPurposes: ["Feeds joiners and leavers to the identity provider", "Copies the org chart to the intranet"],
                  writePurposes: ["Writes approved time off back from the rota tool", "Updates cost centres after reorganisations"],
                  reaches: ["directory", "hr-system", "payroll"], platforms: ["workday", "aws"]),
]

let firstNames = ["dana", "lee", "ana", "omar", "mei", "sven", "ines", "ravi", "lucia", "tom", "yuki", "amir", "nora",
                  "paul", "zara", "ken", "elif", "jon", "sara", "ivan", "ada", "ben", "chloe", "diego", "emma", "farid",
                  "grace", "hugo", "iris", "jamal", "kira", "luis", "maya", "nils", "olga", "pedro", "rosa", "sam"]
let lastNames = ["okafor", "lee", "silva", "haddad", "chen", "berg", "moreau", "iyer", "rossi", "walsh", "tanaka",
                 "karimi", "novak", "schmidt", "ali", "sato", "yilmaz", "park", "costa", "petrov", "king", "owens",
                 "dubois", "garcia", "fischer", "nasser", "hall", "lopez", "mensah", "ortiz"]

func person(_ rng: inout Rng) -> String { "\(rng.pick(firstNames)).\(rng.pick(lastNames))@northwind.example" }

/// Decimal, zero-padded (digits only, so an id never spells a word such as `qa` or `dev`
/// that the environment-mixing lint reads).
func decimal(_ v: Int, width: Int) -> String {
    let s = String(v)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

// MARK: - Simulation of one connector's life

struct GenerationFailure: Error { var reason: String }

/// A connector's life replayed through the engine: human actions at chosen times, and the
/// runner's steps at every daily cron slot (T-1d, T-2d, …) where something fell due.
struct Life {
    let id: String
    let wf: Workflow
    let roles: Roles
    let now: Timestamp
    var doc: ConnectorDocument?
    var state: LifecycleState?
    /// The last cron slot that has run.
    var lastCron = Timestamp(seconds: Int64.min / 4)

    init(id: String, wf: Workflow, roles: Roles, now: Timestamp) {
        self.id = id
        self.wf = wf
        self.roles = roles
        self.now = now
    }

    var count: Int { doc?.history.count ?? 0 }
    var current: String? { state?.state }
    var lastAt: Timestamp { state?.lastAt ?? Timestamp(seconds: 0) }

    /// The first daily cron slot at or after `t` (slots are now - k days).
    func slot(atOrAfter t: Timestamp) -> Timestamp {
        let k = (now.seconds - t.seconds) / day  // floor for t <= now
        return t <= now ? now - k * day : now + ((t.seconds - now.seconds + day - 1) / day) * day
    }

    /// When something might next fall due for the runner (not all of these act).
    func candidates() -> [Timestamp] {
        guard let s = state else { return [] }
        var out: [Timestamp] = []
        let d = s.due
        for t in [d.approval, d.review, d.rotation, d.until] { if let t { out.append(t) } }
        if let r = d.review { out.append(r.adding(wf.timers.reviewGrace)) }
        if let u = d.until, let n = wf.timers.expiryNotice { out.append(u.subtracting(n)) }
        return out
    }

    /// Runs every cron slot before `limit` (exclusive) at which the runner had work.
    mutating func runCrons(before limit: Timestamp) throws {
        let cap = min(limit, now)  // the cron at `now` is the run being benchmarked
        for _ in 0..<64 {
            guard let s = state, let d = doc, s.state != wf.terminal else { return }
            let base = max(lastCron.seconds, s.lastAt?.seconds ?? 0)
            let next = candidates().map { slot(atOrAfter: Timestamp(seconds: max($0.seconds, base))) }
                .filter { $0 > lastCron }.min()
            guard let c = next, c < cap else { return }
            lastCron = c
            if let p = try RunPlan.plan(d, state: s, workflow: wf, now: c, people: nil, signals: nil, file: "State/\(id).json") {
                doc = p.document
                state = p.state
            }
        }
        throw GenerationFailure(reason: "runner loop did not settle")
    }

    /// A human event at `at`, after the crons before it.
    mutating func human(_ event: EventKind, actor: String, at: Timestamp, note: String = "",
                        data: [String: JSONValue] = [:]) throws {
        guard at < now else { throw GenerationFailure(reason: "\(event.rawValue) at or after now") }
        try runCrons(before: at)
        guard at >= lastAt else { throw GenerationFailure(reason: "\(event.rawValue) before the last event") }
        if debug { debugTrail = (doc?.history.map { "\($0.event)@\($0.at)" } ?? []).joined(separator: " ") + " +\(event.rawValue)@\(at) \((data["task"]?.stringValue) ?? "")" }
        let out = try Append.event(event, to: doc, state: state, id: id, actor: actor, at: at, note: note, data: data,
                                   workflow: wf, roles: roles, file: "State/\(id).json")
        doc = out.document
        state = out.state
    }

    /// Runs the crons up to and including now - 1d: the estate as the cron left it.
    mutating func settle() throws { try runCrons(before: now) }
}

// MARK: - Scenarios

let debug = getenv("STEWARD_GEN_DEBUG") != nil
nonisolated(unsafe) var debugTrail = ""  // single-threaded debug runs only

enum Target: Int, CaseIterable {
    case requested, approved, active, reviewDue, rotated, decommissioned

    var stateName: String {
        switch self {
        case .requested: return StateName.requested
        case .approved: return StateName.approved
        case .active: return StateName.active
        case .reviewDue: return StateName.reviewDue
        case .rotated: return StateName.rotated
        case .decommissioned: return StateName.decommissioned
        }
    }
}

enum DueKind: CaseIterable {
    case expire, lapse, review, overdue, rotation, windowEnd, expiryNotice
}

struct Generator: Sendable {
    let standard: Workflow
    let temporary: Workflow
    let roles: Roles
    let now: Timestamp
    let seed: UInt64

    /// The connector of index `i`: its file name and bytes.
    func connector(_ i: Int, due: Bool) -> (name: String, bytes: [UInt8]) {
        var rng = Rng(seed: seed, stream: UInt64(i))
        let sys = systems[rng.below(systems.count)]
        let id = "\(sys.name)-\(rng.pick(sys.nouns))-\(decimal(i, width: 6))"
        // The first six connectors take the six states in turn, so that even a tiny estate
        // has every state; after that, states follow a realistic mix.
        let fixed = i < Target.allCases.count
        let isTemporary = fixed ? false : rng.chance(0.10)
        let target: Target = fixed ? Target(rawValue: i)! : Target(rawValue: rng.weighted([7, 5, 46, 7, 5, 30]))!
        let risk: Risk = [Risk.low, .medium, .high][rng.weighted([40, 40, 20])]
        var lastError = ""
        for _ in 0..<200 {
            var attempt = rng
            _ = rng.next()
            do {
                let life = try build(id: id, sys: sys, temporary: isTemporary, risk: risk, due: due, target: target, rng: &attempt)
                if let doc = life.doc, let s = life.state, (3...12).contains(doc.history.count) {
                    if !due && !isTemporary && doc.state != target.stateName {
                        lastError = "ended \(doc.state), not \(target.stateName)"
                        continue
                    }
                    let planned = try RunPlan.plan(doc, state: s, workflow: life.wf, now: now, people: nil, signals: nil,
                                                   file: "State/\(id).json")
                    if (planned != nil) == due {
                        return (name: "\(id).json", bytes: DocumentEncoding.bytes(doc))
                    }
                    lastError = due ? "nothing due at now" : "something due at now (\(s.state ?? ""))"
                } else {
                    lastError = "event count \(life.count)"
                }
            } catch let e as GenerationFailure {
                lastError = e.reason
            } catch {
                lastError = "\(error)"
            }
            if debug { writeStderr("retry \(i) due=\(due): \(lastError) [\(debugTrail)]\n") }
        }
        fail("could not build connector \(i) (\(id)): \(lastError); this is a generator bug", code: 70)
    }

    func build(id: String, sys: SystemProfile, temporary: Bool, risk: Risk, due: Bool, target: Target,
               rng: inout Rng) throws -> Life {
        let wf = temporary ? self.temporary : standard
        var life = Life(id: id, wf: wf, roles: roles, now: now)
        let business = person(&rng)
        var technical = person(&rng)
        while technical == business { technical = person(&rng) }
        let approvers = roles.approvers
        let reviewPeriod = (wf.timers.review[risk] ?? .days(90)).seconds
        let rotationPeriod = wf.timers.rotation.seconds
        let grace = wf.timers.reviewGrace.seconds
        let requestExpiry = wf.timers.requestExpiry.seconds
        let lapse = wf.timers.approvalLapse.seconds
        /// When a due connector's timer runs out: within the day before now.
        let dueAt = now - rng.int(0, day - 1)

        // The spec, and how it may change.
        let environment = rng.chance(0.8) ? "production" : rng.pick(["staging", "development"])
        let writes = rng.chance(0.55)
        var scopes = Array(sys.readScopes.shuffled(using: &rng).prefix(Int(rng.int(1, 3))))
        if writes { scopes += sys.writeScopes.shuffled(using: &rng).prefix(Int(rng.int(1, 2))) }
        let purpose = rng.pick(writes ? sys.writePurposes : sys.readPurposes)
        let reaches = Array(sys.reaches.shuffled(using: &rng).prefix(Int(rng.int(0, 2))))
        var bindings: [Binding] = []
        let nBindings = min(sys.platforms.count, rng.chance(0.3) ? 2 : 1)
        for p in sys.platforms.prefix(nBindings) { bindings.append(binding(platform: p, id: id, environment: environment, rng: &rng)) }
        var spec = Spec(system: sys.name, purpose: purpose, kind: rng.pick(sys.kinds), environment: environment, risk: risk,
                        owners: Owners(business: business, technical: technical), scopes: scopes, reaches: reaches,
                        secretRef: "vault://kv/integrations/\(id)", until: nil, bindings: bindings)

        func approvalRound(endingAt t: Timestamp) throws {
            let a = approvers.shuffled(using: &rng)
            if risk == .high {
                let room = t.seconds - life.lastAt.seconds
                try life.human(.approve, actor: a[0], at: t - rng.int(1, max(1, min(3 * day, room - 1))), note: "first approval")
                try life.human(.approve, actor: a[1], at: t, note: rng.pick(["", "second approval", "LGTM, scopes match the purpose"]))
            } else {
                try life.human(.approve, actor: a[0], at: t, note: rng.pick(["", "approved", "scopes match the purpose"]))
            }
        }
        func request(at t: Timestamp) throws {
            if temporary, spec.until == nil { spec.until = t + rng.int(20 * day, 89 * day) }
            let requester = rng.chance(0.8) ? technical : business
            try life.human(.request, actor: requester, at: t, note: rng.pick(["", "needed for \(sys.name) integration", "ticket OPS-\(rng.int(100, 9999))"]),
                           data: ["spec": DocumentEncoding.spec(spec.normalized())])
        }
        /// A non-widening amend (purpose wording, a removed scope, or a lower risk is not offered: kept simple).
        func narrowAmend(at t: Timestamp) throws {
            var n = spec
            if n.scopes.count > 1 && rng.chance(0.5) {
                n.scopes.removeLast()
            } else {
                n.purpose = spec.purpose + rng.pick([" (hourly)", " for the EU entity", " and the US entity", " (v2)"])
            }
            spec = n
            try life.human(.amend, actor: technical, at: t, note: "narrowed / clarified", data: ["spec": DocumentEncoding.spec(n.normalized())])
        }
        /// A widening amend (an added scope) followed by its re-approval.
        func wideningAmend(at t: Timestamp, approveBy deadline: Timestamp) throws {
            var n = spec
            let extra = (sys.readScopes + sys.writeScopes).filter { !n.scopes.contains($0) }
            guard let s = extra.first else { return try narrowAmend(at: t) }
            if !writes && sys.writeScopes.contains(s) { return try narrowAmend(at: t) }
            n.scopes.append(s)
            spec = n
            try life.human(.amend, actor: technical, at: t, note: "needs \(s)", data: ["spec": DocumentEncoding.spec(n.normalized())])
            let stillRequested = life.current == StateName.requested
            if !stillRequested {
                let a = approvers.shuffled(using: &rng)
                let when = min(deadline, t + rng.int(hour, 3 * day))
                try life.human(.approve, actor: a[0], at: when, note: "re-approved after widening")
                if risk == .high && life.state?.reapprovalPending == true {
                    try life.human(.approve, actor: a[1], at: min(deadline, when + rng.int(minute, day)), note: "second re-approval")
                }
            }
        }
        func activate(at t: Timestamp) throws {
            try life.human(.activate, actor: technical, at: t, note: "credential issued",
                           data: ["credentialId": .string("cred-\(id.suffix(6))-1")])
        }
        var rotations = 1
        func rotatePair(at t: Timestamp, confirmBy limit: Timestamp, exactly: Bool = false) throws {
            rotations += 1
            try life.human(.rotate, actor: technical, at: t, data: ["credentialId": .string("cred-\(id.suffix(6))-\(rotations)")])
            let c = exactly ? limit : min(limit, t + rng.int(30 * minute, 3 * day))
            try life.human(.confirmRotation, actor: technical, at: c,
                           data: ["evidence": .string("old key revoked at \(sys.name); change CHG-\(rng.int(1000, 99999))")])
        }
        func recertify(at t: Timestamp) throws {
            let a = approvers.filter { !Identity.same($0, technical) }
            try life.human(.recertify, actor: rng.pick(a), at: t, note: rng.pick(["still needed", "reviewed scopes with the owner", "quarterly review"]))
        }
        /// Requests, approves and activates, ending with activation at `t`.
        func onboard(activatedAt t: Timestamp) throws {
            let approvedAt = t - rng.int(hour, 10 * day)
            let requestedAt = approvedAt - rng.int(4 * hour, 12 * day)
            try request(at: requestedAt)
            if rng.chance(0.2) { try narrowAmend(at: requestedAt + rng.int(10 * minute, (approvedAt.seconds - requestedAt.seconds) / 3)) }
            try approvalRound(endingAt: approvedAt)
            try activate(at: t)
        }
        /// Keeps an active connector in good standing (recertify, rotate) until `stop`;
        /// every obligation falling due before `stop + margin` is met before `stop`.
        func maintain(until stop: Timestamp, budget: Int, rotation handleRotation: Bool = true, lateReviews: Bool = true) throws {
            for _ in 0..<20 {
                guard life.count < budget, let s = life.state,
                      s.state == StateName.active || s.state == StateName.reviewDue else { return }
                let review = s.due.review ?? Timestamp(seconds: Int64.max / 4)
                let rot = handleRotation && !s.taskOpened(kind: "rotate-credential", after: s.rotationArmedSeq)
                    ? (s.due.rotation ?? Timestamp(seconds: Int64.max / 4)) : Timestamp(seconds: Int64.max / 4)
                let next = min(review, rot)
                if next > stop + 2 * day { return }
                if rot <= review {
                    let at = max(life.lastAt + hour, rot - rng.int(day, 12 * day))
                    guard at + 3 * day < stop, life.count + 2 <= budget else { return }
                    try rotatePair(at: at, confirmBy: stop - hour)
                } else {
                    let late = lateReviews && rng.chance(0.25)
                    let at = late ? review + rng.int(2 * day, 11 * day) : max(life.lastAt + hour, review - rng.int(hour, 6 * day))
                    guard at < stop else { return }
                    try recertify(at: at)
                }
                if rng.chance(0.07), life.count + 2 < budget {
                    let t = life.lastAt + rng.int(hour, 5 * day)
                    if t + 4 * day < stop, t < (life.state?.due.review ?? t) - 4 * day {
                        if rng.chance(0.5) { try wideningAmend(at: t, approveBy: stop - hour) } else { try narrowAmend(at: t) }
                    }
                }
            }
        }
        /// How far back an active life may start, for the event budget.
        let span: Int64 = [Risk.low: 300 * day, .medium: 200 * day, .high: 110 * day][risk]!

        if temporary {
            // Temporary windows last at most 90 days from the request (workflow maxWindow).
            let until: Timestamp
            let start: Timestamp
            if due {
                until = rng.chance(0.6) ? dueAt : dueAt + 7 * day  // the window ends, or its notice falls due
                start = until - rng.int(25 * day, 88 * day)
            } else if rng.chance(0.6) {
                start = now - rng.int(10 * day, 70 * day)  // still running, the notice not yet due
                until = max(now + 8 * day, start + rng.int(20 * day, 88 * day))
            } else {
                until = now - rng.int(2 * day, 300 * day)  // ended: decommissioned by the cron
                start = until - rng.int(20 * day, 88 * day)
            }
            spec.until = until
            try request(at: start)
            let stopAt = min(now - hour, until - hour)
            func within(_ lo: Int64, _ hi: Int64) -> Timestamp {
                let room = stopAt.seconds - life.lastAt.seconds
                return life.lastAt + rng.int(min(lo, max(1, room / 4)), max(1, min(hi, room / 2)))
            }
            switch rng.weighted([15, 15, 55, 15]) {
            case 0:  // still requested
                try narrowAmend(at: within(hour, 5 * day))
                try narrowAmend(at: within(hour, 5 * day))
            case 1:  // approved
                try approvalRound(endingAt: within(day, 5 * day))
                if life.count < 3 { try narrowAmend(at: within(hour, 3 * day)) }
            case 2:  // active
                try approvalRound(endingAt: within(day, 5 * day))
                try activate(at: within(hour, 5 * day))
                if rng.chance(0.3) { try narrowAmend(at: within(hour, 5 * day)) }
            default:  // rotated once
                try approvalRound(endingAt: within(day, 5 * day))
                try activate(at: within(hour, 3 * day))
                try rotatePair(at: within(5 * day, 15 * day), confirmBy: stopAt)
            }
            try life.settle()
            return life
        }

        if due {
            let kinds: [DueKind] = [.expire, .lapse, .review, .overdue, .rotation]
            switch kinds[rng.weighted([10, 10, 40, 20, 20])] {
            case .expire:
                let t = dueAt - requestExpiry
                try request(at: t)
                try narrowAmend(at: t + rng.int(hour, 10 * day))
                if risk == .high && rng.chance(0.5) {
                    try life.human(.approve, actor: approvers[rng.below(approvers.count)], at: t + rng.int(11 * day, 20 * day), note: "first approval")
                } else {
                    try narrowAmend(at: t + rng.int(11 * day, 25 * day))
                }
            case .lapse:
                let a = dueAt - lapse
                try request(at: a - rng.int(5 * day, 12 * day))
                if rng.chance(0.5) { try narrowAmend(at: a - 3 * day - rng.int(hour, day)) }
                try approvalRound(endingAt: a)
                if life.count < 3 { try narrowAmend(at: a + rng.int(hour, 5 * day)) }
            case .review:
                let r = dueAt - reviewPeriod
                let act = r - rng.int(0, span)
                try onboard(activatedAt: act)
                try maintain(until: r - day, budget: 11, rotation: true, lateReviews: false)
                if life.lastAt < r - hour, life.state?.due.review ?? now > r { try recertify(at: r) }
                try maintain(until: now - 3 * day, budget: 12, rotation: true, lateReviews: false)
            case .overdue:
                let r = dueAt - grace - reviewPeriod
                let act = r - rng.int(0, span)
                try onboard(activatedAt: act)
                try maintain(until: r - day, budget: 10, rotation: true, lateReviews: false)
                if life.lastAt < r - hour, life.state?.due.review ?? now > r { try recertify(at: r) }
            case .rotation:
                let q = dueAt - rotationPeriod
                if rng.chance(0.5) || risk == .low {
                    try onboard(activatedAt: q)
                } else {
                    try onboard(activatedAt: q - rng.int(20 * day, 80 * day))
                    try maintain(until: q - 4 * day, budget: 8, rotation: false, lateReviews: false)
                    if let s = life.state, s.state == StateName.active || s.state == StateName.reviewDue, life.lastAt < q - 4 * day {
                        try rotatePair(at: q - rng.int(day, 3 * day), confirmBy: q, exactly: true)
                    } else {
                        throw GenerationFailure(reason: "rotation scenario")
                    }
                }
                try maintain(until: now - 2 * day, budget: 12, rotation: false, lateReviews: false)
            case .windowEnd, .expiryNotice:
                break
            }
            try life.settle()
            return life
        }

        switch target {
        case .requested:
            if rng.chance(0.5) {
                let t = now - rng.int(2 * day, 28 * day)
                try request(at: t)
                let gap = (now.seconds - t.seconds - hour) / 3
                try narrowAmend(at: t + rng.int(hour, gap))
                if risk == .high && rng.chance(0.5) {
                    try life.human(.approve, actor: rng.pick(approvers), at: t + gap + rng.int(hour, gap), note: "first approval")
                } else {
                    try narrowAmend(at: t + gap + rng.int(hour, gap))
                }
            } else {
                let a = now - rng.int(16 * day, 42 * day)
                try request(at: a - rng.int(4 * day, 9 * day))
                try approvalRound(endingAt: a)
                try life.settle()  // the approval lapses at the next cron after a + 14d
                if rng.chance(0.5) { try narrowAmend(at: life.lastAt + rng.int(hour, max(hour, (now.seconds - life.lastAt.seconds) / 2))) }
            }
        case .approved:
            let a = now - rng.int(hour, 13 * day)
            let r = a - rng.int(4 * day, 10 * day)
            try request(at: r)
            if risk != .high || rng.chance(0.5) { try narrowAmend(at: r + rng.int(hour, day)) }
            try approvalRound(endingAt: a)
            if life.count < 3 { try narrowAmend(at: a + rng.int(minute, max(minute, (now.seconds - a.seconds) / 2))) }
        case .active:
            let act = now - rng.int(day, span)
            try onboard(activatedAt: act)
            try maintain(until: now - 2 * day, budget: 12)
            if life.current == StateName.reviewDue { try recertify(at: life.lastAt + rng.int(hour, day)) }
        case .reviewDue:
            // The last review reset r: its review fell due between 13 and 2 days ago.
            let r = now - reviewPeriod - rng.int(2 * day, 13 * day)
            try onboard(activatedAt: r - rng.int(0, span))
            try maintain(until: r - day, budget: 10, rotation: true, lateReviews: false)
            if life.lastAt < r - hour, life.state?.due.review ?? now > r { try recertify(at: r) }
        case .rotated:
            let x = now - rng.int(hour, 20 * day)
            try onboard(activatedAt: x - rng.int(2 * day, span))
            try maintain(until: x - day, budget: 10)
            try life.human(.rotate, actor: technical, at: x, data: ["credentialId": .string("cred-\(id.suffix(6))-new")])
        case .decommissioned:
            let end = now - rng.int(2 * day, 500 * day)
            switch rng.weighted([15, 15, 15, 55]) {
            case 0:  // rejected
                let t = end - rng.int(day, 20 * day)
                try request(at: t)
                try narrowAmend(at: t + rng.int(hour, (end.seconds - t.seconds) / 2))
                try life.human(.reject, actor: rng.pick(approvers), at: end,
                               data: ["reason": .string(rng.pick(["duplicate of an existing connector", "use the shared SSO integration instead", "scopes far beyond the purpose"]))])
            case 1:  // request expired at the cron
                let t = end - requestExpiry
                try request(at: t)
                try narrowAmend(at: t + rng.int(hour, 14 * day))
                if rng.chance(0.5) { try narrowAmend(at: t + rng.int(15 * day, 28 * day)) }
            case 2:  // review overdue: fail closed
                let r = end - grace - reviewPeriod
                try onboard(activatedAt: r - rng.int(0, span / 2))
                try maintain(until: r - day, budget: 8, rotation: true, lateReviews: false)
                if life.lastAt < r - hour, life.state?.due.review ?? now > r { try recertify(at: r) }
            default:  // decommissioned by a person, then offboarding tasks closed
                try onboard(activatedAt: end - rng.int(3 * day, span))
                try maintain(until: end - day, budget: 7)
                try life.human(.decommission, actor: rng.chance(0.5) ? business : "security-oncall@northwind.example", at: end,
                               data: ["reason": .string(rng.pick(["integration retired", "replaced by the v2 connector", "vendor contract ended", "owner left; nobody needs it"]))])
            }
            try life.settle()
            // Close some offboarding tasks with evidence, one at a time.
            var t = life.lastAt
            for _ in 0..<rng.below(5) where life.count < 12 {
                guard let task = life.state?.tasks.first(where: { $0.status == .open }) else { break }
                t = t + rng.int(10 * minute, day)
                guard t < now - hour else { break }
                try life.human(.closeTask, actor: technical, at: t,
                               data: ["task": .string(task.id), "evidence": .string("done: \(task.kind) for \(id), ticket OPS-\(rng.int(100, 9999))")])
            }
        }
        try life.settle()
        return life
    }

    func binding(platform: String, id: String, environment: String, rng: inout Rng) -> Binding {
        let prod = environment == "production"
        switch platform {
        case "aws":
            let account = prod ? rng.pick(["123456789012", "210987654321", "555566667777"]) : rng.pick(["444455556666", "888899990000"])
            return Binding(platform: "aws", ref: "arn:aws:iam::\(account):\(rng.chance(0.6) ? "user" : "role")/\(id)")
        case "github":
            return Binding(platform: "github", ref: "northwind-\(id)")
        case "salesforce":
            return Binding(platform: "salesforce", ref: "NW_" + id.replacingDashes())
        default:
            return Binding(platform: platform, ref: "\(platform)/\(id)")
        }
    }
}

extension String {
    func replacingDashes() -> String { String(map { $0 == "-" ? "_" : $0 }) }
}

extension Array {
    func shuffled(using rng: inout Rng) -> [Element] {
        var a = self
        if a.count < 2 { return a }
        for i in stride(from: a.count - 1, to: 0, by: -1) {
            let j = rng.below(i + 1)
            a.swapAt(i, j)
        }
        return a
    }
}

// MARK: - Main

let args = Arguments(Array(CommandLine.arguments.dropFirst()))
let rootPath = args.root.hasPrefix("/") ? args.root : GovernanceRoot.currentDirectory() + "/" + args.root
let started = monotonic()

func monotonic() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

func makeDirectories(_ path: String) {
    var built = ""
    for part in path.split(separator: "/") {
        built += "/" + part
        if mkdir(built, 0o755) != 0 && errno != EEXIST { fail("cannot create \(built): \(errorText(errno))", code: 1) }
    }
}

func writeFile(_ path: String, _ contents: String) {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o644)
    guard fd >= 0 else { fail("cannot write \(path): \(errorText(errno))", code: 1) }
    let bytes = Array(contents.utf8)
    var off = 0
    while off < bytes.count {
        let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + off, bytes.count - off) }
        if n <= 0 { fail("cannot write \(path): \(errorText(errno))", code: 1) }
        off += n
    }
    close(fd)
}

makeDirectories(rootPath + "/State")
if let existing = try? SafeFile.list(rootPath + "/State", shown: "State/"), existing.contains(where: { !$0.hasPrefix(".") }) {
    fail("\(args.root)/State/ already holds connector files; give an empty or new directory", code: 1)
}
for f in DefaultFiles.all {
    let path = rootPath + "/" + f.path
    if let slash = path.lastIndex(of: "/") { makeDirectories(String(path[..<slash])) }
    writeFile(path, f.contents)
}
writeFile(rootPath + "/.gitignore", "# steward: the lock and stray temporary files are never committed\nState/.lock\nState/.*.tmp-*\n")
writeFile(rootPath + "/State/.gitkeep", "")

let root = GovernanceRoot(path: rootPath)
let workflows: WorkflowSet
do { workflows = try WorkflowSet.load(root) } catch { fail("the default workflows do not load: \(error)", code: 70) }
guard let standardWF = workflows.workflows["standard"], let temporaryWF = workflows.workflows["temporary"] else {
    fail("the default workflows lack standard or temporary", code: 70)
}
let generator = Generator(standard: standardWF, temporary: temporaryWF, roles: workflows.roles, now: args.now!, seed: args.seed)

let dueCount = Int((args.dueFraction * Double(args.count)).rounded())
/// Connector i is due when the count of due connectors below i+1 steps up: spreads
/// exactly `dueCount` of them evenly over the indices.
@Sendable func isDue(_ i: Int, count: Int, dueCount: Int) -> Bool {
    guard count > 0 else { return false }
    return (i + 1) * dueCount / count != i * dueCount / count
}
let total = args.count

let writer = AtomicWriter(directory: root.statePath, shown: "State")
let batch = 4096
var start = 0
var bytesWritten = 0
while start < args.count {
    let indices = Array(start..<min(args.count, start + batch))
    let make: @Sendable (Int) -> (name: String, bytes: [UInt8]) = { i in generator.connector(i, due: isDue(i, count: total, dueCount: dueCount)) }
    let files = debug ? indices.map(make) : ParallelMap.map(indices, make)
    do { try writer.write(files) } catch { fail("\(error)", code: 1) }
    bytesWritten += files.reduce(0) { $0 + $1.bytes.count }
    start += batch
}
if !args.quiet {
    let tenths = Int(((monotonic() - started) * 10).rounded())
    writeStderr("steward-estate-gen: wrote \(args.count) connectors (\(dueCount) due at \(args.now!)) to \(args.root)/State, \(bytesWritten / 1024) KiB in \(tenths / 10).\(tenths % 10) s\n")
}
