#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import StewardKit

/// One table of strings already read per thread (`RepeatedStrings`), lent to each connector
/// file the thread reads, so a whole scan shares the names, states and people its files
/// repeat instead of building them again for every file. A cache only: a document reads the
/// same with any table or none.
final class ThreadStrings {
    var strings = RepeatedStrings()

    /// The calling thread's table (made on first use, released when the thread ends).
    static var current: ThreadStrings {
        if let p = pthread_getspecific(key) { return Unmanaged<ThreadStrings>.fromOpaque(p).takeUnretainedValue() }
        let made = ThreadStrings()
        // Held by the thread until it ends (released by the key's destructor); if the slot
        // cannot be set, the table serves this call only.
        let held = Unmanaged.passRetained(made)
        if pthread_setspecific(key, held.toOpaque()) != 0 { held.release() }
        return made
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        let created = pthread_key_create(&key) { p in
            if let p { Unmanaged<ThreadStrings>.fromOpaque(p).release() }
        }
        precondition(created == 0, "no thread-specific key left for the string tables")
        return key
    }()
}
