import StewardApp

/// Every command's options, arguments, help text and examples: the parser's table.
enum CommandTable {
    static let globals: [OptionSpec] = [
        .option("--root", value: "DIR", help: "the governance repository (default: the nearest directory above holding State/ and Workflows/)"),
        .option("--now", value: "TIME", help: "the time to act at, ISO 8601 (default: $STEWARD_NOW, else the clock)"),
        .option("--format", value: "FORMAT", help: "output format: text or json (check: github, markdown, sarif; report: markdown, html; graph: mermaid, dot)",
                aliases: [OptionAlias("--json", impliedValue: "json", help: "same as --format json")]),
    ]

    static let actor = OptionSpec.option("--as", value: "EMAIL", help: "who is acting (default: $STEWARD_ACTOR, else git config user.email)")
    static let note = OptionSpec.option("--note", value: "TEXT", help: "a note recorded with the event")
    static let wait = OptionSpec.option("--wait", value: "SECONDS", help: "wait this long for another writer's lock (default 0: exit 3 at once)")
    static let id = PositionalSpec(name: "ID", help: "the connector id")
    static func mutating(_ extra: [OptionSpec]) -> [OptionSpec] { extra + [note, actor, wait] }

    static let specOptions: [OptionSpec] = [
        .option("--system", value: "S", help: "the system it connects to (e.g. salesforce)", required: true),
        .option("--purpose", value: "TEXT", help: "why it exists, in a sentence", required: true),
        .option("--business-owner", value: "EMAIL", help: "who answers for why it exists", required: true),
        .option("--technical-owner", value: "EMAIL", help: "who runs it (may not approve it)", required: true),
        .option("--scope", value: "X", help: "a scope it holds", repeatable: true),
        .option("--reach", value: "SYSTEM", help: "another system it reaches", repeatable: true),
        .option("--kind", value: "K", help: "oauth-app, api-key, service-account, token, certificate (default \(Spec.defaultKind))"),
        .option("--environment", value: "ENV", help: "production, staging, development… (default \(Spec.defaultEnvironment))"),
        .option("--risk", value: "low|medium|high", help: "sets the review period (default \(Spec.defaultRisk.rawValue))"),
        .option("--secret-ref", value: "REF", help: "where the secret lives (e.g. vault://kv/x), never the secret"),
        .option("--workflow", value: "NAME", help: "standard or temporary (default standard)"),
        .option("--until", value: "TIME", help: "when a temporary connector must end"),
        .option("--binding", value: "PLATFORM=REF", help: "a platform object it is (aws=ARN, azure=APPID, gcp=SA-EMAIL, github=SLUG or LOGIN/TOKEN, okta=NAME, kubernetes=NS/NAME)", repeatable: true),
    ]

    /// `steward amend`: each list of the spec as an add and a remove option, each field
    /// replaced through the option `steward new` sets it with (same name, same value).
    static let amendOptions: [OptionSpec] = listEdits("--scope", "a scope", widening: "widening: needs a new approval")
        + listEdits("--reach", "a reached system", widening: "widening") + listEdits("--binding", "a binding", widening: "widening")
        + [("--purpose", "the purpose"), ("--kind", "the kind"), ("--environment", "the environment (widening)"),
           ("--risk", "the risk tier (lowering it is widening; raising it is not)"), ("--secret-ref", "the secret reference"),
           ("--until", "the end of a temporary window"), ("--business-owner", "the business owner (widening)"),
           ("--technical-owner", "the technical owner (widening)")].map { replacing($0, $1) }

    /// `--add-X` (which widens) and `--remove-X` for the spec list `steward new` fills with `--X`.
    static func listEdits(_ option: String, _ noun: String, widening: String) -> [OptionSpec] {
        let value = specOption(option).valueName ?? ""
        let name = option.dropFirst(2)
        return [.option("--add-\(name)", value: value, help: "add \(noun) (\(widening))", repeatable: true),
                .option("--remove-\(name)", value: value, help: "remove \(noun)", repeatable: true)]
    }

    /// `option` of `steward new`, optional and replacing `what`.
    static func replacing(_ option: String, _ what: String) -> OptionSpec {
        .option(option, value: specOption(option).valueName ?? "", help: "replace \(what)")
    }

    static func specOption(_ name: String) -> OptionSpec {
        guard let spec = specOptions.first(where: { $0.name == name }) else { preconditionFailure("no spec option \(name)") }
        return spec
    }

    static let commands: [CommandSpec] = LifecycleTable.commands + OperationsTable.commands
}
