#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads files the way untrusted input must be read: never through a symbolic link, only
/// regular files with a single link, and never more than a size cap (checked before reading).
public enum SafeFile {
    /// The largest connector file read (1 MiB).
    public static let maxConnectorBytes = JSONFile.maxBytes

    /// The bytes of `path`; `shown` is the name used in errors (e.g. `State/x.json`).
    public static func read(_ path: String, shown: String, maxBytes: Int = maxConnectorBytes) throws(DataError) -> [UInt8] {
        try read(path, at: AT_FDCWD, shown: shown, maxBytes: maxBytes)
    }

    /// The bytes of the entry `name` in `directory`, with the same checks: the directory's
    /// path is not walked again for every file of a scan.
    public static func read(_ name: String, in directory: OpenDirectory, shown: String, maxBytes: Int = maxConnectorBytes) throws(DataError) -> [UInt8] {
        try read(name, at: directory.descriptor, shown: shown, maxBytes: maxBytes)
    }

    private static func read(_ path: String, at base: Int32, shown: String, maxBytes: Int) throws(DataError) -> [UInt8] {
        let fd = openat(base, path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        if fd < 0 {
            let e = errno
            if e == ELOOP { throw DataError(file: shown, location: "", message: "is a symbolic link; steward never reads or writes through links (replace it with the real file)") }
            throw DataError(file: shown, location: "", message: "cannot be read: \(errorText(e))")
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw DataError(file: shown, location: "", message: "cannot be read: \(errorText(errno))") }
        guard (st.st_mode & S_IFMT) == S_IFREG else {
            throw DataError(file: shown, location: "", message: "is not a regular file")
        }
        guard st.st_nlink <= 1 else {
            throw DataError(file: shown, location: "", message: "has \(st.st_nlink) hard links; a connector file must be a file of its own (copy it instead of linking)")
        }
        let size = Int(st.st_size)
        guard size <= maxBytes else {
            throw DataError(file: shown, location: "", message: "is \(size) bytes, over the limit of \(maxBytes) bytes; it was not parsed (rule too-large)")
        }
        // Read straight into the array's storage (no zero-fill first); a file that shrank
        // meanwhile gives fewer bytes, never uninitialized ones.
        var failure: Int32 = 0
        let buf = [UInt8](unsafeUninitializedCapacity: max(size, 1)) { p, initialized in
            var got = 0
            while got < size {
                let n = Glibc.read(fd, p.baseAddress! + got, size - got)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    break
                }
                if n == 0 { break }
                got += n
            }
            initialized = got
        }
        if failure != 0 { throw DataError(file: shown, location: "", message: "cannot be read: \(errorText(failure))") }
        return buf
    }

    /// The kind of entry at `path` without following links, or nil when absent.
    public static func entryType(_ path: String) -> mode_t? {
        var st = stat()
        guard lstat(path, &st) == 0 else { return nil }
        return st.st_mode & S_IFMT
    }

    /// True when `path` is a real directory (not a link to one).
    public static func isDirectory(_ path: String) -> Bool { entryType(path) == S_IFDIR }

    /// The names in directory `path`, in `String` order; throws when it cannot be listed.
    public static func list(_ path: String, shown: String) throws(DataError) -> [String] {
        try DirectoryNames.read(path, shown: shown).sortedNames()
    }
}

/// The text of an errno value.
public func errorText(_ code: Int32) -> String { String(cString: strerror(code)) }
