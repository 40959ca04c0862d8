import Foundation

/// The one way steward runs git: `git ARGS` inside a governance root. `GitRepository`,
/// the runner's commit, the preflight checks and the CLI's `git config user.email` all come
/// through here.
public enum GitCLI {
    /// `git ARGS` in `root`, with extra environment variables on top of the process's and
    /// optional bytes on its standard input.
    public static func run(_ args: [String], root: GovernanceRoot, extraEnvironment: [String: String] = [:],
                           input: [UInt8]? = nil) throws(StoreError) -> ProcessOutput {
        var env: [String: String]?
        if !extraEnvironment.isEmpty {
            var e = ProcessInfo.processInfo.environment
            for (k, v) in extraEnvironment { e[k] = v }
            env = e
        }
        return try ProcessRunner.run("git", args, in: root.path, environment: env, input: input)
    }
}
