import StewardCore
import XCTest

/// The pure parts of the gate's repository rules: which paths change the rules, which
/// imitate a governed folder, which attribute lines reach governed files, and which
/// allowed-signers lines tie a key to an author.
final class RepositoryRulesTests: XCTestCase {
    func testRulesPaths() {
        for p in ["Workflows/roles.json", "Templates/x.md", ".github/workflows/ci.yml", ".gitattributes", "docs/.gitattributes", "CODEOWNERS", "docs/CODEOWNERS"] {
            XCTAssertTrue(RepositoryRules.isRulesPath(p), p)
        }
        for p in ["State/a.json", "README.md", "docs/x.md", ".githubish"] { XCTAssertFalse(RepositoryRules.isRulesPath(p), p) }
    }

    func testCaseVariants() {
        XCTAssertEqual(RepositoryRules.caseVariant(of: "state/x.json"), "State")
        XCTAssertEqual(RepositoryRules.caseVariant(of: "TEMPLATES/a.md"), "Templates")
        XCTAssertEqual(RepositoryRules.caseVariant(of: ".GitAttributes"), ".gitattributes")
        XCTAssertNil(RepositoryRules.caseVariant(of: "State/x.json"))
        XCTAssertNil(RepositoryRules.caseVariant(of: "docs/state/x.md"))
    }

    func testAttributeLines() {
        func attrs(_ text: String, at path: String = ".gitattributes") -> [String] {
            RepositoryRules.gitattributesProblems(path: path, text: text).map(\.attribute)
        }
        XCTAssertEqual(attrs("State/*.json filter=tidy"), ["filter"])
        XCTAssertEqual(attrs("Workflows/** eol=crlf\nTemplates/*.md !text"), ["eol", "text"])
        XCTAssertEqual(attrs("*.json binary"), ["binary"], "a basename pattern applies at any depth")
        XCTAssertEqual(attrs("[attr]quiet -diff\nState/** quiet"), ["quiet"], "a macro holding diff")
        XCTAssertEqual(attrs("* crlf", at: "State/.gitattributes"), ["crlf"])
        XCTAssertEqual(attrs("# State/** -diff\ndocs/*.md linguist-documentation\n/scripts/*.sh eol=lf"), [])
        XCTAssertEqual(attrs("* eol=crlf", at: "docs/.gitattributes"), [], "a nested file reaches only its folder")
        XCTAssertEqual(attrs("[attr]harmless linguist-generated\nState/** harmless"), [])
    }

    func testAllowedSignersLinesForOneAuthor() {
        let text = """
        # team keys
        alice@x.example ssh-ed25519 AAAA1 alice
        "rita@x.example,ops@x.example" namespaces="git" ssh-ed25519 AAAA2
        *@x.example ssh-ed25519 AAAA3
        """
        XCTAssertEqual(AllowedSigners.lines(for: "Rita@x.example", in: text), "Rita@x.example namespaces=\"git\" ssh-ed25519 AAAA2\n")
        XCTAssertEqual(AllowedSigners.lines(for: "alice@x.example", in: text), "alice@x.example ssh-ed25519 AAAA1 alice\n")
        XCTAssertEqual(AllowedSigners.lines(for: "bob@x.example", in: text), "", "a wildcard ties no key to a person")
        XCTAssertEqual(AllowedSigners.lines(for: "*@x.example", in: text), "")
    }
}
