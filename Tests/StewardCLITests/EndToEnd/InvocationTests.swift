import Foundation
import StewardCore
import XCTest

/// Who acts (`--as`, `STEWARD_ACTOR`, `git config user.email`), when (`--now`,
/// `STEWARD_NOW`), `--json`, and `--help` on every command.
final class InvocationTests: XCTestCase {
    typealias R = EndToEndRepo

    private func newArgs(_ id: String) -> [String] {
        ["new", id, "--system", "salesforce", "--purpose", "Nightly export", "--business-owner", R.dana, "--technical-owner", R.lee]
    }

    private func lastActor(_ repo: R, _ id: String) throws -> String? { try repo.load(id).history.last?.actor }

    func testTheActorComesFromAsThenTheEnvironmentThenGit() throws {
        let repo = try R(git: true)   // git config user.email is admin@x.example
        try repo.expect(repo.steward(newArgs("a") + ["--as", R.rita], env: ["STEWARD_ACTOR": "env@x.example"]), 0)
        XCTAssertEqual(try lastActor(repo, "a"), R.rita, "--as wins")
        try repo.expect(repo.steward(newArgs("b"), env: ["STEWARD_ACTOR": "env@x.example"]), 0)
        XCTAssertEqual(try lastActor(repo, "b"), "env@x.example", "then STEWARD_ACTOR")
        try repo.expect(repo.steward(newArgs("c")), 0)
        XCTAssertEqual(try lastActor(repo, "c"), "admin@x.example", "then git config user.email")
    }

