import StewardCLI
import XCTest

final class ArgumentParserTests: XCTestCase {
    static let commands: [CommandSpec] = [
        CommandSpec(
            name: "list", summary: "List tasks.",
            options: [
                .option("--system", value: "SYSTEM", help: "Only tasks of this system."),
                .flag("--overdue", help: "Only overdue tasks."),
            ],
            examples: ["steward list --overdue"]),
        CommandSpec(
            name: "approve", summary: "Approve a pending task.",
            positionals: [PositionalSpec(name: "ID", help: "The task id.")],
            options: [
                .option("--note", value: "TEXT", help: "A note for the record.", aliases: ["-n"]),
                .option("--reason", value: "TEXT", help: "Why it is approved."),
            ],
            examples: ["steward approve T-12 --note 'checked with owner'"]),
        CommandSpec(
            name: "tag", summary: "Tag tasks.",
            positionals: [
                PositionalSpec(name: "TAG", help: "The tag."),
                PositionalSpec(name: "ID", help: "Task ids.", variadic: true),
            ],
            options: [.option("--label", value: "LABEL", help: "A label.", repeatable: true)]),
        CommandSpec(
            name: "show", summary: "Show a task.",
            positionals: [
                PositionalSpec(name: "ID", help: "The task id."),
                PositionalSpec(name: "FIELD", help: "One field only.", optional: true),
            ]),
        CommandSpec(
            name: "help", summary: "Show help.",
            positionals: [PositionalSpec(name: "COMMAND", help: "A command.", optional: true)]),
        CommandSpec(name: "debug-dump", summary: "Internal dump.", hidden: true),
    ]
    static let globals: [OptionSpec] = [
        .option(
            "--format", value: "FORMAT", help: "Output format: text or json.",
            aliases: [OptionAlias("--json", impliedValue: "json")]),
        .option("--store", value: "PATH", help: "The store directory."),
        .flag("--verbose", help: "Say more."),
    ]
    let parser = ArgumentParser(programName: "steward", commands: commands, globalOptions: globals)

    private func parse(_ argv: [String], file: StaticString = #filePath, line: UInt = #line) -> ParsedArguments? {
        do {
            return try parser.parse(argv)
        } catch {
            XCTFail("unexpected error: \(error)", file: file, line: line)
            return nil
        }
    }

    private func error(_ argv: [String], file: StaticString = #filePath, line: UInt = #line) -> UsageError? {
        do {
            let parsed = try parser.parse(argv)
            XCTFail("expected an error, got \(parsed)", file: file, line: line)
            return nil
        } catch {
            return error
        }
    }

    private func assertError(
        _ argv: [String], contains expected: String..., command: String? = nil,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        guard let error = error(argv, file: file, line: line) else { return }
        for text in expected {
            XCTAssertTrue(error.message.contains(text), "'\(error.message)' lacks '\(text)'", file: file, line: line)
        }
        XCTAssertEqual(error.command, command, file: file, line: line)
        XCTAssertEqual(error.description, error.message, file: file, line: line)
    }

    // MARK: Commands and positionals

    func testCommandAndPositional() {
        let parsed = parse(["approve", "T-12"])
        XCTAssertEqual(parsed?.command, "approve")
        XCTAssertEqual(parsed?.positionals, ["T-12"])
        XCTAssertEqual(parsed?.positional("ID"), "T-12")
        XCTAssertEqual(parsed?.helpRequested, false)
    }

    func testUnknownCommandSuggestsClosest() {
        assertError(["lst"], contains: "unknown command 'lst'", "did you mean 'list'?")
        guard let error = error(["frobnicate"]) else { return }
        XCTAssertEqual(error.message, "unknown command 'frobnicate'")
        XCTAssertEqual(error.hint(), "see 'steward help'")
    }

    func testHiddenCommandParsesButIsNotSuggested() {
        XCTAssertEqual(parse(["debug-dump"])?.command, "debug-dump")
        assertError(["debug-dum"], contains: "unknown command 'debug-dum'")
        XCTAssertFalse(error(["debug-dum"])?.message.contains("did you mean") ?? true)
    }

    func testNoCommandRequestsHelp() {
        for argv in [[], ["--verbose"], ["--format", "json"]] {
            let parsed = parse(argv)
            XCTAssertEqual(parsed?.command, "help")
            XCTAssertEqual(parsed?.helpRequested, true)
        }
    }

    func testHelpIsAnOrdinaryCommand() {
        let parsed = parse(["help", "approve"])
        XCTAssertEqual(parsed?.command, "help")
        XCTAssertEqual(parsed?.positionals, ["approve"])
        XCTAssertEqual(parsed?.helpRequested, false)
    }

    func testMissingPositional() {
        assertError(["approve"], contains: "missing ID for 'approve'", command: "approve")
        assertError(["tag"], contains: "missing TAG and ID for 'tag'", command: "tag")
        XCTAssertEqual(error(["approve"])?.hint(), "see 'steward help approve'")
    }

