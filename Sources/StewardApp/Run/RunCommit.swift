/// `run --commit`: commits exactly the files the run changed, as steward-runner, with a
/// message that lists the transitions.
package enum RunCommit {
    /// Before the run writes anything: the root must be in a git repository, and nothing
    /// under `State/` may differ from HEAD, or the runner's commit would carry someone
    /// else's uncommitted edit under its name.
    package static func preflight(root: GovernanceRoot) throws {
        try GitPreflight.requireRepository(root, for: "--commit commits the run's changes with git")
        let dirty = try GitPreflight.uncommittedState(root)
        guard dirty.isEmpty else {
            let shown = dirty.prefix(5).joined(separator: ", ") + (dirty.count > 5 ? ", … (\(dirty.count) in all)" : "")
            throw RuleViolation(rule: "uncommitted-state", "State/ has changes that are not committed (\(shown)); 'run --commit' would commit them as steward-runner. Commit or discard them first; nothing was written")
        }
    }

    package static func commit(_ r: RunReport, root: GovernanceRoot) throws {
        var message = "steward run at \(r.now): \(counted(r.transitions.count, "transition")), \(counted(r.tasks.count, "task")) opened"
        if !r.closedTasks.isEmpty { message += ", \(counted(r.closedTasks.count, "task")) closed" }
        message += "\n\n"
        for t in r.transitions { message += "- \(t.id): \(t.from) → \(t.to) (\(t.reason))\n" }
        for t in r.tasks { message += "- \(t.id) opened\n" }
        for t in r.closedTasks { message += "- \(t.id) closed: \(t.reason)\n" }
        let paths = r.changed.map { "State/\($0).json" }
        let env = ["GIT_AUTHOR_NAME": "steward-runner", "GIT_AUTHOR_EMAIL": "steward-runner@localhost",
                   "GIT_COMMITTER_NAME": "steward-runner", "GIT_COMMITTER_EMAIL": "steward-runner@localhost"]
        let add = try GitCLI.run(["add", "--"] + paths, root: root)
        guard add.status == 0 else { throw StoreError(.io, "git add failed: \(add.stderr)") }
        let c = try GitCLI.run(["commit", "-q", "--no-verify", "-m", message, "--"] + paths, root: root, extraEnvironment: env)
        guard c.status == 0 else { throw StoreError(.io, "git commit failed (the files were written; commit them by hand): \(c.stderr)") }
    }
}

/// "1 connector", "2 connectors": the counts of the runner's commit message and of the CLI.
package func counted(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