    func testWithoutAnyActorTheCommandIsRefused() throws {
        let repo = try R()   // no git repository; HOME has no config; GIT_CONFIG_GLOBAL=/dev/null
        let r = repo.steward(newArgs("a"))
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.hasPrefix("steward: error: "), r.stderr)
        XCTAssertTrue(r.stderr.contains("--as"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: repo.path("State/a.json")))
        let notEmail = repo.steward(newArgs("a") + ["--as", "root"])
        XCTAssertEqual(notEmail.status, 2)
        XCTAssertTrue(notEmail.stderr.contains("not a plain e-mail address"), notEmail.stderr)
    }

    func testTheTimeComesFromNowThenTheEnvironment() throws {
        let repo = try R()
        try repo.expect(repo.steward(newArgs("a") + ["--as", R.rita, "--now", "2026-03-01T10:00:00Z"],
                                     env: ["STEWARD_NOW": "2026-02-01T00:00:00Z"]), 0)
        XCTAssertEqual(try repo.load("a").history.last?.at.iso8601, "2026-03-01T10:00:00Z", "--now wins")
        try repo.expect(repo.steward(newArgs("b") + ["--as", R.rita], env: ["STEWARD_NOW": "2026-02-01T00:00:00Z"]), 0)
        XCTAssertEqual(try repo.load("b").history.last?.at.iso8601, "2026-02-01T00:00:00Z", "then STEWARD_NOW")
        // Offsets are accepted and stored as UTC.
        try repo.expect(repo.steward(newArgs("c") + ["--as", R.rita, "--now", "2026-02-01T09:00:00+02:00"]), 0)
        XCTAssertEqual(try repo.load("c").history.last?.at.iso8601, "2026-02-01T07:00:00Z")
        let bad = repo.steward(newArgs("d") + ["--as", R.rita, "--now", "yesterday"])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.contains("invalid time 'yesterday'"), bad.stderr)
        let badEnv = repo.steward(["run"], env: ["STEWARD_NOW": "soon"])
        XCTAssertEqual(badEnv.status, 2)
        XCTAssertTrue(badEnv.stderr.contains("STEWARD_NOW"), badEnv.stderr)
    }

    func testJSONOutputIsOneDocumentOnStdout() throws {
        let repo = try R()
        try repo.active("crm-sync")
        for args in [["list", "--json"], ["show", "crm-sync", "--json"], ["tasks", "--all", "--format", "json"],
                     ["run", "--json", "--dry-run", "--now", "2026-01-06T00:00:00Z"], ["recertify", "crm-sync", "--as", R.alice, "--now", "2026-01-06T00:00:00Z", "--json"]] {
            let r = try repo.expect(repo.steward(args), 0)
            XCTAssertNotNil(r.object, "\(args): stdout is not one JSON object: \(r.stdout)")
            XCTAssertEqual(r.stdout.last, "\n")
        }
        let show = try XCTUnwrap(repo.steward(["show", "crm-sync", "--json"]).object)
        XCTAssertEqual(show["id"] as? String, "crm-sync")
        XCTAssertEqual(show["version"] as? Int, 4)
        XCTAssertEqual((show["history"] as? [Any])?.count, 4)
        let list = try XCTUnwrap(repo.steward(["list", "--json"]).object?["connectors"] as? [[String: Any]])
        XCTAssertEqual(list.count, 1)
        let run = try XCTUnwrap(repo.steward(["run", "--json", "--now", "2026-06-01T00:00:00Z", "--dry-run"]).object)
        XCTAssertEqual(run["now"] as? String, "2026-06-01T00:00:00Z")
        for key in ["transitions", "tasks", "findings", "errors"] { XCTAssertNotNil(run[key] as? [Any], key) }
        let t = try XCTUnwrap((run["transitions"] as? [[String: Any]])?.first)
        XCTAssertEqual(Set(t.keys).intersection(["id", "event", "from", "to", "reason"]).count, 5)
    }

    func testHelpOnEveryCommandPrintsUsageAndAnExample() throws {
        let repo = try R()
        let commands = ["init", "new", "approve", "reject", "activate", "rotate", "confirm-rotation", "recertify", "amend",
                        "decommission", "close-task", "run", "check", "list", "show", "tasks", "evidence", "report", "graph",
                        "codeowners", "version"]
        for c in commands {
            let r = repo.steward([c, "--help"])
            XCTAssertEqual(r.status, 0, "\(c) --help: \(r.stderr)")
            XCTAssertTrue(r.stdout.contains("USAGE: steward \(c)"), "\(c): \(r.stdout.prefix(200))")
            XCTAssertTrue(r.stdout.contains("EXAMPLES:\n  steward \(c)"), "\(c) has no example")
            XCTAssertEqual(r.stderr, "")
            XCTAssertEqual(repo.steward(["help", c]).stdout, r.stdout, "steward help \(c) is the same text")
        }
        // `help --help` is the help command's own page; `--help` alone and `help` print the overview.
        let own = try repo.expect(repo.steward(["help", "--help"]), 0)
        XCTAssertTrue(own.stdout.contains("USAGE: steward help [COMMAND]"), own.stdout)
        XCTAssertTrue(own.stdout.contains("EXAMPLES:\n  steward help run"), own.stdout)
        for args in [["--help"], ["help"]] {
            let top = try repo.expect(repo.steward(args), 0)
            XCTAssertTrue(top.stdout.contains("USAGE: steward COMMAND"), "\(args)")
            for c in commands { XCTAssertTrue(top.stdout.contains("  \(c) "), "\(args): the overview lists \(c)") }
        }
        XCTAssertEqual(repo.steward(["help", "frobnicate"]).status, 2)
    }

    func testTheRootIsFoundFromASubdirectoryOrGiven() throws {
        let repo = try R()
        try repo.request("crm-sync")
        let sub = repo.path("Templates")
        let found = repo.run(R.binary, ["list", "--json"], in: sub)
        XCTAssertEqual(found.status, 0, found.stderr)
        XCTAssertEqual((found.object?["connectors"] as? [Any])?.count, 1)
        let given = repo.run(R.binary, ["list", "--json", "--root", repo.root], in: repo.base)
        XCTAssertEqual((given.object?["connectors"] as? [Any])?.count, 1)
        let none = repo.run(R.binary, ["list"], in: repo.home)
        XCTAssertEqual(none.status, 2)
        XCTAssertTrue(none.stderr.contains("steward init"), none.stderr)
    }
}
