import StewardCore

/// `run --commit`: commits exactly the files the run changed, as steward-runner, with a
/// message that lists the transitions.
enum RunCommit {
    static func commit(_ r: RunReport, root: GovernanceRoot) throws {
        var message = "steward run at \(r.now): \(r.transitions.count) transitions, \(r.tasks.count) tasks opened\n\n"
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
