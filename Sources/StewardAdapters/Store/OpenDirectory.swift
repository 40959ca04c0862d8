#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A directory held open for the length of a scan, so each file in it is opened by its name
/// alone (`openat`) rather than by walking the directory's whole path again. Opened without
/// following a link at its last component (a `State/` that became a link is refused), and
/// every file of the scan is then read from this one directory, even if the path is
/// swapped meanwhile. Closed when the last reference goes.
public final class OpenDirectory: Sendable {
    /// The open descriptor (read-only, close-on-exec).
    let descriptor: Int32

    /// Opens the directory at `path`; `shown` names it in errors.
    public init(_ path: String, shown: String) throws(DataError) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { throw DataError(file: shown, location: "", message: "cannot be opened: \(errorText(errno))") }
        descriptor = fd
    }

    deinit { close(descriptor) }
}
