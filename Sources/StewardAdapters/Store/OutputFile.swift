#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one way steward writes a file outside `State/`: `init`'s defaults, `--out`, the
/// findings file and the GitHub step summary. A whole file is replaced atomically and
/// durably by `AtomicWriter` (temporary file, fsync, rename, fsync of the directory), so a
/// crash leaves the old file or the new one; no path component is followed through a
/// symbolic link that steward did not create (the directory is opened with O_NOFOLLOW, and
/// a link at the target is replaced, never written through).
public enum OutputFile {
    /// Writes `bytes` to `path` (relative paths are taken from the working directory),
    /// creating missing parent folders first.
    public static func write(_ bytes: [UInt8], to path: String) throws(StoreError) {
        let (dir, name) = split(path)
        guard !name.isEmpty, name != ".", name != ".." else {
            throw StoreError(.io, "cannot write \(path): not a file name")
        }
        try makeDirectories(dir, shown: path)
        try AtomicWriter(directory: dir, shown: dir == "." ? "." : dir).write([(name: name, bytes: bytes)])
    }

    /// Appends `bytes` to an existing file (the step summary GitHub hands a job); never
    /// creates it and never follows a symbolic link at `path`.
    public static func append(_ bytes: [UInt8], to path: String) throws(StoreError) {
        let fd = open(path, O_WRONLY | O_APPEND | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { throw StoreError(.io, "cannot append to \(path): \(errorText(errno))") }
        defer { close(fd) }
        let failure = AtomicWriter.writeAll(fd, bytes)
        if failure != 0 { throw StoreError(.io, "cannot append to \(path): \(errorText(failure))") }
    }

    static func split(_ path: String) -> (dir: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let dir = String(path[..<slash])
        return (dir.isEmpty ? "/" : dir, String(path[path.index(after: slash)...]))
    }

    /// Creates each missing folder of `dir` (mode 0755). Folders above the target may be
    /// reached through links (a home directory often is); the target's own folder is opened
    /// with O_NOFOLLOW by the writer, so a link there is refused.
    static func makeDirectories(_ dir: String, shown: String) throws(StoreError) {
        var current = dir.hasPrefix("/") ? "" : "."
        for part in dir.split(separator: "/") where part != "." {
            current += "/" + part
            var st = stat()
            if stat(current, &st) == 0 {
                if (st.st_mode & S_IFMT) == S_IFDIR { continue }
                throw StoreError(.io, "cannot write \(shown): \(current) is not a directory")
            }
            guard mkdir(current, 0o755) == 0 || errno == EEXIST else {
                throw StoreError(.io, "cannot write \(shown): cannot create \(current): \(errorText(errno))")
            }
        }
    }
}
