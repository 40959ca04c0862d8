#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import StewardAdapters

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

/// The systems connectors are drawn for, one block of three lines each, cells separated by
/// ` | `: `name | nouns | kinds | reaches | platforms` (bound, in order of preference), then
/// `scopes | read | write` and `purposes | read | write`. Lists are separated by spaces,
/// purposes (sentences) by `; `. A table rather than Swift literals: ten systems read as
/// ten blocks, and adding one is editing three lines.
let systems: [SystemProfile] = SystemProfile.parse("""
    salesforce | crm-sync lead-router account-export case-bridge quote-sync | oauth-app oauth-app api-key | warehouse billing marketing-automation | salesforce aws
        scopes | read:Account read:Contact read:Opportunity read:Case api | write:Account write:Lead write:Case refresh_token
        purposes | Nightly copy of Accounts into the warehouse; Pipeline figures for the sales review deck | Keeps Accounts in step with the billing system; Routes inbound leads to regional queues
    github | ci-bot release-app deps-updater code-scan docs-publisher | github-app github-app deploy-key | artifact-store service-catalogue chat | github aws
        scopes | contents:read metadata:read issues:read pull_requests:read | contents:write pull_requests:write checks:write statuses:write
        purposes | Mirrors repository metadata into the service catalogue; Collects pull request lead times | Publishes release builds and tags; Opens dependency update pull requests
    aws | etl-loader backup-job log-shipper cost-export image-builder | iam-user iam-role access-key | data-lake warehouse archive | aws
        scopes | s3:GetObject s3:ListBucket dynamodb:Query logs:GetLogEvents | s3:PutObject sqs:SendMessage dynamodb:PutItem ecr:PutImage
        purposes | Copies object inventories to the data lake; Collects cost and usage figures | Loads partner files into the landing bucket; Ships application logs to the archive
    slack | alert-bot standup-bot incident-bridge oncall-notifier | oauth-app bot-token | pager ticketing | slack aws
        scopes | channels:read users:read channels:history | chat:write reactions:write files:write
        purposes | Counts messages per channel for the workspace clean-up; Looks up user profiles for the directory | Posts paging alerts into incident channels; Posts the daily stand-up prompt
    snowflake | dbt-runner bi-reader reverse-etl ingest-user | service-account key-pair | warehouse data-lake | snowflake aws
        scopes | role:ANALYST warehouse:BI_WH database:ANALYTICS | role:LOADER role:TRANSFORMER warehouse:ETL_WH
        purposes | Serves curated tables to finance; Feeds the weekly churn model | Runs the nightly transformation jobs; Loads events from the stream into raw tables
    stripe | billing-sync payout-recon invoice-mailer | restricted-key api-key | ledger warehouse | stripe aws
        scopes | charges:read customers:read payouts:read invoices:read | invoices:write customers:write refunds:write
        purposes | Reconciles payouts against the ledger; Copies invoices to the finance archive | Creates invoices from usage records; Keeps customer tax ids current
    okta | scim-provisioner hr-sync access-reviewer | api-token oauth-app | hr-system directory | okta github
        scopes | okta.users.read okta.groups.read okta.apps.read | okta.users.manage okta.groups.manage
        purposes | Exports group membership for the quarterly access review; Checks who can reach production | Provisions accounts from the HR system; Removes leavers from every group
    datadog | metrics-forwarder synthetics-runner log-pipeline | api-key application-key | status-page pager | datadog aws
        scopes | metrics_read logs_read_data monitors_read | metrics_write monitors_write synthetics_write
        purposes | Pulls service level figures into the status page; Copies error counts to the warehouse | Forwards custom metrics from batch jobs; Creates monitors for new services
    jira | ticket-bridge sprint-sync change-logger | api-token oauth-app | ticketing chat | jira github
        scopes | read:jira-work read:jira-user | write:jira-work manage:jira-webhook
        purposes | Copies sprint figures to the planning sheet; Links incidents to their tickets | Opens tickets for failed deployments; Records production changes as tickets
    workday | hr-feed payroll-bridge org-sync | integration-user oauth-app | directory hr-system payroll | workday aws
        scopes | workers:read organizations:read positions:read | workers:update time-off:write
        purposes | Feeds joiners and leavers to the identity provider; Copies the org chart to the intranet | Writes approved time off back from the rota tool; Updates cost centres after reorganisations
    """)

extension SystemProfile {
    /// Reads the blocks of `systems`; a malformed block stops the generator at once.
    static func parse(_ text: String) -> [SystemProfile] {
        let lines = text.split(separator: "\n").map { $0.split(separator: "|").map { $0.drop { $0 == " " } } }
        precondition(lines.count % 3 == 0, "systems: every block has 3 lines")
        return stride(from: 0, to: lines.count, by: 3).map { start in
            let head = lines[start], scopes = lines[start + 1], purposes = lines[start + 2]
            precondition(head.count == 5 && scopes.count == 3 && purposes.count == 3
                         && scopes[0].hasPrefix("scopes") && purposes[0].hasPrefix("purposes"), "systems: block at line \(start + 1)")
            func words(_ cell: Substring) -> [String] { cell.split(separator: " ").map(String.init) }
            func sentences(_ cell: Substring) -> [String] {
                cell.split(separator: ";").map { s in String(s.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed()) }
            }
            return SystemProfile(name: words(head[0])[0], nouns: words(head[1]), kinds: words(head[2]),
                                 readScopes: words(scopes[1]), writeScopes: words(scopes[2]),
                                 readPurposes: sentences(purposes[1]), writePurposes: sentences(purposes[2]),
                                 reaches: words(head[3]), platforms: words(head[4]))
        }
    }
}

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