    func testTooManyPositionals() {
        assertError(["approve", "T-1", "T-2"], contains: "unexpected argument 'T-2' for 'approve'", "ID", command: "approve")
        assertError(["list", "extra"], contains: "unexpected argument 'extra' for 'list'", "takes no arguments", command: "list")
        assertError(["show", "T-1", "owner", "more"], contains: "unexpected argument 'more' for 'show'", command: "show")
    }

    func testOptionalAndVariadicPositionals() {
        XCTAssertEqual(parse(["show", "T-1"])?.positional("FIELD"), nil)
        XCTAssertEqual(parse(["show", "T-1", "owner"])?.positional("FIELD"), "owner")
        let tagged = parse(["tag", "urgent", "T-1", "T-2", "T-3"])
        XCTAssertEqual(tagged?.positional("TAG"), "urgent")
        XCTAssertEqual(tagged?.positionalValues("ID"), ["T-1", "T-2", "T-3"])
    }

    // MARK: Options

    func testSeparateAndEqualsValueForms() {
        XCTAssertEqual(parse(["approve", "T-1", "--note", "ok"])?.value("note"), "ok")
        XCTAssertEqual(parse(["approve", "T-1", "--note=ok"])?.value("note"), "ok")
        XCTAssertEqual(parse(["approve", "T-1", "--note=a=b"])?.value("note"), "a=b")
        XCTAssertEqual(parse(["approve", "T-1", "--note="])?.values("note"), [""])
        XCTAssertEqual(parse(["approve", "--note", "ok", "T-1"])?.positionals, ["T-1"])
    }

    func testValueMayStartWithDash() {
        let parsed = parse(["approve", "T-1", "--note", "-x"])
        XCTAssertEqual(parsed?.value("note"), "-x")
        XCTAssertEqual(parsed?.positionals, ["T-1"])
    }

    func testAccessorsAcceptDashedNamesAndDefaults() {
        let parsed = parse(["list", "--system", "ad", "--overdue"])
        XCTAssertEqual(parsed?.value("--system"), "ad")
        XCTAssertEqual(parsed?.flag("--overdue"), true)
        XCTAssertEqual(parsed?.flag("verbose"), false)
        XCTAssertEqual(parsed?.value("format"), nil)
        XCTAssertEqual(parsed?.values("format"), [])
    }

    func testPlainAliasIsASynonym() {
        XCTAssertEqual(parse(["approve", "T-1", "-n", "ok"])?.value("note"), "ok")
        XCTAssertEqual(parse(["approve", "T-1", "-n=ok"])?.value("note"), "ok")
        assertError(["approve", "T-1", "-n", "a", "--note", "b"], contains: "--note given twice", command: "approve")
    }

    func testFlagGivenAValueIsAnError() {
        assertError(["list", "--overdue=yes"], contains: "--overdue does not take a value", command: "list")
    }

    func testMissingValueIsAnError() {
        assertError(["approve", "T-1", "--note"], contains: "missing value for --note", "TEXT", command: "approve")
        assertError(["list", "--format"], contains: "missing value for --format", "FORMAT", command: "list")
    }

    func testNonRepeatableOptionGivenTwice() {
        assertError(["approve", "T-1", "--reason", "a", "--reason", "b"], contains: "--reason given twice", command: "approve")
        assertError(["approve", "T-1", "--reason=a", "--reason=b"], contains: "--reason given twice", command: "approve")
        assertError(["list", "--overdue", "--overdue"], contains: "--overdue given twice", command: "list")
    }

    func testRepeatableOptionKeepsOrder() {
        let parsed = parse(["tag", "urgent", "T-1", "--label", "a", "--label=b", "--label", "c"])
        XCTAssertEqual(parsed?.values("label"), ["a", "b", "c"])
        XCTAssertEqual(parsed?.value("label"), "c")
    }

    func testUnknownOptionNamesOptionAndCommand() {
        guard let error = error(["list", "--no-such-flag"]) else { return }
        XCTAssertEqual(error.message, "unknown option '--no-such-flag' for 'list'")
        XCTAssertEqual(error.command, "list")
    }

    func testUnknownOptionSuggestsClosest() {
        assertError(["list", "--sytem", "ad"], contains: "unknown option '--sytem' for 'list'", "did you mean '--system'?", command: "list")
        assertError(["list", "--jsno"], contains: "did you mean '--json'?", command: "list")
        assertError(["--verbos", "list"], contains: "unknown option '--verbos'", "did you mean '--verbose'?")
    }

    func testUnknownDashArgumentIsAnOptionError() {
        assertError(["approve", "-x"], contains: "unknown option '-x' for 'approve'", command: "approve")
        XCTAssertFalse(error(["approve", "-x"])?.message.contains("did you mean") ?? true)
    }

    func testLoneDashIsPositional() {
        XCTAssertEqual(parse(["approve", "-"])?.positionals, ["-"])
    }

