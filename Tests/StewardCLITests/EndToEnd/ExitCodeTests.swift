import Foundation
import StewardCore
import XCTest

/// The exit statuses: 0 success, 1 refused, 2 usage, 3 busy, 4 invalid data; errors
/// as `steward: error: …` on stderr, and a refused command changes no byte.
final class ExitCodeTests: XCTestCase {
    typealias R = EndToEndRepo

    private func assertError(_ r: ProcessResult, _ status: Int32, mentions: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(r.status, status, "stderr: \(r.stderr)", file: file, line: line)
        XCTAssertTrue(r.stderr.hasPrefix("steward: error: "), r.stderr, file: file, line: line)
        XCTAssertTrue(r.stderr.contains(mentions), "\(mentions) not in: \(r.stderr)", file: file, line: line)
        XCTAssertEqual(r.stdout, "", "errors go to stderr only", file: file, line: line)
    }

    func testARefusedTransitionExitsOneAndChangesNoByte() throws {
        let repo = try R()
        try repo.request("crm-sync")
        try repo.act(["new", "own", "--system", "s", "--purpose", "p", "--business-owner", R.dana, "--technical-owner", R.lee],
                     as: R.alice, at: R.t0)
        let before = repo.stateSnapshot()
        assertError(repo.steward(["approve", "own", "--as", R.alice]), 1, mentions: "separation-of-duties")
        assertError(repo.steward(["approve", "crm-sync", "--as", R.rita]), 1, mentions: "approver-role")
        assertError(repo.steward(["approve", "crm-sync", "--as", "mallory@x.example"]), 1, mentions: "approver-role")
        assertError(repo.steward(["activate", "crm-sync", "--as", R.lee]), 1, mentions: "illegal-transition")
        assertError(repo.steward(["approve", "crm-sync", "--as", R.alice, "--now", "2026-01-04T09:00:00Z"]), 1, mentions: "time-order")
        assertError(repo.steward(["approve", "nope", "--as", R.alice]), 1, mentions: "not-found")
        assertError(repo.steward(["new", "crm-sync", "--system", "s", "--purpose", "p", "--business-owner", R.dana,
                                  "--technical-owner", R.lee, "--as", R.rita]), 1, mentions: "already exists")
        assertError(repo.steward(["approve", "crm-sync", "--as", R.alice, "--note", "key AKIAIOSFODNN7EXAMPLE"]), 1, mentions: "secret-in-file")
        XCTAssertFalse(repo.steward(["approve", "crm-sync", "--as", R.alice, "--note", "key AKIAIOSFODNN7EXAMPLE"]).stderr
            .contains("AKIAIOSFODNN7EXAMPLE"), "the secret is never echoed")
        XCTAssertEqual(repo.stateSnapshot(), before)
    }

    func testUsageErrorsExitTwo() throws {
        let repo = try R()
        try repo.request("crm-sync")
        let before = repo.stateSnapshot()
        assertError(repo.steward(["frobnicate"]), 2, mentions: "unknown command")
        assertError(repo.steward(["list", "--bogus"]), 2, mentions: "--bogus")
        assertError(repo.steward(["approve", "--as", R.alice]), 2, mentions: "missing ID")
        for bad in ["../x", "Upper", "a.json", "a/b", "", String(repeating: "a", count: 64)] {
            assertError(repo.steward(["approve", bad, "--as", R.alice]), 2, mentions: "invalid connector id")
        }
        assertError(repo.steward(["approve", "-x", "--as", R.alice]), 2, mentions: "unknown option '-x'")
        assertError(repo.steward(["close-task", "../x#1-notify-owners", "--evidence", "e", "--as", R.alice]), 2, mentions: "invalid connector id")
        assertError(repo.steward(["reject", "crm-sync", "--as", R.alice]), 2, mentions: "--reason")
        assertError(repo.steward(["new", "x", "--system", "s", "--as", R.rita]), 2, mentions: "--purpose")
        assertError(repo.steward(["new", "x", "--system", "s", "--purpose", "p", "--business-owner", R.dana,
                                  "--technical-owner", R.lee, "--risk", "extreme", "--as", R.rita]), 2, mentions: "--risk")
        assertError(repo.steward(["close-task", "not-a-task", "--evidence", "e", "--as", R.lee]), 2, mentions: "not a task id")
        assertError(repo.steward(["list", "--format", "yaml"]), 2, mentions: "unknown format")
        XCTAssertEqual(repo.stateSnapshot(), before)
    }

