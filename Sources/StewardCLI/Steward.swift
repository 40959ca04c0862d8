import Foundation
import StewardApp

/// The command line's entry point: parses, dispatches to one command, and turns every
/// failure into `steward: error: …` on stderr and the contract's exit status.
public enum StewardCLI {
    /// The version printed by `steward version`.
    public static let version = "0.1.0"

    static let parser = ArgumentParser(programName: "steward", commands: CommandTable.commands,
                                       globalOptions: CommandTable.globals,
                                       abstract: "Steward governs connectors: the OAuth apps, API keys, service accounts and tokens integrations run on.")

    static let handlers: [String: @Sendable (Invocation) throws -> Int32] = [
        "init": InitCommand.run, "new": NewCommand.run, "approve": TransitionCommands.approve,
        "reject": TransitionCommands.reject, "activate": TransitionCommands.activate, "rotate": TransitionCommands.rotate,
        "confirm-rotation": TransitionCommands.confirmRotation, "recertify": TransitionCommands.recertify,
        "amend": AmendCommand.run, "decommission": DecommissionCommand.run, "close-task": CloseTaskCommand.run,
        "list": ListCommand.run, "show": ShowCommand.run, "tasks": TasksCommand.run, "run": RunCommand.run,
        "check": CheckCommand.run, "evidence": ReportCommands.evidence, "report": ReportCommands.report,
        "graph": ReportCommands.graph, "codeowners": ReportCommands.codeowners,
        "version": VersionCommand.run,
        "help": HelpCommand.run,
    ]

    /// Runs one command line (without the program name) and returns the exit status.
    public static func main(_ argv: [String], environment: [String: String] = ProcessInfo.processInfo.environment) -> Int32 {
        // `steward --version` is `steward version` (and keeps any options after it).
        let argv = argv.first == "--version" ? ["version"] + argv.dropFirst() : argv
        do {
            let args = try parser.parse(argv)
            if args.helpRequested {
                let named = argv.first { !$0.hasPrefix("-") }
                let topic = args.command == "help" && named != "help" ? nil : args.command
                Output.out(parser.helpText(for: topic) + "\n")
                return 0
            }
            guard let handler = handlers[args.command] else {
                Output.error("'\(args.command)' is not implemented yet")
                return ExitStatus.usage.rawValue
            }
            let inv = Invocation(args: args, env: environment, cwd: FileManager.default.currentDirectoryPath)
            // --now (or STEWARD_NOW) is global: a value that is not a time is refused by every
            // command, also by those that only read, before anything else happens.
            if args.command != "help" && args.command != "version" { _ = try inv.now() }
            return try handler(inv)
        } catch let e as UsageError {
            Output.error(e.message)
            Output.err(e.hint())
            return ExitStatus.usage.rawValue
        } catch let e as any StewardFailure {
            Output.error(e.description)
            return e.exitStatus.rawValue
        } catch {
            Output.error("\(error)")
            return ExitStatus.violation.rawValue
        }
    }
}

/// `steward help [COMMAND]`.
enum HelpCommand {
    static func run(_ inv: Invocation) throws -> Int32 {
        let name = inv.args.positional("COMMAND")
        if let name, StewardCLI.parser.command(named: name) == nil {
            throw UsageError(message: "unknown command '\(name)'; 'steward help' lists them")
        }
        Output.out(StewardCLI.parser.helpText(for: name) + "\n")
        return 0
    }
}

/// `steward version` (also `steward --version`): text, or `{"version": …}` with --format json.
enum VersionCommand {
    static func run(_ inv: Invocation) throws -> Int32 {
        if try inv.format() == .json {
            Output.json(.object(["version": .string(StewardCLI.version)]))
        } else {
            Output.out("steward \(StewardCLI.version)\n")
        }
        return 0
    }
}
