import Foundation
import StewardApp

/// `steward init DIR`: writes the default workflows, roles, templates, State/ and .gitignore.
/// Refuses to overwrite an existing file.
enum InitCommand {
    static let gitignore = "# steward: the lock and stray temporary files are never committed\nState/.lock\nState/.*.tmp-*\n"

    static func run(_ inv: Invocation) throws -> Int32 {
        guard let dir = inv.args.positional("DIR"), !dir.isEmpty else { throw InputError("init needs a directory") }
        let root = dir.hasPrefix("/") ? dir : inv.cwd + "/" + dir
        let fm = FileManager.default
        var files = DefaultFiles.all.map { (path: $0.path, contents: $0.contents) }
        files.append((path: "State/.gitkeep", contents: ""))
        for f in files where fm.fileExists(atPath: root + "/" + f.path) {
            throw RuleViolation(rule: "exists", "\(dir)/\(f.path) already exists; init never overwrites (use a new directory, or one without Workflows/, Templates/ and State/)")
        }
        // An existing .gitignore (init into an existing repository) gets the missing lines appended.
        let ignorePath = root + "/.gitignore"
        let existing = (try? String(contentsOfFile: ignorePath, encoding: .utf8)) ?? ""
        let missing = gitignore.split(separator: "\n").filter { line in
            !line.hasPrefix("#") && !existing.split(separator: "\n").contains(line)
        }
        if existing.isEmpty {
            files.append((path: ".gitignore", contents: gitignore))
        } else if !missing.isEmpty {
            files.append((path: ".gitignore", contents: existing + (existing.hasSuffix("\n") ? "" : "\n") + gitignore))
        }
        do {
            for f in files {
                let url = URL(fileURLWithPath: root + "/" + f.path)
                try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(f.contents.utf8).write(to: url)
            }
        } catch {
            throw StoreError(.io, "cannot write \(dir): \(error.localizedDescription)")
        }
        if try inv.format() == .json {
            Output.json(.object(["root": .string(root), "files": .array(files.map { .string($0.path) })]))
        } else {
            Output.out("Initialised a governance repository in \(dir):\n" + files.map { "  \($0.path)\n" }.joined()
                       + "Next: replace the placeholder approvers in \(dir)/Workflows/roles.json with real people ('steward check' warns until you do), commit, then 'steward new ID …'.\n")
        }
        return 0
    }
}
