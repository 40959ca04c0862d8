import Foundation
import StewardCore
import XCTest

/// `check --base`: who may change the rules (Workflows/, Templates/, .gitattributes,
/// .github/), case-variant paths, checkout-altering attributes, and the core rules no lint
/// setting lowers. Each attack first, then the change a team legitimately makes.
final class GateRulesChangeTests: XCTestCase {
    static let at = "2026-01-05T09:00:00Z"
    static let approver = "alice@x.example"

    func branched() throws -> GateRepo {
        let repo = try GateRepo()
        try repo.branch()
        return repo
    }

    // MARK: the base branch's rules

    /// The base branch's Workflows/ go through the one loader: a workflow whose `name`
    /// is not its file's name is refused there as in the working tree, naming the file
    /// (marked as the base's) and the field, even when the pull request fixes it.
    func testABaseWorkflowNamedOtherThanItsFileIsRefusedAsInTheWorkingTree() throws {
        let repo = try GateRepo()
        let standard = try repo.read("Workflows/standard.json")
        try repo.write("Workflows/strict.json", standard)
        try repo.commit(at: Self.at, "a workflow named standard in strict.json")
        let tree = try repo.expect(repo.steward(["check", "--format", "json"]), 1)
        let message = "Workflows/strict.json: name: the workflow is named 'standard' but its file is strict.json; they must match"
        XCTAssertEqual(tree.findings("violations").first?["message"] as? String, message)
        try repo.branch()
        try repo.write("Workflows/strict.json", standard.replacingOccurrences(of: #""name": "standard""#, with: #""name": "strict""#))
        try repo.commit(Self.approver, at: Self.at, "name it as its file")
        let out = try repo.expect(repo.check(["--now", Self.at]), 4)
        XCTAssertTrue(out.stderr.contains(message.replacingOccurrences(of: "strict.json:", with: "strict.json (base):")), out.stderr)
        XCTAssertTrue(out.stderr.contains("fix this on the base branch itself"), out.stderr)
    }

    // MARK: rules-change

    func testARolesChangeByANonApproverIsRefused() throws {
        let repo = try branched()
        try repo.writeRoles(approvers: ["alice@x.example", "bob@x.example", "rita@x.example"], logins: [:])
        try repo.commit("rita@x.example", at: Self.at, "make myself an approver")
        let out = try repo.expect(repo.check(["--now", Self.at]), 1)
        XCTAssertEqual(out.violationRules, ["rules-change"])
        XCTAssertEqual(out.findings("violations").first?["file"] as? String, "Workflows/roles.json")
    }

    func testATemplateOrCIChangeByANonApproverIsRefused() throws {
        for path in ["Templates/notify-owners.md", ".github/workflows/steward.yml", ".gitattributes"] {
            let repo = try branched()
            try repo.write(path, "# edited by rita\n")
            try repo.commit("rita@x.example", at: Self.at)
            let out = try repo.expect(repo.check(["--now", Self.at]), 1)
            XCTAssertEqual(out.violationRules, ["rules-change"], path)
        }
    }

    func testARulesChangeHiddenInAMergeCommitIsRefused() throws {
        let repo = try branched()
        try repo.expect(repo.git(["checkout", "-q", "-b", "side", "main"]), 0)
        try repo.write("notes.txt", "side\n")
        try repo.commit("rita@x.example", at: Self.at)
        try repo.expect(repo.git(["checkout", "-q", "pr"]), 0)
        try repo.expect(repo.git(["merge", "-q", "--no-ff", "--no-commit", "side"]), 0)
        try repo.write("Templates/notify-owners.md", "nothing to do\n")
        try repo.commit("rita@x.example", at: Self.at, "merge side")
        XCTAssertEqual(try repo.expect(repo.check(["--now", Self.at]), 1).violationRules, ["rules-change"])
    }

    func testARulesChangeByAnApproverPassesWithAWarning() throws {
        let repo = try branched()
        try repo.writeRoles(approvers: ["alice@x.example", "bob@x.example", "kim@x.example"], logins: [:])
        try repo.write("Templates/notify-owners.md", "See the offboarding runbook.\n")
        try repo.commit("alice@x.example", at: Self.at, "add kim")
        let out = try repo.expect(repo.check(["--now", Self.at]), 0)
        XCTAssertEqual(out.warningRules, ["rules-changed"])
    }

    func testWithReviewsARulesChangeNeedsAnotherApprover() throws {
        let repo = try branched()
        try repo.write("Templates/notify-owners.md", "See the offboarding runbook.\n")
        let head = try repo.commit("alice@x.example", at: Self.at)
        let own = try repo.reviewsFile([("alice-gh", "APPROVED", head, Self.at)])
        XCTAssertEqual(try repo.expect(repo.check(["--now", Self.at, "--reviews", own]), 1).violationRules, ["rules-change"])
        let rita = try repo.reviewsFile([("rita-gh", "APPROVED", head, Self.at)])
        XCTAssertEqual(try repo.expect(repo.check(["--now", Self.at, "--reviews", rita]), 1).violationRules, ["rules-change"],
                       "rita is no approver")
        let bob = try repo.reviewsFile([("bob-gh", "APPROVED", head, Self.at)])
        try repo.expect(repo.check(["--now", Self.at, "--reviews", bob]), 0)
    }

    // MARK: path-case

    func testACaseVariantOfAGovernedFolderIsRefused() throws {
        for path in ["state/x.json", "WORKFLOWS/roles.json", "templates/notify-owners.md"] {
            let repo = try branched()
            try repo.write(path, "{}\n")
            try repo.commit("alice@x.example", at: Self.at)
            let out = try repo.expect(repo.check(["--now", Self.at]), 1)
            XCTAssertEqual(out.violationRules, ["path-case"], path)
            XCTAssertEqual(out.findings("violations").first?["file"] as? String, path)
        }
    }

    func testARenameIntoACaseVariantOrAnAttributesFileIsJudgedByItsNewPath() throws {
        let repo = try GateRepo()
        try repo.write("notes.txt", "State/** -diff\n")
        try repo.commit(GateRepo.admin, at: "2026-01-01T00:10:00Z")
        try repo.branch()
        try repo.expect(repo.git(["mv", "notes.txt", ".gitattributes"]), 0)
        try repo.commit("alice@x.example", at: Self.at)
        XCTAssertEqual(try repo.expect(repo.check(["--now", Self.at]), 1).violationRules, ["gitattributes"])
    }

    func testAFolderThatOnlyMentionsAGovernedNamePasses() throws {
        let repo = try branched()
        try repo.write("docs/state/notes.md", "how we review\n")
        try repo.commit("rita@x.example", at: Self.at)
        try repo.expect(repo.check(["--now", Self.at]), 0)
    }

    // MARK: gitattributes

    func testAttributesThatAlterGovernedFilesAreRefused() throws {
        let refused = ["State/*.json filter=tidy", "Workflows/** eol=crlf", "Templates/*.md text", "State/** -diff",
                       "*.json binary", "* text=auto", "[attr]quiet -diff\nState/** quiet", "/state/* working-tree-encoding=UTF-16"]
        for line in refused {
            let repo = try branched()
            try repo.write(".gitattributes", line + "\n")
            try repo.commit("alice@x.example", at: Self.at)
            let out = try repo.expect(repo.check(["--now", Self.at]), 1)
            XCTAssertEqual(Set(out.violationRules), ["gitattributes"], line)
        }
    }

    func testAttributesOutsideTheGovernedFoldersPass() throws {
        for line in ["docs/*.md linguist-documentation", "/scripts/*.sh eol=lf", "*.png -merge"] {
            let repo = try branched()
            try repo.write(".gitattributes", line + "\n")
            try repo.commit("alice@x.example", at: Self.at)
            try repo.expect(repo.check(["--now", Self.at]), 0)
        }
    }

    // MARK: core rules

    func testNoLintSettingOnTheBaseBranchSwitchesOffTheSecretRule() throws {
        let repo = try GateRepo()
        try repo.setAllLints("off")
        try repo.commit(GateRepo.admin, at: "2026-01-01T00:10:00Z", "every lint off")
        try repo.branch()
        try repo.request("leaky", at: Self.at)
        var doc = try repo.load("leaky")
        doc.spec.purpose = "CI token \(GateHistoryTests.token)"
        guard case .object(var spec)? = doc.history[0].data["spec"] else { return XCTFail() }
        spec["purpose"] = .string(doc.spec.purpose)
        doc.history[0].data["spec"] = .object(spec)
        doc.history[0].hash = DocumentEncoding.hash(of: doc.history[0])
        try repo.save(doc)
        try repo.commit("rita@x.example", at: Self.at)
        for args in [["check", "--base", "main"], ["check"]] {
            let out = repo.steward(args + ["--format", "json", "--now", Self.at])
            XCTAssertEqual(out.status, 1, "\(args)")
            XCTAssertTrue(out.violationRules.contains("secret-in-file"), "\(args): \(out.violationRules)")
            XCTAssertFalse(out.stdout.contains(GateHistoryTests.token))
        }
    }
}
