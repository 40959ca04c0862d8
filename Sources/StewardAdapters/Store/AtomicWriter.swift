#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Replaces files in one directory so that a crash at any instant leaves each of them old
/// or new, never half-written.
///
/// For each file: write a temporary dotfile beside it, make its data durable, rename it over
/// the target, then make the directory durable. A batch amortises the syncs the way git's
/// `core.fsyncMethod=batch` does: every temporary file is written first, one `syncfs(2)`
/// makes them all durable together, they are renamed, and the directory is synced once.
/// Until a rename happens the old file is untouched, and a stray temporary file is a dotfile
/// that readers ignore and the next writer removes.
public struct AtomicWriter: Sendable {
    /// Where the files live.
    public let directory: String
    /// How `directory` is named in messages (e.g. `State`).
    public let shown: String
    /// Batches of at least this many files use one syncfs instead of one fsync per file.
    public var batchThreshold = 8

    public init(directory: String, shown: String) {
        self.directory = directory
        self.shown = shown
    }

    /// Writes every byte of `bytes` to `fd`, retrying after a signal; 0, or the errno that
    /// stopped it.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Int32 {
        bytes.withUnsafeBytes { p in
            var off = 0
            while off < p.count {
                let n = Glibc.write(fd, p.baseAddress! + off, p.count - off)
                if n < 0 { if errno == EINTR { continue }; return errno }
                off += n
            }
            return 0
        }
    }

    /// The prefix of temporary files for `name`; anything starting with it is stale once the lock is held.
    public static func temporaryPrefix(for name: String) -> String { ".\(name).tmp-" }

    /// Writes each (file name, bytes) pair atomically and durably. On failure nothing has
    /// been renamed unless the error says so, and temporary files are removed.
    public func write(_ files: [(name: String, bytes: [UInt8])]) throws(StoreError) {
        if files.isEmpty { return }
        let dirfd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW)
        guard dirfd >= 0 else { throw StoreError(.io, "cannot open \(shown)/: \(errorText(errno))") }
        defer { close(dirfd) }
        let batch = files.count >= batchThreshold
        var temps: [String] = []
        func cleanup() { for t in temps { unlinkat(dirfd, t, 0) } }
        let pid = getpid()
        for (i, f) in files.enumerated() {
            let tmp = AtomicWriter.temporaryPrefix(for: f.name) + "\(pid)-\(i)"
            let fd = openat(dirfd, tmp, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0o644)
            guard fd >= 0 else {
                let e = errno
                cleanup()
                throw StoreError(.io, "cannot create a temporary file in \(shown)/ for \(f.name): \(errorText(e)); nothing was changed")
            }
            temps.append(tmp)
            var failure = AtomicWriter.writeAll(fd, f.bytes)
            if failure == 0 && !batch && fsync(fd) != 0 { failure = errno }
            if close(fd) != 0 && failure == 0 { failure = errno }
            if failure != 0 {
                cleanup()
                throw StoreError(.io, "cannot write \(shown)/\(f.name): \(errorText(failure)); nothing was changed")
            }
        }
        if batch && steward_syncfs(dirfd) != 0 {
            let e = errno
            cleanup()
            throw StoreError(.io, "cannot flush \(shown)/ to disk: \(errorText(e)); nothing was changed")
        }
        for (i, f) in files.enumerated() {
            if renameat(dirfd, temps[i], dirfd, f.name) != 0 {
                let e = errno
                for t in temps[i...] { unlinkat(dirfd, t, 0) }
                let done = files[..<i].map(\.name)
                throw StoreError(.io, "cannot replace \(shown)/\(f.name): \(errorText(e)); "
                                 + (done.isEmpty ? "nothing was changed" : "\(done.count) file(s) before it were replaced (\(done.prefix(5).joined(separator: ", "))…); run again to finish"))
            }
        }
        if fsync(dirfd) != 0 {
            throw StoreError(.io, "cannot flush the directory \(shown)/ to disk: \(errorText(errno)); the new files may not survive a power loss")
        }
    }

    /// Removes stale temporary files (call only while holding the state lock).
    public func removeStaleTemporaries() {
        guard let names = try? SafeFile.list(directory, shown: shown) else { return }
        for n in names where n.hasPrefix(".") && n.contains(".tmp-") {
            unlink(directory + "/" + n)
        }
    }
}

/// syncfs(2): flushes every dirty page and inode of the file system holding `fd`. Glibc
/// declares it only under _GNU_SOURCE, so Swift's Glibc module does not export it.
@_silgen_name("syncfs")
func steward_syncfs(_ fd: Int32) -> Int32
