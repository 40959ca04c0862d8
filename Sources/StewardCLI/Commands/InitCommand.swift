import StewardApp

/// `steward init DIR`: writes the default workflows, roles, templates, State/ and .gitignore.
/// Refuses to overwrite an existing file.
enum InitCommand {
    static func run(_ inv: Invocation) throws -> Int32 {
        guard let dir = inv.args.positional("DIR"), !dir.isEmpty else { throw InputError("init needs a directory") }
        let root = dir.hasPrefix("/") ? dir : inv.cwd + "/" + dir
        let files = try GovernanceInit.write(root: root, shown: dir)
        if try inv.format() == .json {
            Output.json(.object(["root": .string(root), "files": .array(files.map { .string($0) })]))
        } else {
            Output.out("Initialised a governance repository in \(dir):\n" + files.map { "  \($0)\n" }.joined()
                       + "Next: replace the placeholder approvers in \(dir)/Workflows/roles.json with real people ('steward check' warns until you do), commit, then 'steward new ID …'.\n")
        }
        return 0
    }
}