    func testDoubleDashEndsOptions() {
        let parsed = parse(["approve", "--note", "ok", "--", "-T-1"])
        XCTAssertEqual(parsed?.positionals, ["-T-1"])
        XCTAssertEqual(parsed?.value("note"), "ok")
        let literalHelp = parse(["approve", "--", "--help"])
        XCTAssertEqual(literalHelp?.helpRequested, false)
        XCTAssertEqual(literalHelp?.positionals, ["--help"])
        XCTAssertEqual(parse(["--", "approve", "--x"])?.positionals, ["--x"])
    }

    func testCommandOptionBeforeCommandIsAnError() {
        assertError(["--note", "x", "approve", "T-1"], contains: "option '--note' must come after the command", "steward approve", command: "approve")
    }

    // MARK: Global options and aliases

    func testGlobalsBeforeAndAfterCommand() {
        for argv in [
            ["--format", "json", "--verbose", "list", "--system", "ad"],
            ["list", "--format", "json", "--system", "ad", "--verbose"],
            ["--verbose", "list", "--system=ad", "--format=json"],
        ] {
            let parsed = parse(argv)
            XCTAssertEqual(parsed?.command, "list", "\(argv)")
            XCTAssertEqual(parsed?.value("format"), "json", "\(argv)")
            XCTAssertEqual(parsed?.value("system"), "ad", "\(argv)")
            XCTAssertEqual(parsed?.flag("verbose"), true, "\(argv)")
        }
        XCTAssertEqual(parse(["--store", "/tmp/s", "approve", "T-1"])?.value("store"), "/tmp/s")
    }

    func testJSONAliasImpliesFormat() {
        XCTAssertEqual(parse(["list", "--json"])?.value("format"), "json")
        XCTAssertEqual(parse(["--json", "list"])?.values("format"), ["json"])
        XCTAssertEqual(parse(["--json", "list"])?.flag("json"), false)
        assertError(["list", "--json", "--format", "text"], contains: "--format given twice", "--json means --format json", command: "list")
        assertError(["list", "--json=yes"], contains: "--json does not take a value", command: "list")
    }

    // MARK: Help requests

    func testHelpFlagAnywhereWinsOverErrors() {
        for argv in [["approve", "--help"], ["approve", "-h"], ["-h", "approve"], ["approve", "--no-such", "x", "y", "--help"]] {
            let parsed = parse(argv)
            XCTAssertEqual(parsed?.helpRequested, true, "\(argv)")
            XCTAssertEqual(parsed?.command, "approve", "\(argv)")
        }
        let unknown = parse(["lst", "--help"])
        XCTAssertEqual(unknown?.helpRequested, true)
        XCTAssertEqual(unknown?.command, "help")
        XCTAssertEqual(parse(["--help"])?.command, "help")
    }

    func testHelpTakenAsAValueIsAValue() {
        let parsed = parse(["approve", "T-1", "--note", "--help"])
        XCTAssertEqual(parsed?.value("note"), "--help")
        XCTAssertEqual(parsed?.helpRequested, false)
    }

    // MARK: required options

    private let request = CommandSpec(
        name: "new", summary: "Request.", positionals: [PositionalSpec(name: "ID", help: "The id.")],
        options: [
            .option("--system", value: "S", help: "The system.", required: true),
            .option("--purpose", value: "TEXT", help: "Why.", required: true),
            .option("--owner", value: "EMAIL", help: "Who.", required: true),
            .option("--scope", value: "X", help: "A scope.", repeatable: true),
        ])

    func testEveryMissingRequiredOptionIsNamedInOneError() {
        let p = ArgumentParser(programName: "steward", commands: [request], globalOptions: Self.globals)
        XCTAssertThrowsError(try p.parse(["new", "foo"])) { e in
            XCTAssertEqual((e as? UsageError)?.message, "missing --system, --purpose and --owner for 'new'")
            XCTAssertEqual((e as? UsageError)?.command, "new")
        }
        XCTAssertThrowsError(try p.parse(["new", "foo", "--purpose", "x"])) { e in
            XCTAssertEqual((e as? UsageError)?.message, "missing --system and --owner for 'new'")
        }
        XCTAssertThrowsError(try p.parse(["new"])) { e in
            XCTAssertEqual((e as? UsageError)?.message, "missing ID, --system, --purpose and --owner for 'new'")
        }
        XCTAssertNoThrow(try p.parse(["new", "foo", "--system", "s", "--purpose", "p", "--owner", "o@x"]))
        // Help still wins over what is missing.
        XCTAssertEqual(try? p.parse(["new", "--help"]).helpRequested, true)
    }

    func testHelpShowsRequiredOptionsWithoutBrackets() {
        let p = ArgumentParser(programName: "steward", commands: [request], globalOptions: Self.globals)
        XCTAssertEqual(p.usage(for: request), "steward new ID --system S --purpose TEXT --owner EMAIL [--scope X ...]")
        XCTAssertTrue(p.helpText(for: "new").contains("The system. (required)"), p.helpText(for: "new"))
    }
}
