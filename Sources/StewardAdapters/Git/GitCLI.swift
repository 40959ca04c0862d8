import Foundation

/// Runs git inside a governance root.
public enum GitCLI {
    /// `git ARGS` in `root`, with extra environment variables on top of the process's.
    public static func run(_ args: [String], root: GovernanceRoot, extraEnvironment: [String: String] = [:]) throws(StoreError) -> ProcessOutput {
        var env = ProcessInfo.processInfo.environment
        for (k, v) in extraEnvironment { env[k] = v }
        return try ProcessRunner.run("git", args, in: root.path, environment: env)
    }
}
