/// Two small tables of strings already read, keyed by a hash of their bytes, so that a
/// string whose bytes were seen before is shared instead of built again. A hit is confirmed
/// byte for byte, so it only ever returns an equal string (built from the same bytes by the
/// same decoding). Short strings (at most 15 bytes, stored inline by `String`) are keyed by
/// their packed bytes, which saves validating and building them; long ones (heap strings)
/// save an allocation and the memory of each copy. A reader of many documents keeps one
/// table and lends it to each document's cursor, so names, states and people seen in one
/// file are shared with the next. Only strings of at most `longestKept` bytes are kept, so a
/// table never holds more than a few tens of KiB whatever the files say.
package struct RepeatedStrings {
    /// Slots per table: a power of two, the top `slotBits` bits of a hash.
    static var slotBits: Int { 7 }
    static var slots: Int { 1 << slotBits }
    /// The longest string kept (hashes, addresses, references, short notes fit).
    static var longestKept: Int { 256 }
    private var long: [String?] = []
    private var short: [Packed] = []

    /// A string of at most 15 bytes, with its bytes packed into two words (zero-padded).
    private struct Packed {
        var lo: UInt64 = 0
        var hi: UInt64 = 0
        var length = -1   // matches no string
        var text = ""
    }

    package init() {}

    /// The string of the `length` UTF-8 bytes at `start`, shared with an earlier one of the
    /// same bytes when a table holds it.
    @inline(__always)
    package mutating func string(_ start: UnsafePointer<UInt8>, _ length: Int) -> String {
        if length == 0 { return "" }
        if length > Self.longestKept { return String(decoding: UnsafeBufferPointer(start: start, count: length), as: UTF8.self) }
        return length > 15 ? longString(start, length) : shortString(start, length)
    }

    mutating func shortString(_ start: UnsafePointer<UInt8>, _ length: Int) -> String {
        // Read only the string's own bytes: two overlapping words, or byte by byte under 8.
        var lo: UInt64 = 0, hi: UInt64 = 0
        if length >= 8 {
            lo = UnsafeRawPointer(start).loadUnaligned(as: UInt64.self)
            hi = UnsafeRawPointer(start + length - 8).loadUnaligned(as: UInt64.self)
        } else {
            for i in 0..<length { lo |= UInt64(start[i]) << UInt64(8 &* i) }
        }
        let slot = Self.slot(lo ^ (hi << 29 | hi >> 35), length)
        if short.isEmpty { short = Array(repeating: Packed(), count: Self.slots) }
        if short[slot].lo == lo && short[slot].hi == hi && short[slot].length == length { return short[slot].text }
        let s = String(decoding: UnsafeBufferPointer(start: start, count: length), as: UTF8.self)
        short[slot] = Packed(lo: lo, hi: hi, length: length, text: s)
        return s
    }

    mutating func longString(_ start: UnsafePointer<UInt8>, _ length: Int) -> String {
        let first = UnsafeRawPointer(start).loadUnaligned(as: UInt64.self)
        let last = UnsafeRawPointer(start + length - 8).loadUnaligned(as: UInt64.self)
        let slot = Self.slot(first ^ (last << 29 | last >> 35), length)
        if long.isEmpty { long = Array(repeating: nil, count: Self.slots) }
        if let known = long[slot], Self.equal(known, start, length) { return known }
        let s = String(decoding: UnsafeBufferPointer(start: start, count: length), as: UTF8.self)
        long[slot] = s
        return s
    }

    @inline(__always)
    static func slot(_ mixed: UInt64, _ length: Int) -> Int {
        Int(truncatingIfNeeded: ((mixed ^ UInt64(truncatingIfNeeded: length)) &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - slotBits))
    }

    /// True when `s` is exactly the `length` bytes at `start`.
    static func equal(_ s: String, _ start: UnsafePointer<UInt8>, _ length: Int) -> Bool {
        guard s.utf8.count == length else { return false }
        return s.utf8.withContiguousStorageIfAvailable { b -> Bool in
            guard let base = b.baseAddress else { return false }
            var i = 0
            while i &+ 8 <= length {
                if UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                    != UnsafeRawPointer(start + i).loadUnaligned(as: UInt64.self) { return false }
                i &+= 8
            }
            while i < length {
                if base[i] != start[i] { return false }
                i &+= 1
            }
            return true
        } ?? false
    }
}
