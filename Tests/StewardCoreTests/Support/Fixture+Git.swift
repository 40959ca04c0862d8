import Foundation
import XCTest
@testable import StewardAdapters
@testable import StewardCore

/// A real git repository in a temporary directory, for the git adapter's tests.
extension Fixture {
    /// `git init` on `main` in a new temporary directory (removed when the test ends), with
    /// a local identity and no signing.
    static func gitRepository(_ test: XCTestCase) throws -> GitRepository {
        let repo = GitRepository(root: GovernanceRoot(path: temporaryDirectory(test)))
        try git(repo, ["init", "-q", "-b", "main", "."])
        for (k, v) in [("user.name", "admin"), ("user.email", "admin@x.example"), ("commit.gpgsign", "false")] {
            try git(repo, ["config", k, v])
        }
        return repo
    }

    /// `git ARGS` in `repo`, which must succeed; its standard output, trimmed.
    @discardableResult
    static func git(_ repo: GitRepository, _ args: [String], file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let out = try repo.git(args)
        XCTAssertEqual(out.status, 0, "git \(args.joined(separator: " ")): \(out.stderr)", file: file, line: line)
        return out.text
    }

    /// Writes `files` (path → text) under the repository and commits everything; returns the sha.
    @discardableResult
    static func commit(_ repo: GitRepository, _ files: [String: String], _ message: String = "change") throws -> String {
        for (path, text) in files {
            let full = repo.root.path + "/" + path
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            put(full, Data(text.utf8))
        }
        try git(repo, ["add", "-A"])
        try git(repo, ["commit", "-q", "--allow-empty", "-m", message])
        return try git(repo, ["rev-parse", "HEAD"])
    }
}
