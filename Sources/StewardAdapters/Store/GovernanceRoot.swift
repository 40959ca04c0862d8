#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A governance repository: a directory holding `Workflows/`, `State/` and `Templates/`.
public struct GovernanceRoot: Sendable, Equatable {
    /// The root directory, absolute.
    public let path: String

    public init(path: String) { self.path = path }

    public var statePath: String { path + "/State" }
    public var workflowsPath: String { path + "/Workflows" }
    public var templatesPath: String { path + "/Templates" }

    /// `--root DIR` when given, else the nearest directory at or above `cwd` holding `State/`
    /// and `Workflows/`, the way git finds `.git`.
    public static func find(explicit: String?, cwd: String) throws -> GovernanceRoot {
        if let explicit {
            let abs = explicit.hasPrefix("/") ? explicit : cwd + "/" + explicit
            try refuseLinks(abs)
            guard SafeFile.isDirectory(abs + "/State"), SafeFile.isDirectory(abs + "/Workflows") else {
                throw InputError("--root \(explicit) is not a governance repository: it needs State/ and Workflows/ directories (create one with 'steward init DIR')")
            }
            return GovernanceRoot(path: abs)
        }
        var dir = cwd
        while true {
            try refuseLinks(dir)
            if SafeFile.isDirectory(dir + "/State") && SafeFile.isDirectory(dir + "/Workflows") {
                return GovernanceRoot(path: dir)
            }
            guard let slash = dir.lastIndex(of: "/"), dir != "/" else { break }
            dir = slash == dir.startIndex ? "/" : String(dir[..<slash])
        }
        throw InputError("no governance repository here: no directory at or above \(cwd) holds State/ and Workflows/; pass --root DIR or run 'steward init DIR'")
    }

    /// A `State/`, `Workflows/` or `Templates/` that is a symbolic link is refused: steward
    /// never reads or writes through links.
    static func refuseLinks(_ dir: String) throws(DataError) {
        for name in ["State", "Workflows", "Templates"] where SafeFile.entryType(dir + "/" + name) == S_IFLNK {
            throw DataError(file: "\(name)/", location: "", message: "is a symbolic link (in \(dir)); steward never reads or writes through links: make it a real directory")
        }
    }

    /// The current working directory.
    public static func currentDirectory() -> String {
        var buf = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buf, buf.count) != nil else { return "." }
        // Decode up to the terminating NUL (String(cString:) on an array is deprecated).
        let bytes = buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
