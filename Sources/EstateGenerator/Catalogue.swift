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
