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
        .option("--kind", value: "K", help: "oauth-app, api-key, service-account, token, certificate (default api-key)"),
        .option("--environment", value: "ENV", help: "production, staging, development… (default production)"),
        .option("--risk", value: "low|medium|high", help: "sets the review period (default medium)"),
        .option("--secret-ref", value: "REF", help: "where the secret lives (e.g. vault://kv/x), never the secret"),
        .option("--workflow", value: "NAME", help: "standard or temporary (default standard)"),
        .option("--until", value: "TIME", help: "when a temporary connector must end"),
        .option("--binding", value: "PLATFORM=REF", help: "a platform object it is", repeatable: true),
    ]

    static let amendOptions: [OptionSpec] = [
        .option("--add-scope", value: "X", help: "add a scope (widening: needs a new approval)", repeatable: true),
        .option("--remove-scope", value: "X", help: "remove a scope", repeatable: true),
        .option("--add-reach", value: "SYSTEM", help: "add a reached system (widening)", repeatable: true),
        .option("--remove-reach", value: "SYSTEM", help: "remove a reached system", repeatable: true),
        .option("--add-binding", value: "PLATFORM=REF", help: "add a binding (widening)", repeatable: true),
        .option("--remove-binding", value: "PLATFORM=REF", help: "remove a binding", repeatable: true),
        .option("--purpose", value: "TEXT", help: "replace the purpose"),
        .option("--kind", value: "K", help: "replace the kind"),
        .option("--environment", value: "ENV", help: "replace the environment (widening)"),
        .option("--risk", value: "low|medium|high", help: "replace the risk tier (raising it is widening)"),
        .option("--secret-ref", value: "REF", help: "replace the secret reference"),
        .option("--until", value: "TIME", help: "replace the end of a temporary window"),
        .option("--business-owner", value: "EMAIL", help: "replace the business owner"),
        .option("--technical-owner", value: "EMAIL", help: "replace the technical owner"),
    ]

    static let commands: [CommandSpec] = LifecycleTable.commands + OperationsTable.commands
}
