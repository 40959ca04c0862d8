import StewardKit
import XCTest

final class TemplateTests: XCTestCase {
    let templateName = "Templates/revoke-credential.md"
    let allowed: Set<String> = ["connector", "system", "dueAt", "owner.name", "task_id", "x-y"]

    private func load(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> Template? {
        do {
            return try Template(name: templateName, text: text, allowed: allowed)
        } catch {
            XCTFail("unexpected error: \(error)", file: file, line: line)
            return nil
        }
    }

    private func loadError(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> TemplateError? {
        do {
            _ = try Template(name: templateName, text: text, allowed: allowed)
            XCTFail("expected a load error", file: file, line: line)
            return nil
        } catch {
            return error
        }
    }

    private func render(_ template: Template?, _ values: [String: String]) -> String? {
        guard let template else { return nil }
        do { return try template.render(values) } catch {
            XCTFail("unexpected error: \(error)")
            return nil
        }
    }

    func testRendersPlaceholders() {
        let template = load("# Revoke the credential of {{connector}}\nSystem: {{system}} · due {{dueAt}}\n")
        let output = render(template, ["connector": "HR feed", "system": "AD", "dueAt": "2026-01-05"])
        XCTAssertEqual(output, "# Revoke the credential of HR feed\nSystem: AD · due 2026-01-05\n")
        XCTAssertEqual(template?.name, templateName)
    }

    func testSpacesInsideBraces() {
        let template = load("{{ connector }}|{{system  }}|{{\tdueAt}}")
        XCTAssertEqual(render(template, ["connector": "c", "system": "s", "dueAt": "d"]), "c|s|d")
    }

    func testPlaceholdersAreDistinctInOrderOfFirstUse() {
        let template = load("{{system}} {{connector}} {{system}} {{dueAt}} {{connector}}")
        XCTAssertEqual(template?.placeholders, ["system", "connector", "dueAt"])
    }

    func testNamesMayContainDigitsUnderscoreDotDash() {
        let template = load("{{owner.name}} {{task_id}} {{x-y}}")
        XCTAssertEqual(render(template, ["owner.name": "Ann", "task_id": "T-1", "x-y": "z"]), "Ann T-1 z")
    }

    func testTextWithoutPlaceholdersIsUnchanged() {
        let text = "# Title\n\nNo placeholders here.\r\nSecond line\n"
        let template = load(text)
        XCTAssertEqual(template?.placeholders, [])
        XCTAssertEqual(render(template, [:]), text)
        XCTAssertEqual(render(load(""), [:]), "")
    }

    func testSingleBracesAreLiteral() {
        let template = load("a { b } c {x} }} d {{system}} {")
        XCTAssertEqual(render(template, ["system": "S"]), "a { b } c {x} }} d S {")
    }

    func testUnknownPlaceholderOnLineThree() {
        let error = loadError("# Title\nSystem: {{system}}\nOwner: {{ conector }} and {{dueAt}}\n")
        XCTAssertEqual(error?.template, templateName)
        XCTAssertEqual(error?.line, 3)
        XCTAssertEqual(error?.column, 8)
        XCTAssertEqual(
            error?.message,
            "unknown placeholder 'conector'; allowed: connector, dueAt, owner.name, system, task_id, x-y")
        XCTAssertEqual(
            error?.description,
            "Templates/revoke-credential.md:3:8: unknown placeholder 'conector'; "
                + "allowed: connector, dueAt, owner.name, system, task_id, x-y")
    }

    func testColumnsCountCharactersNotBytes() {
        let error = loadError("é·ü {{nope}}")
        XCTAssertEqual(error?.line, 1)
        XCTAssertEqual(error?.column, 5)
    }

    func testUnknownPlaceholderWithNothingAllowed() {
        do {
            _ = try Template(name: "t.md", text: "{{a}}", allowed: [])
            XCTFail("expected an error")
        } catch {
            XCTAssertEqual(error.message, "unknown placeholder 'a'; allowed: (none)")
        }
    }

    func testUnterminatedPlaceholder() {
        let error = loadError("ok\nSystem: {{system\n}}")
        XCTAssertEqual(error?.line, 2)
        XCTAssertEqual(error?.column, 9)
        XCTAssertTrue(error?.message.contains("unterminated '{{'") ?? false)
        XCTAssertEqual(loadError("end {{system}")?.message.contains("unterminated") ?? false, true)
        XCTAssertEqual(loadError("end {{")?.column, 5)
    }

    func testEmptyPlaceholder() {
        for text in ["{{}}", "a {{  }} b"] {
            let error = loadError(text)
            XCTAssertTrue(error?.message.contains("empty placeholder") ?? false, text)
        }
        XCTAssertEqual(loadError("a {{  }} b")?.column, 3)
    }

    func testInvalidNames() {
        for (text, bad) in [("{{1abc}}", "1abc"), ("{{a b}}", "a b"), ("{{_x}}", "_x"), ("{{a$}}", "a$"), ("{{é}}", "é")] {
            let error = loadError(text)
            XCTAssertTrue(error?.message.contains("invalid placeholder name '\(bad)'") ?? false, text)
            XCTAssertEqual(error?.line, 1)
            XCTAssertEqual(error?.column, 1)
        }
    }

    func testMissingValueThrowsInsteadOfRenderingBlank() {
        guard let template = load("a\n  {{system}} {{connector}} {{dueAt}}") else { return }
        do {
            _ = try template.render(["system": "S"])
            XCTFail("expected an error")
        } catch {
            XCTAssertEqual(error.line, 2)
            XCTAssertEqual(error.column, 14)
            XCTAssertEqual(error.message, "no value for placeholder 'connector'; also missing: dueAt")
        }
    }

    func testValuesAreVerbatimAndNotExpanded() {
        let template = load("Hello {{connector}} on {{system}}")
        let output = render(template, ["connector": "{{connector}} <b>&amp;", "system": "{{ system }}"])
        XCTAssertEqual(output, "Hello {{connector}} <b>&amp; on {{ system }}")
    }

    func testExtraValuesAreIgnored() {
        XCTAssertEqual(render(load("{{system}}"), ["system": "S", "unused": "U"]), "S")
    }
}
