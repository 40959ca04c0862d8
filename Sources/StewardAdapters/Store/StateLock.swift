#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The advisory `flock(2)` on `State/.lock` that every writing command holds, so two
/// writers never interleave. Released when the process exits or `release()` is called.
public final class StateLock: @unchecked Sendable {
    private var fd: Int32

    private init(fd: Int32) { self.fd = fd }

    /// Takes the lock, waiting up to `wait` seconds (0: do not wait).
    public static func acquire(stateDirectory: String, wait: Double) throws(StoreError) -> StateLock {
        let path = stateDirectory + "/.lock"
        let fd = open(path, O_CREAT | O_RDWR | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard fd >= 0 else {
            throw StoreError(.io, "cannot open State/.lock: \(errorText(errno)); is the repository read-only?")
        }
        let deadline = monotonicSeconds() + max(0, wait)
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let e = errno
            guard e == EWOULDBLOCK || e == EINTR else {
                close(fd)
                throw StoreError(.io, "cannot lock State/.lock: \(errorText(e))")
            }
            if monotonicSeconds() >= deadline {
                close(fd)
                throw StoreError(.busy, "another steward command holds State/.lock; try again, or pass --wait SECONDS")
            }
            usleep(20_000)
        }
        return StateLock(fd: fd)
    }

    /// Releases the lock.
    public func release() {
        if fd >= 0 { flock(fd, LOCK_UN); close(fd); fd = -1 }
    }

    deinit { release() }
}

func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}
