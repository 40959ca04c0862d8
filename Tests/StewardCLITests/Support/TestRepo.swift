import Foundation
import StewardCore
import XCTest

/// A throw-away governance repository made with `steward init` in a new temporary
/// directory, driven through the built binary with a private HOME (so the machine's git
/// identity does not leak into a test) and, when `clock` is set, a fixed `STEWARD_NOW`.
/// Removed when the test ends. `EndToEndRepo` and `GateRepo` add their scenarios.
class TestRepo {
    /// The fixed clock of the end-to-end tests, and the default time of a request.
    static let t0 = "2026-01-05T09:00:00Z"
    static let admin = "admin@x.example"
    static let alice = "alice@x.example", bob = "bob@x.example", carol = "carol@x.example"
    static let rita = "rita@x.example", dana = "dana@x.example", lee = "lee@x.example"

    /// The `steward` executable of this build (`StewardBinary`).
    static let binary = StewardBinary.path

    /// The temporary directory holding `root` (`repo/`) and `home` (`home/`).
    let base: String
    let root: String
    let home: String
    /// `STEWARD_NOW` for every process (nil: the wall clock).
    let clock: String?

    /// `steward init repo` in a new temporary directory, then `Workflows/roles.json` with
    /// `approvers` and `logins`.
    init(clock: String?, approvers: [String], logins: [String: String], file: StaticString, line: UInt) throws {
        guard !Self.binary.isEmpty else {
            XCTFail("the steward binary was not found next to \(Bundle.main.bundleURL.path); build it first", file: file, line: line)
            throw CocoaError(.fileNoSuchFile)
        }
        self.clock = clock
        base = FileManager.default.temporaryDirectory.appendingPathComponent("steward-test-\(UUID().uuidString)").path
        root = base + "/repo"
        home = base + "/home"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        try expect(run(Self.binary, ["init", "repo"], in: base), 0, file: file, line: line)
        try writeRoles(approvers: approvers, logins: logins)
    }

    deinit { try? FileManager.default.removeItem(atPath: base) }

    /// `git init` on `main` with admin as the identity and no signing, then a first commit
    /// of everything by admin at `at`.
    func initGit(at: String, file: StaticString, line: UInt) throws {
        try expect(git(["init", "-q", "-b", "main", "."]), 0, file: file, line: line)
        for (k, v) in [("commit.gpgsign", "false"), ("core.fileMode", "true"), ("user.name", "admin"), ("user.email", Self.admin)] {
            try expect(git(["config", k, v]), 0, file: file, line: line)
        }
        try commit(at: at, "steward init", file: file, line: line)
    }

    // MARK: processes

