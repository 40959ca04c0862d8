import Foundation
import StewardCore
import XCTest

/// The gate tests' repository: real git from the start, commits by whoever the test names
/// at the time it names (never signed unless asked), and the wall clock unless a command
/// is given `--now`.
final class GateRepo: TestRepo {
    /// When the first commit (by admin) is made.
    static let createdAt = "2026-01-01T00:00:00Z"

    /// Creates the repository: `steward init`, roles with `approvers` and `logins`, one
    /// commit on `main` by admin at `createdAt`.
    init(approvers: [String] = ["alice@x.example", "bob@x.example"],
         logins: [String: String] = ["alice-gh": "alice@x.example", "bob-gh": "bob@x.example", "rita-gh": "rita@x.example"],
         file: StaticString = #filePath, line: UInt = #line) throws {
        try super.init(clock: nil, approvers: approvers, logins: logins, file: file, line: line)
        try initGit(at: Self.createdAt, file: file, line: line)
    }

    func branch(_ name: String = "pr", file: StaticString = #filePath, line: UInt = #line) throws {
        try expect(git(["checkout", "-q", "-b", name]), 0, file: file, line: line)
    }

    /// `steward check --base main --format FORMAT` plus `extra`.
    func check(_ extra: [String] = [], format: String = "json", env: [String: String] = [:]) -> ProcessResult {
        steward(["check", "--base", "main", "--format", format] + extra, env: env)
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
        let out = try Append.event(kind, to: doc, state: state, id: doc.id, actor: actor, at: Timestamp(iso8601: at)!, note: "",
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
            let out = try Append.event(EventKind(rawValue: e.event)!, to: doc, state: state, id: try ConnectorID(id), actor: e.actor, at: e.at,
                                       note: e.note, data: e.data, workflow: wf, roles: nil, file: id)
            doc = out.document
            state = out.state
        }
        return doc!
    }

    // MARK: scenarios

    /// On main: `id` requested by rita, approved by alice, activated by lee on 2026-01-02,
    /// committed by admin at 12:00. Then the pull-request branch `pr` is created.
    func activeOnMainThenBranch(_ id: String = "crm-sync", extra: [String] = [], highRisk: Bool = false,
                                file: StaticString = #filePath, line: UInt = #line) throws {
        try request(id, at: "2026-01-02T09:00:00Z", extra: extra + (highRisk ? ["--risk", "high"] : []), file: file, line: line)
        try act(["approve", id], as: "alice@x.example", at: "2026-01-02T10:00:00Z", file: file, line: line)
        if highRisk { try act(["approve", id], as: "bob@x.example", at: "2026-01-02T10:05:00Z", file: file, line: line) }
        try act(["activate", id, "--credential-id", "key-1"], as: "lee@x.example", at: "2026-01-02T11:00:00Z", file: file, line: line)
        try commit(at: "2026-01-02T12:00:00Z", "add \(id)", file: file, line: line)
        try branch(file: file, line: line)
    }

    /// Whether this machine can make SSH signatures git verifies (ssh-keygen on PATH).
    var canSignWithSSH: Bool { run("/usr/bin/env", ["sh", "-c", "command -v ssh-keygen"]).status == 0 }

    /// A new ed25519 key outside the repository: its private key path and public key line.
    func sshKey(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws -> (path: String, pub: String) {
        let path = base + "/key-\(name)"
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
        let file = base + "/reviews-\(UUID().uuidString).json"
        try Data(CanonicalJSON.pretty(value)).write(to: URL(fileURLWithPath: file))
        return file
    }
}
