import Foundation
import StewardCore
import XCTest

/// The end-to-end tests' repository: approvers alice, bob and carol, the fixed clock
/// `t0`, and git only when asked.
final class EndToEndRepo: TestRepo {
    /// `steward init repo` in a new temporary directory; approvers alice, bob and carol.
    /// With `git`, also `git init` and a first commit by admin at t0.
    init(git: Bool = false, file: StaticString = #filePath, line: UInt = #line) throws {
        try super.init(clock: Self.t0, approvers: [Self.alice, Self.bob, Self.carol], logins: [:], file: file, line: line)
        if git { try initGit(at: Self.t0, file: file, line: line) }
    }

    /// requested (t0), approved by alice (t0+1h), activated by lee (t0+2h).
    func active(_ id: String, system: String = "salesforce", file: StaticString = #filePath, line: UInt = #line) throws {
        try request(id, system: system, file: file, line: line)
        try act(["approve", id], as: Self.alice, at: "2026-01-05T10:00:00Z", file: file, line: line)
        try act(["activate", id, "--credential-id", "key-1"], as: Self.lee, at: "2026-01-05T11:00:00Z", file: file, line: line)
    }

    /// Every file under State/ (dotfiles but the lock included) → bytes.
    func stateSnapshot() -> [String: Data] {
        var out: [String: Data] = [:]
        for n in (try? FileManager.default.contentsOfDirectory(atPath: path("State"))) ?? [] where n != ".lock" {
            out[n] = bytes("State/" + n)
        }
        return out
    }
}
