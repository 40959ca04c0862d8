import Foundation
import StewardCore
import XCTest

/// What one spawned process did.
struct ProcessResult {
    var status: Int32
    var stdout: String
    var stderr: String

    /// stdout parsed as one JSON document (nil when it is not exactly one).
    var json: Any? { try? JSONSerialization.jsonObject(with: Data(stdout.utf8), options: [.fragmentsAllowed]) }
    var object: [String: Any]? { json as? [String: Any] }
}

/// A throw-away governance repository made with `steward init`, driven through the built
/// binary with a fixed clock (`STEWARD_NOW`) and a private HOME, so neither the machine's
/// git identity nor the wall clock leaks into a test. Removed when the test ends.
final class EndToEndRepo {
    static let t0 = "2026-01-05T09:00:00Z"
    static let alice = "alice@x.example", bob = "bob@x.example", carol = "carol@x.example"
    static let rita = "rita@x.example", dana = "dana@x.example", lee = "lee@x.example"

    /// The `steward` executable of this build (`StewardBinary`).
    static let binary = StewardBinary.path

    let base: String
    let root: String
    let home: String

    /// `steward init repo` in a new temporary directory; approvers alice, bob and carol.
    /// With `git`, also `git init` and a first commit by admin.
    init(git: Bool = false, file: StaticString = #filePath, line: UInt = #line) throws {
        guard !Self.binary.isEmpty else {
            XCTFail("the steward binary was not found next to \(Bundle.main.bundleURL.path); build it first", file: file, line: line)
            throw CocoaError(.fileNoSuchFile)
        }
        base = FileManager.default.temporaryDirectory.appendingPathComponent("steward-e2e-\(UUID().uuidString)").path
        root = base + "/repo"
        home = base + "/home"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        try expect(run(Self.binary, ["init", "repo"], in: base), 0, file: file, line: line)
        try write("Workflows/roles.json", #"{"approvers": ["alice@x.example", "bob@x.example", "carol@x.example"]}"# + "\n")
        if git {
            try expect(self.git(["init", "-q", "-b", "main", "."]), 0, file: file, line: line)
            for (k, v) in [("commit.gpgsign", "false"), ("user.name", "admin"), ("user.email", "admin@x.example")] {
                try expect(self.git(["config", k, v]), 0, file: file, line: line)
            }
            try commit("steward init", file: file, line: line)
        }
    }

    deinit { try? FileManager.default.removeItem(atPath: base) }

    // MARK: processes

    /// PATH, a private HOME with no git config, no system git config, UTC, and the fixed clock.
    var environment: [String: String] {
        ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin", "HOME": home,
         "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null", "LC_ALL": "C", "TZ": "UTC", "STEWARD_NOW": Self.t0]
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

    /// `steward new ID` for salesforce, owners dana and lee, requested by rita.
    func request(_ id: String, at: String = EndToEndRepo.t0, system: String = "salesforce", extra: [String] = [],
                 file: StaticString = #filePath, line: UInt = #line) throws {
        try act(["new", id, "--system", system, "--purpose", "Nightly export of Accounts to the warehouse",
                 "--business-owner", Self.dana, "--technical-owner", Self.lee, "--scope", "read:Account",
                 "--secret-ref", "vault://kv/integrations/\(id)", "--binding", "aws=arn:aws:iam::123456789012:user/\(id)"] + extra,
                as: Self.rita, at: at, file: file, line: line)
    }

    /// requested (t0), approved by alice (t0+1h), activated by lee (t0+2h).
    func active(_ id: String, system: String = "salesforce", file: StaticString = #filePath, line: UInt = #line) throws {
        try request(id, system: system, file: file, line: line)
        try act(["approve", id], as: Self.alice, at: "2026-01-05T10:00:00Z", file: file, line: line)
        try act(["activate", id, "--credential-id", "key-1"], as: Self.lee, at: "2026-01-05T11:00:00Z", file: file, line: line)
    }

    /// Stages everything and commits it as admin.
    func commit(_ message: String, file: StaticString = #filePath, line: UInt = #line) throws {
        try expect(git(["add", "-A"]), 0, file: file, line: line)
        let env = ["GIT_AUTHOR_NAME": "admin", "GIT_AUTHOR_EMAIL": "admin@x.example", "GIT_AUTHOR_DATE": Self.t0,
                   "GIT_COMMITTER_NAME": "admin", "GIT_COMMITTER_EMAIL": "admin@x.example", "GIT_COMMITTER_DATE": Self.t0]
        try expect(git(["commit", "-q", "--allow-empty", "-m", message], env: env), 0, file: file, line: line)
    }

    // MARK: files

    func path(_ relative: String) -> String { root + "/" + relative }

    func write(_ relative: String, _ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path(relative)))
    }

    func bytes(_ relative: String) -> Data? { FileManager.default.contents(atPath: path(relative)) }

    /// The connector as steward stored it.
    func load(_ id: String) throws -> ConnectorDocument { try StateStore(root: GovernanceRoot(path: root)).load(id) }

    /// Every file under State/ (dotfiles but the lock included) → bytes.
    func stateSnapshot() -> [String: Data] {
        var out: [String: Data] = [:]
        for n in (try? FileManager.default.contentsOfDirectory(atPath: path("State"))) ?? [] where n != ".lock" {
            out[n] = bytes("State/" + n)
        }
        return out
    }
}
