#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The entry names of one directory (`.` and `..` left out), gathered as bytes in one
/// buffer and put in `String` order without building a `String` per comparison: a
/// 100,000-file `State/` is listed before any file can be read, so the listing is the part
/// of a scan that a second core shares least (the sort runs on two).
public struct DirectoryNames: Sendable {
    /// Every name's bytes, one after another.
    private var bytes: [UInt8] = []
    /// Where name `i` starts in `bytes`; it ends where name `i + 1` starts.
    private var starts: [Int] = [0]

    /// How many names there are.
    public var count: Int { starts.count - 1 }

    /// Reads the names in directory `path`; `shown` names it in errors.
    public static func read(_ path: String, shown: String) throws(DataError) -> DirectoryNames {
        guard let dir = opendir(path) else { throw DataError(file: shown, location: "", message: "cannot be listed: \(errorText(errno))") }
        return try read(dir, shown: shown)
    }

    /// Reads the names in an open directory (a descriptor opened without following a link,
    /// so the listing cannot be sent elsewhere by a link swapped in for the path).
    public static func read(in directory: OpenDirectory, shown: String) throws(DataError) -> DirectoryNames {
        let fd = fcntl(directory.descriptor, F_DUPFD_CLOEXEC, 0)
        guard fd >= 0, let dir = fdopendir(fd) else {
            let e = errno
            if fd >= 0 { close(fd) }
            throw DataError(file: shown, location: "", message: "cannot be listed: \(errorText(e))")
        }
        rewinddir(dir)
        return try read(dir, shown: shown)
    }

    /// Every name `dir` holds; closes it. A read error is an error, never an early end (a
    /// listing that stopped short would silently skip connectors).
    private static func read(_ dir: OpaquePointer, shown: String) throws(DataError) -> DirectoryNames {
        defer { closedir(dir) }
        var names = DirectoryNames()
        while true {
            errno = 0
            guard let ent = readdir(dir) else {
                if errno != 0 { throw DataError(file: shown, location: "", message: "cannot be listed: \(errorText(errno))") }
                break
            }
            withUnsafePointer(to: ent.pointee.d_name) { p in
                p.withMemoryRebound(to: UInt8.self, capacity: 256) { raw in
                    let n = strlen(UnsafeRawPointer(raw).assumingMemoryBound(to: CChar.self))
                    let name = UnsafeBufferPointer(start: raw, count: n)
                    if !(n == 1 && name[0] == 0x2E) && !(n == 2 && name[0] == 0x2E && name[1] == 0x2E) { names.append(name) }
                }
            }
        }
        return names
    }

    /// Names from a list (for tests and callers that already hold them).
    public init<S: Sequence>(_ list: S) where S.Element == String {
        for name in list { var n = name; n.withUTF8 { append($0) } }
    }

    private init() {}

    private mutating func append(_ name: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: name)
        starts.append(bytes.count)
    }

    /// Name `i`'s bytes, for reading in place.
    public func withName<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        bytes.withUnsafeBufferPointer { b in body(UnsafeBufferPointer(rebasing: b[starts[i]..<starts[i + 1]])) }
    }

    /// Name `i` as text (bytes that are not UTF-8 are repaired, as `String(cString:)` does).
    public func name(_ i: Int) -> String { withName(i) { String(decoding: $0, as: UTF8.self) } }

    /// The positions of the names in `String` order. When every name is ASCII, that is the
    /// order of their bytes, compared with `memcmp` in place, each half of the list on its
    /// own core and the halves merged; otherwise the names are compared as `String`s.
    public func sortedOrder() -> [Int] {
        let all = Array(0..<count)
        guard !bytes.contains(where: { $0 >= 0x80 }) else {
            let texts = all.map(name)
            return all.sorted { texts[$0] < texts[$1] }
        }
        return bytes.withUnsafeBufferPointer { b -> [Int] in
            let base = b.baseAddress ?? UnsafePointer(bitPattern: 1)!
            let order = ByteOrder(base: base, starts: starts)
            guard count >= 4096 else { return all.sorted(by: order.less) }
            // Two halves sorted at once (one on another thread), then one merge.
            let mid = count / 2
            let first = Background { Array(0..<mid).sorted(by: order.less) }
            let second = Array(mid..<count).sorted(by: order.less)
            return order.merge(try! first.value(), second)   // a sort cannot throw
        }
    }

    /// The names in `String` order.
    public func sortedNames() -> [String] { sortedOrder().map(name) }
}

/// Byte order of the names in one buffer: what `String` order is for ASCII text.
private struct ByteOrder: @unchecked Sendable {
    let base: UnsafePointer<UInt8>
    let starts: [Int]

    @inline(__always)
    func less(_ a: Int, _ b: Int) -> Bool {
        let la = starts[a + 1] - starts[a], lb = starts[b + 1] - starts[b]
        let c = memcmp(base + starts[a], base + starts[b], min(la, lb))
        return c != 0 ? c < 0 : la < lb
    }

    /// Two sorted lists merged into one (ties keep the first list's name first).
    func merge(_ x: [Int], _ y: [Int]) -> [Int] {
        var out: [Int] = []
        out.reserveCapacity(x.count + y.count)
        var i = 0, j = 0
        while i < x.count && j < y.count {
            if less(y[j], x[i]) { out.append(y[j]); j += 1 } else { out.append(x[i]); i += 1 }
        }
        out.append(contentsOf: x[i...])
        out.append(contentsOf: y[j...])
        return out
    }
}
