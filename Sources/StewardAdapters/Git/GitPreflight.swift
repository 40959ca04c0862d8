/// Questions asked of git before a command that needs it writes or judges anything:
/// is the root inside a work tree, and has anyone left changes under `State/`.
package enum GitPreflight {
    /// True when the governance root lies inside a git work tree.
    package static func isRepository(_ root: GovernanceRoot) -> Bool {
        guard let out = try? GitCLI.run(["rev-parse", "--is-inside-work-tree"], root: root) else { return false }
        return out.status == 0 && out.text == "true"
    }

    /// Refuses unless the root is inside a git work tree; `why` says which option needs it.
    package static func requireRepository(_ root: GovernanceRoot, for why: String) throws(InputError) {
        guard isRepository(root) else {
            // A git that cannot be started is not "no repository": say which it is.
            do { _ = try GitCLI.run(["--version"], root: root) } catch {
                throw InputError("cannot run git (\(error.message)); \(why), so git must be installed and on PATH")
            }
            throw InputError("\(root.path) is not a git repository (nor inside one); \(why) (run 'git init' and commit the governance files first)")
        }
    }

    /// The paths under `State/` that differ from HEAD: staged, unstaged or untracked (the
    /// lock and temporary files are ignored by the `.gitignore` init writes, and dotfiles
    /// are skipped here too).
    package static func uncommittedState(_ root: GovernanceRoot) throws -> [String] {
        let out = try GitCLI.run(["status", "--porcelain=v1", "-z", "--untracked-files=all", "--", "State/"], root: root)
        guard out.status == 0 else { throw StoreError(.io, "git status failed: \(out.stderr)") }
        // Entries are "XY path"; a rename or copy is followed by its source path.
        var paths: [String] = []
        var skipNext = false
        for entry in out.stdout.split(separator: 0) {
            if skipNext { skipNext = false; continue }
            let text = String(decoding: entry, as: UTF8.self)
            guard text.count > 3 else { continue }
            if text.first == "R" || text.first == "C" { skipNext = true }
            let path = String(text.dropFirst(3))
            if !(path.split(separator: "/").last ?? "").hasPrefix(".") { paths.append(path) }
        }
        return paths
    }
}
