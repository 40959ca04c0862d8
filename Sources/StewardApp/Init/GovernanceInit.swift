import Foundation

/// `steward init DIR`'s writing side: the default workflows, roles, templates, `State/`
/// and the `.gitignore` lines, never overwriting an existing file.
package enum GovernanceInit {
    package static let gitignore = "# steward: the lock and stray temporary files are never committed\nState/.lock\nState/.*.tmp-*\n"

    /// Writes the files into `root` (`dir` as the user typed it, for messages) and returns
    /// their paths relative to the root, in the order written.
    package static func write(root: String, shown dir: String) throws -> [String] {
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
            // Only the lines it lacks, under steward's comment: a line already there is not repeated.
            let comment = gitignore.split(separator: "\n").filter { $0.hasPrefix("#") }
            let added = (comment + missing).joined(separator: "\n") + "\n"
            files.append((path: ".gitignore", contents: existing + (existing.hasSuffix("\n") ? "" : "\n") + added))
        }
        for (i, f) in files.enumerated() {
            do { try OutputFile.write(Array(f.contents.utf8), to: root + "/" + f.path) } catch {
                // The files before it are written: say which, so the user can remove them and
                // retry (the writer's own "nothing was changed" is about this one file).
                let written = files.prefix(i).map(\.path)
                guard !written.isEmpty else { throw error }
                let failed = error.message.replacingOccurrences(of: "; nothing was changed", with: "")
                throw StoreError(.io, "\(failed); already written before it: \(written.joined(separator: ", ")) (\(written.count) of \(files.count) files): remove them from \(dir) and run init again")
            }
        }
        return files.map(\.path)
    }
}