    func testALockHeldByAnotherProcessExitsThree() throws {
        let repo = try R()
        try repo.request("crm-sync")
        let before = repo.stateSnapshot()
        // Another process holds flock(2) on State/.lock until it is terminated.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        holder.arguments = ["python3", "-c", """
            import fcntl, sys, time
            f = open(sys.argv[1], "a")
            fcntl.flock(f, fcntl.LOCK_EX)
            print("locked", flush=True)
            time.sleep(120)
            """, repo.path("State/.lock")]
        let out = Pipe()
        holder.standardOutput = out
        holder.standardInput = FileHandle.nullDevice
        try holder.run()
        defer { holder.terminate(); holder.waitUntilExit() }
        let ready = String(decoding: out.fileHandleForReading.availableData, as: UTF8.self)
        XCTAssertTrue(ready.hasPrefix("locked"), "the holder did not take the lock: \(ready)")
        assertError(repo.steward(["approve", "crm-sync", "--as", R.alice]), 3, mentions: "State/.lock")
        assertError(repo.steward(["run"]), 3, mentions: "State/.lock")
        XCTAssertEqual(repo.steward(["show", "crm-sync"]).status, 0, "readers do not take the lock")
        XCTAssertEqual(repo.steward(["run", "--dry-run"]).status, 0, "a dry run does not take the lock")
        XCTAssertEqual(repo.stateSnapshot(), before)
        holder.terminate()
        holder.waitUntilExit()
        XCTAssertEqual(repo.steward(["approve", "crm-sync", "--as", R.alice]).status, 0, "free again once the holder is gone")
    }

    func testCorruptDataExitsFourNamingTheFile() throws {
        let repo = try R()
        try repo.active("crm-sync")
        try repo.write("State/broken.json", "{\"schema\": 1, \"id\": \"broken\", ")
        assertError(repo.steward(["show", "broken"]), 4, mentions: "State/broken.json")
        // A file that parses but breaks the format names the field.
        var value = DocumentEncoding.document(try repo.load("crm-sync"))
        guard case .object(var o) = value else { return XCTFail() }
        o["state"] = .int(3)
        value = .object(o)
        try repo.write("State/crm-sync.json", String(decoding: CanonicalJSON.pretty(value), as: UTF8.self))
        assertError(repo.steward(["show", "crm-sync"]), 4, mentions: "State/crm-sync.json: state")
        assertError(repo.steward(["approve", "crm-sync", "--as", R.alice]), 4, mentions: "State/crm-sync.json")
    }

    func testATamperedFileIsRefusedByTheWritingCommandsWithFour() throws {
        let repo = try R()
        try repo.active("crm-sync")
        let text = String(decoding: repo.bytes("State/crm-sync.json")!, as: UTF8.self)
        let edited = text.replacingOccurrences(of: "\"read:Account\"", with: "\"admin:*\"")
        XCTAssertNotEqual(edited, text)
        try repo.write("State/crm-sync.json", edited)
        assertError(repo.steward(["recertify", "crm-sync", "--as", R.alice]), 4, mentions: "State/crm-sync.json")
        XCTAssertEqual(repo.bytes("State/crm-sync.json"), Data(edited.utf8))
    }

    func testARunWithABadNeighbourExitsFourButStillEndsTheOthers() throws {
        let repo = try R()
        try repo.request("pending")
        try repo.write("State/broken.json", "{")
        try repo.write("State/notes.txt", "hello")
        let r = repo.steward(["run", "--json", "--now", "2026-02-10T00:00:00Z"])
        XCTAssertEqual(r.status, 4, r.stderr)
        let errors = try XCTUnwrap(r.object?["errors"] as? [[String: Any]])
        XCTAssertEqual(errors.compactMap { $0["file"] as? String }, ["State/broken.json", "State/notes.txt"])
        let transitions = try XCTUnwrap(r.object?["transitions"] as? [[String: Any]])
        XCTAssertEqual(transitions.compactMap { $0["id"] as? String }, ["pending"])
        XCTAssertEqual(try repo.load("pending").state, "decommissioned")
    }
}