    /// PATH, a private HOME with no git config, no system git config, UTC, and the clock.
    var environment: [String: String] {
        var env = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin", "HOME": home,
                   "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null", "LC_ALL": "C", "TZ": "UTC"]
        env["STEWARD_NOW"] = clock
        return env
    }

    /// Runs `executable` in `dir` (default: the repository) with `environment` plus `env`
    /// (an empty value removes the variable) and waits for it.
    func run(_ executable: String, _ args: [String], in dir: String? = nil, env: [String: String] = [:]) -> ProcessResult {
        // The core's process adapter: reads both pipes fully, waits on the exit signal.
        let environment = environment.merging(env) { $1 }.filter { !$0.value.isEmpty }
        guard let o = try? ProcessRunner.run(executable, args, in: dir ?? root, environment: environment) else {
            return ProcessResult(status: -1, stdout: "", stderr: "cannot run \(executable)")
        }
        return ProcessResult(status: o.status, stdout: String(decoding: o.stdout, as: UTF8.self), stderr: o.stderr)
    }

    @discardableResult
    func steward(_ args: [String], env: [String: String] = [:]) -> ProcessResult { run(Self.binary, args, env: env) }

    @discardableResult
    func git(_ args: [String], env: [String: String] = [:]) -> ProcessResult { run("/usr/bin/env", ["git"] + args, env: env) }

    /// Fails the test (and throws) unless `r` exited with `status`.
    @discardableResult
    func expect(_ r: ProcessResult, _ status: Int32, file: StaticString = #filePath, line: UInt = #line) throws -> ProcessResult {
        guard r.status == status else {
            XCTFail("exit \(r.status), expected \(status)\nstdout: \(r.stdout)\nstderr: \(r.stderr)", file: file, line: line)
            throw CocoaError(.executableLoad)
        }
        return r
    }

    /// `steward ARGS --as ACTOR --now AT`, which must succeed.
    @discardableResult
    func act(_ args: [String], as actor: String, at: String, file: StaticString = #filePath, line: UInt = #line) throws -> ProcessResult {
        try expect(steward(args + ["--as", actor, "--now", at]), 0, file: file, line: line)
    }

    /// Stages everything and commits it as `author` (author and committer) at `at`;
    /// `committedAt` overrides the committer time. Returns the new HEAD sha.
    @discardableResult
    func commit(_ author: String = TestRepo.admin, at: String, committedAt: String? = nil, _ message: String = "change",
                sign: Bool = false, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        try expect(git(["add", "-A"]), 0, file: file, line: line)
        let name = String(author.split(separator: "@").first ?? "someone")
        let env = ["GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": author, "GIT_AUTHOR_DATE": at,
                   "GIT_COMMITTER_NAME": name, "GIT_COMMITTER_EMAIL": author, "GIT_COMMITTER_DATE": committedAt ?? at]
        try expect(git(["commit", "-q", "--allow-empty", sign ? "-S" : "--no-gpg-sign", "-m", message], env: env), 0, file: file, line: line)
        return head
    }

    var head: String { git(["rev-parse", "HEAD"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines) }

    /// `steward new ID` for salesforce, owners dana and lee, requested by `actor` (rita) at
    /// `at`, with a secret reference (`secretRef`, else one named for the id) and an AWS
    /// user binding named for the id.
    func request(_ id: String, as actor: String = TestRepo.rita, at: String = TestRepo.t0, system: String = "salesforce",
                 secretRef: String? = nil, extra: [String] = [], file: StaticString = #filePath, line: UInt = #line) throws {
        try act(["new", id, "--system", system, "--purpose", "Nightly export of Accounts to the warehouse",
                 "--business-owner", Self.dana, "--technical-owner", Self.lee, "--scope", "read:Account",
                 "--secret-ref", secretRef ?? "vault://kv/integrations/\(id)",
                 "--binding", "aws=arn:aws:iam::123456789012:user/\(id)"] + extra, as: actor, at: at, file: file, line: line)
    }

    // MARK: files

    func path(_ relative: String) -> String { root + "/" + relative }

    /// Writes `text` at `relative`, creating the folders it needs.
    func write(_ relative: String, _ text: String) throws {
        let url = URL(fileURLWithPath: path(relative))
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func read(_ relative: String) throws -> String { try String(contentsOfFile: path(relative), encoding: .utf8) }

    func bytes(_ relative: String) -> Data? { FileManager.default.contents(atPath: path(relative)) }

    func writeRoles(approvers: [String], logins: [String: String]) throws {
        var roles: [String: JSONValue] = ["approvers": .array(approvers.map(JSONValue.string))]
        if !logins.isEmpty { roles["logins"] = .object(logins.mapValues(JSONValue.string)) }
        try Data(CanonicalJSON.pretty(.object(roles))).write(to: URL(fileURLWithPath: path("Workflows/roles.json")))
    }

    var governanceRoot: GovernanceRoot { GovernanceRoot(path: root) }

    /// The connector as steward stored it.
    func load(_ id: String) throws -> ConnectorDocument { try StateStore(root: governanceRoot).load(try ConnectorID(id)) }

    func save(_ doc: ConnectorDocument) throws {
        try Data(DocumentEncoding.bytes(doc)).write(to: URL(fileURLWithPath: path("State/\(doc.id).json")))
    }
}
