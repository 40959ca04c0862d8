import Foundation
import StewardCore
import XCTest

/// What a spawned process did.
struct GateOutput {
    var status: Int32
    var stdout: String
    var stderr: String

    /// stdout parsed as a JSON object (nil when it is not one).
    var object: [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(stdout.utf8))) as? [String: Any]
    }

    /// `check --format json`: the rule ids of the violations / warnings.
    var violationRules: [String] { rules("violations") }
    var warningRules: [String] { rules("warnings") }
    func rules(_ key: String) -> [String] { findings(key).compactMap { $0["rule"] as? String } }
    func findings(_ key: String) -> [[String: Any]] { object?[key] as? [[String: Any]] ?? [] }
}

/// A throw-away governance repository with real git, driven through the built `steward`
/// binary. Commits are made by whoever the test names (GIT_AUTHOR_* / GIT_COMMITTER_*), at
/// the time it names, never signed unless asked. Removed when the test ends.
final class GateRepo {
    static let admin = "admin@x.example"
    static let t0 = "2026-01-01T00:00:00Z"

    /// The `steward` executable of the build the tests belong to (`StewardBinary`).
    static let binary = StewardBinary.path

    let root: String
    private let home: String

    /// Creates the repository: `steward init`, roles with `approvers` and `logins`, one
    /// commit on `main` by admin at t0.
    init(approvers: [String] = ["alice@x.example", "bob@x.example"],
         logins: [String: String] = ["alice-gh": "alice@x.example", "bob-gh": "bob@x.example", "rita-gh": "rita@x.example"],
         file: StaticString = #filePath, line: UInt = #line) throws {
        guard !Self.binary.isEmpty else {
            XCTFail("the steward binary is not next to the test bundle (\(Bundle.main.bundleURL.path)); build it first", file: file, line: line)
            throw CocoaError(.fileNoSuchFile)
        }
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("steward-gate-\(UUID().uuidString)")
        root = base.appendingPathComponent("repo").path
        home = base.appendingPathComponent("home").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        try expect(steward(["init", "."]), 0, file: file, line: line)
        try writeRoles(approvers: approvers, logins: logins)
        try expect(git(["init", "-q", "-b", "main", "."]), 0, file: file, line: line)
        for (k, v) in [("commit.gpgsign", "false"), ("core.fileMode", "true"), ("user.name", "admin"), ("user.email", Self.admin)] {
            try expect(git(["config", k, v]), 0, file: file, line: line)
        }
        try commit(Self.admin, at: Self.t0, "steward init", file: file, line: line)
    }

