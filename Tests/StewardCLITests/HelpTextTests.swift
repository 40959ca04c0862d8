import StewardCLI
import XCTest

/// Help and usage text, over the command table of `ArgumentParserTests`.
final class HelpTextTests: XCTestCase {
    let parser = ArgumentParser(
        programName: "steward", commands: ArgumentParserTests.commands,
        globalOptions: ArgumentParserTests.globals)

    func testUsageLine() {
        let approve = ArgumentParserTests.commands[1]
        XCTAssertEqual(parser.usage(for: approve), "steward approve ID [--note TEXT] [--reason TEXT]")
        let tag = ArgumentParserTests.commands[2]
        XCTAssertEqual(parser.usage(for: tag), "steward tag TAG ID ... [--label LABEL ...]")
        let show = ArgumentParserTests.commands[3]
        XCTAssertEqual(parser.usage(for: show), "steward show ID [FIELD]")
    }

    func testCommandHelpListsEverything() {
        let text = parser.helpText(for: "approve")
        for spec in ArgumentParserTests.commands[1].options + ArgumentParserTests.globals {
            XCTAssertTrue(text.contains(spec.name), "missing \(spec.name)")
            XCTAssertTrue(text.contains(spec.help), "missing help of \(spec.name)")
        }
        for expected in ["Approve a pending task.", "USAGE: steward approve ID [--note TEXT] [--reason TEXT]",
                         "ID", "The task id.", "-n, --note TEXT", "--json", "-h, --help",
                         "EXAMPLES:", "steward approve T-12 --note 'checked with owner'"] {
            XCTAssertTrue(text.contains(expected), "missing '\(expected)' in:\n\(text)")
        }
        XCTAssertEqual(text, parser.helpText(for: "approve"), "help text is deterministic")
    }

    func testCommandHelpIsAligned() {
        let expected = """
            Approve a pending task.

            USAGE: steward approve ID [--note TEXT] [--reason TEXT]

            ARGUMENTS:
              ID               The task id.

            OPTIONS:
              -n, --note TEXT  A note for the record.
              --reason TEXT    Why it is approved.

            GLOBAL OPTIONS:
              --format FORMAT  Output format: text or json.
              --json           Same as --format json.
              --store PATH     The store directory.
              --verbose        Say more.
              -h, --help       Show help.

            EXAMPLES:
              steward approve T-12 --note 'checked with owner'
            """
        XCTAssertEqual(parser.helpText(for: "approve"), expected)
    }

    func testRepeatableOptionIsMarkedInHelp() {
        XCTAssertTrue(parser.helpText(for: "tag").contains("--label LABEL    A label. (repeatable)"))
    }

    func testOverviewListsVisibleCommandsAndGlobals() {
        let text = parser.helpText(for: nil)
        for command in ArgumentParserTests.commands where !command.hidden {
            XCTAssertTrue(text.contains("  \(command.name)"), "missing \(command.name)")
            XCTAssertTrue(text.contains(command.summary), "missing summary of \(command.name)")
        }
        XCTAssertFalse(text.contains("debug-dump"))
        for spec in ArgumentParserTests.globals {
            XCTAssertTrue(text.contains(spec.name), "missing \(spec.name)")
        }
        XCTAssertTrue(text.contains("USAGE: steward COMMAND [ARGS] [OPTIONS]"))
        XCTAssertTrue(text.contains("See 'steward help <command>'"))
        XCTAssertEqual(parser.helpText(for: "no-such-command"), text)
    }

    func testLongLabelsWrapHelpToNextLine() {
        let long = OptionSpec.option("--a-really-long-option-name", value: "SOMETHING", help: "Long one.")
        let spec = CommandSpec(name: "x", summary: "X.", options: [long])
        let parser = ArgumentParser(programName: "steward", commands: [spec], globalOptions: [])
        let lines = parser.helpText(for: "x").split(separator: "\n", omittingEmptySubsequences: false)
        guard let index = lines.firstIndex(of: "  --a-really-long-option-name SOMETHING") else {
            return XCTFail("label line missing")
        }
        XCTAssertTrue(lines[index + 1].hasSuffix("Long one."))
        XCTAssertTrue(lines[index + 1].hasPrefix("      "))
    }
}