    deinit { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: root).deletingLastPathComponent().path) }

    // MARK: processes

    var baseEnvironment: [String: String] {
        ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin", "HOME": home,
         "GIT_CONFIG_NOSYSTEM": "1", "LC_ALL": "C", "TZ": "UTC"]
    }

    func run(_ executable: String, _ args: [String], env: [String: String] = [:]) -> GateOutput {
        // The core's process adapter: reads both pipes fully, waits on the exit signal.
        let environment = baseEnvironment.merging(env) { $1 }
        guard let o = try? ProcessRunner.run(executable, args, in: root, environment: environment) else {
            return GateOutput(status: -1, stdout: "", stderr: "cannot run \(executable)")
        }
        return GateOutput(status: o.status, stdout: String(decoding: o.stdout, as: UTF8.self), stderr: o.stderr)
    }

    @discardableResult
    func steward(_ args: [String], env: [String: String] = [:]) -> GateOutput { run(Self.binary, args, env: env) }

    @discardableResult
    func git(_ args: [String], env: [String: String] = [:]) -> GateOutput { run("/usr/bin/env", ["git"] + args, env: env) }

    /// Fails the test (and throws) unless `o` exited with `status`.
    @discardableResult
    func expect(_ o: GateOutput, _ status: Int32, file: StaticString = #filePath, line: UInt = #line) throws -> GateOutput {
        if o.status != status {
            XCTFail("exit \(o.status), expected \(status)\nstdout: \(o.stdout)\nstderr: \(o.stderr)", file: file, line: line)
            throw CocoaError(.executableLoad)
        }
        return o
    }

    /// `steward ARGS --as ACTOR --now AT`, which must succeed.
    func act(_ args: [String], as actor: String, at: String, file: StaticString = #filePath, line: UInt = #line) throws {
        try expect(steward(args + ["--as", actor, "--now", at]), 0, file: file, line: line)
    }

    /// Stages everything and commits it as `author` (author and committer) at `at`;
    /// `committedAt` overrides the committer time. Returns the new HEAD sha.
    @discardableResult
    func commit(_ author: String, at: String, committedAt: String? = nil, _ message: String = "change", sign: Bool = false,
                file: StaticString = #filePath, line: UInt = #line) throws -> String {
        try expect(git(["add", "-A"]), 0, file: file, line: line)
        let name = String(author.split(separator: "@").first ?? "someone")
        let env = ["GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": author, "GIT_AUTHOR_DATE": at,
                   "GIT_COMMITTER_NAME": name, "GIT_COMMITTER_EMAIL": author, "GIT_COMMITTER_DATE": committedAt ?? at]
        try expect(git(["commit", "-q", "--allow-empty", sign ? "-S" : "--no-gpg-sign", "-m", message], env: env), 0, file: file, line: line)
        return head
    }

    var head: String { git(["rev-parse", "HEAD"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines) }

    func branch(_ name: String = "pr", file: StaticString = #filePath, line: UInt = #line) throws {
        try expect(git(["checkout", "-q", "-b", name]), 0, file: file, line: line)
    }

    /// `steward check --base main --format FORMAT` plus `extra`.
    func check(_ extra: [String] = [], format: String = "json", env: [String: String] = [:]) -> GateOutput {
        steward(["check", "--base", "main", "--format", format] + extra, env: env)
    }

    // MARK: files

    func path(_ relative: String) -> String { root + "/" + relative }

    func write(_ relative: String, _ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path(relative)))
    }

    func read(_ relative: String) throws -> String { try String(contentsOfFile: path(relative), encoding: .utf8) }

    func writeRoles(approvers: [String], logins: [String: String]) throws {
        let value = JSONValue.object(["approvers": .array(approvers.map(JSONValue.string)),
                                      "logins": .object(logins.mapValues(JSONValue.string))])
        try Data(CanonicalJSON.pretty(value)).write(to: URL(fileURLWithPath: path("Workflows/roles.json")))
    }

    var governanceRoot: GovernanceRoot { GovernanceRoot(path: root) }

    func load(_ id: String) throws -> ConnectorDocument { try StateStore(root: governanceRoot).load(id) }

    func save(_ doc: ConnectorDocument) throws {
        try Data(DocumentEncoding.bytes(doc)).write(to: URL(fileURLWithPath: path("State/\(doc.id).json")))
    }

    func workflow(_ name: String = "standard") throws -> Workflow {
        try WorkflowSet.load(governanceRoot).workflow(named: name, for: name)
    }

    /// Appends an event the way a forger with this code would: a correct hash chain and
    /// projection, but none of the workflow's guards (`lax`) and no secret scan.
    func forge(_ id: String, _ kind: EventKind, by actor: String, at: String, data: [String: JSONValue] = [:],
               lax: Bool = true) throws {
        let doc = try load(id)
        var wf = try workflow(doc.workflow)
        if lax { wf.transitions = wf.transitions.map { var t = $0; t.guards = []; return t } }
        let state = try Replay.run(doc, workflow: try workflow(doc.workflow), file: id).get()
        let out = try Append.event(kind, to: doc, state: state, id: id, actor: actor, at: Timestamp(iso8601: at)!, note: "",
                                   data: data, workflow: wf, roles: nil, file: id)
        try save(out.document)
    }

    /// `history` rebuilt event by event through `Append` (same actors, times, data and
    /// notes), so hashes and the projection are exactly what steward would have written.
    func rebuilt(_ id: String, workflow name: String = "standard", _ history: [Event]) throws -> ConnectorDocument {
        let wf = try workflow(name)
        var doc: ConnectorDocument?
        var state: LifecycleState?
        for e in history {
            let out = try Append.event(EventKind(rawValue: e.event)!, to: doc, state: state, id: id, actor: e.actor, at: e.at,
                                       note: e.note, data: e.data, workflow: wf, roles: nil, file: id)
            doc = out.document
            state = out.state
        }
        return doc!
    }

    // MARK: scenarios

    /// `steward new ID` with a sane spec, as `actor`.
    func request(_ id: String, as actor: String = "rita@x.example", at: String, secretRef: String? = nil, extra: [String] = [],
                 file: StaticString = #filePath, line: UInt = #line) throws {
        try act(["new", id, "--system", "salesforce", "--purpose", "Nightly export of Accounts to the warehouse",
                 "--business-owner", "dana@x.example", "--technical-owner", "lee@x.example", "--scope", "read:Account",
                 "--secret-ref", secretRef ?? "vault://kv/integrations/\(id)"] + extra, as: actor, at: at, file: file, line: line)
    }

    /// On main: `id` requested by rita, approved by alice, activated by lee on 2026-01-02,
    /// committed by admin at 12:00. Then the pull-request branch `pr` is created.
    func activeOnMainThenBranch(_ id: String = "crm-sync", extra: [String] = [], highRisk: Bool = false,
                                file: StaticString = #filePath, line: UInt = #line) throws {
        try request(id, at: "2026-01-02T09:00:00Z", extra: extra + (highRisk ? ["--risk", "high"] : []), file: file, line: line)
        try act(["approve", id], as: "alice@x.example", at: "2026-01-02T10:00:00Z", file: file, line: line)
        if highRisk { try act(["approve", id], as: "bob@x.example", at: "2026-01-02T10:05:00Z", file: file, line: line) }
        try act(["activate", id, "--credential-id", "key-1"], as: "lee@x.example", at: "2026-01-02T11:00:00Z", file: file, line: line)
        try commit(Self.admin, at: "2026-01-02T12:00:00Z", "add \(id)", file: file, line: line)
        try branch(file: file, line: line)
    }

    /// Whether this machine can make SSH signatures git verifies (ssh-keygen on PATH).
    var canSignWithSSH: Bool { run("/usr/bin/env", ["sh", "-c", "command -v ssh-keygen"]).status == 0 }

    /// A new ed25519 key outside the repository: its private key path and public key line.
    func sshKey(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws -> (path: String, pub: String) {
        let path = URL(fileURLWithPath: root).deletingLastPathComponent().appendingPathComponent("key-\(name)").path
        try expect(run("/usr/bin/env", ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", path]), 0, file: file, line: line)
        let pub = try String(contentsOfFile: path + ".pub", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        return (path, pub)
    }

    /// Makes later `commit(..., sign: true)` sign with the SSH key at `key`.
    func signWith(_ key: String, file: StaticString = #filePath, line: UInt = #line) throws {
        for (k, v) in [("gpg.format", "ssh"), ("user.signingkey", key)] {
            try expect(git(["config", k, v]), 0, file: file, line: line)
        }
    }

    /// Sets every lint of every workflow to `level`.
    func setAllLints(_ level: String) throws {
        for name in ["standard", "temporary"] {
            let file = "Workflows/\(name).json"
            guard case .object(var wf) = try JSONFile.parse(bytes: Array(try read(file).utf8), shown: file),
                  case .object(let lints)? = wf["lints"] else { continue }
            wf["lints"] = .object(lints.mapValues { _ in .string(level) })
            try Data(CanonicalJSON.pretty(.object(wf))).write(to: URL(fileURLWithPath: path(file)))
        }
    }

    /// Writes `reviews` (GitHub's shape) to a file outside the repository and returns its path.
    func reviewsFile(_ reviews: [(login: String, state: String, commit: String, at: String)]) throws -> String {
        let value = JSONValue.array(reviews.enumerated().map { i, r in
            .object(["id": .int(Int64(1000 + i)), "user": .object(["login": .string(r.login), "type": .string("User")]),
                     "state": .string(r.state), "commit_id": .string(r.commit), "submitted_at": .string(r.at),
                     "body": .string(""), "author_association": .string("MEMBER")])
        })
        let file = URL(fileURLWithPath: root).deletingLastPathComponent().appendingPathComponent("reviews-\(UUID().uuidString).json").path
        try Data(CanonicalJSON.pretty(value)).write(to: URL(fileURLWithPath: file))
        return file
    }
}
