/// A point in time, as whole seconds since 1970-01-01T00:00:00Z (UTC).
///
/// Documents store times as `YYYY-MM-DDTHH:MM:SSZ`; `init?(iso8601:)` accepts exactly that.
/// Platform exports use looser ISO 8601 (offsets, fractions); `init?(lenient:)` reads those.
/// Conversions are hand-written (civil-from-days) so they are fast, deterministic and
/// independent of the process's time zone or locale.
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Seconds since the Unix epoch, UTC.
    public var seconds: Int64

    public init(seconds: Int64) { self.seconds = seconds }

    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.seconds < b.seconds }

    /// This time plus a duration.
    public func adding(_ d: Duration) -> Timestamp { Timestamp(seconds: seconds + d.seconds) }
    /// This time minus a duration.
    public func subtracting(_ d: Duration) -> Timestamp { Timestamp(seconds: seconds - d.seconds) }
    /// Whole days from `self` to `later` (negative when `later` is earlier), rounded down.
    public func days(until later: Timestamp) -> Int64 {
        let d = later.seconds - seconds
        return d >= 0 ? d / 86_400 : -((-d + 86_399) / 86_400)
    }

    /// The document form: `2026-01-05T09:00:00Z`.
    public var description: String { iso8601 }

    /// The document form: `2026-01-05T09:00:00Z`.
    public var iso8601: String {
        let days = seconds >= 0 ? seconds / 86_400 : -((-seconds + 86_399) / 86_400)
        let rem = seconds - days * 86_400
        let (y, m, d) = Timestamp.civil(fromDays: days)
        guard y >= 0 && y <= 9999 else {
            return pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2) + "T" + pad(rem / 3600, 2) + ":"
                + pad(rem % 3600 / 60, 2) + ":" + pad(rem % 60, 2) + "Z"
        }
        // The common case, written into 20 bytes at once (no intermediate strings).
        return String(unsafeUninitializedCapacity: 20) { b in
            func put(_ v: Int64, _ at: Int, _ width: Int) {
                var v = v
                var i = at + width - 1
                while i >= at {
                    b[i] = UInt8(48 + v % 10)
                    v /= 10
                    i -= 1
                }
            }
            put(y, 0, 4); b[4] = 45; put(m, 5, 2); b[7] = 45; put(d, 8, 2); b[10] = 84
            put(rem / 3600, 11, 2); b[13] = 58; put(rem % 3600 / 60, 14, 2); b[16] = 58; put(rem % 60, 17, 2)
            b[19] = 90
            return 20
        }
    }

    /// Just the date: `2026-01-05`.
    public var dateOnly: String { String(iso8601.prefix(10)) }

    /// Parses exactly `YYYY-MM-DDTHH:MM:SSZ`, the only form a document may hold.
    public init?(iso8601 text: String) {
        let b = Array(text.utf8)
        guard b.count == 20, b[4] == 45, b[7] == 45, b[10] == 84, b[13] == 58, b[16] == 58, b[19] == 90
        else { return nil }
        guard let t = Timestamp.fields(b) else { return nil }
        self = t
    }

    /// Parses ISO 8601 as platforms export it: `2026-01-05T09:00:00Z`, `…+00:00`, `…-05:00`,
    /// fractional seconds (dropped), a space instead of `T`, or a bare date `2026-01-05`
    /// (midnight UTC).
    public init?(lenient text: String) {
        var b = Array(text.utf8)
        if b.count == 10 { b += Array("T00:00:00Z".utf8) }
        guard b.count >= 19, b[4] == 45, b[7] == 45, b[10] == 84 || b[10] == 32 || b[10] == 116,
              b[13] == 58, b[16] == 58, var t = Timestamp.fields(b) else { return nil }
        var i = 19
        if i < b.count, b[i] == 46 {  // fraction
            i += 1
            let start = i
            while i < b.count, b[i] >= 48, b[i] <= 57 { i += 1 }
            if i == start { return nil }
        }
        if i == b.count { self = t; return }  // no zone: taken as UTC
        if b[i] == 90 || b[i] == 122 { guard i + 1 == b.count else { return nil }; self = t; return }
        guard b[i] == 43 || b[i] == 45 else { return nil }
        let sign: Int64 = b[i] == 43 ? 1 : -1
        let rest = Array(b[(i + 1)...]).filter { $0 != 58 }
        guard rest.count == 4 || rest.count == 2, rest.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        let hh = Int64(rest[0] - 48) * 10 + Int64(rest[1] - 48)
        let mm = rest.count == 4 ? Int64(rest[2] - 48) * 10 + Int64(rest[3] - 48) : 0
        guard hh < 24, mm < 60 else { return nil }
        t.seconds -= sign * (hh * 3600 + mm * 60)
        self = t
    }

    /// Parses exactly `YYYY-MM-DDTHH:MM:SSZ` from `count` raw bytes at `start` (no allocation).
    static func documentForm(_ start: UnsafePointer<UInt8>, count: Int) -> Timestamp? {
        guard count == 20, start[4] == 45, start[7] == 45, start[10] == 84, start[13] == 58, start[16] == 58,
              start[19] == 90 else { return nil }
        return fields(start)
    }

    /// The date and time fields of `YYYY-MM-DD?HH:MM:SS` at `b` (19 bytes; separators not checked).
    private static func fields(_ b: UnsafePointer<UInt8>) -> Timestamp? {
        // Each digit's value (its byte minus "0"; anything else wraps above 9), unrolled.
        let y0 = b[0] &- 48, y1 = b[1] &- 48, y2 = b[2] &- 48, y3 = b[3] &- 48, mo0 = b[5] &- 48, mo1 = b[6] &- 48
        let d0 = b[8] &- 48, d1 = b[9] &- 48, h0 = b[11] &- 48, h1 = b[12] &- 48
        let mi0 = b[14] &- 48, mi1 = b[15] &- 48, s0 = b[17] &- 48, s1 = b[18] &- 48
        guard y0 <= 9, y1 <= 9, y2 <= 9, y3 <= 9, mo0 <= 9, mo1 <= 9, d0 <= 9, d1 <= 9, h0 <= 9, h1 <= 9,
              mi0 <= 9, mi1 <= 9, s0 <= 9, s1 <= 9 else { return nil }
        @inline(__always) func two(_ a: UInt8, _ b: UInt8) -> Int64 { Int64(a) * 10 + Int64(b) }
        let y = two(y0, y1) * 100 + two(y2, y3)
        let mo = two(mo0, mo1), d = two(d0, d1), h = two(h0, h1), mi = two(mi0, mi1), s = two(s0, s1)
        guard mo >= 1, mo <= 12, d >= 1, d <= daysInMonth(y, mo), h < 24, mi < 60, s < 60 else { return nil }
        return Timestamp(seconds: days(fromCivil: y, mo, d) * 86_400 + h * 3600 + mi * 60 + s)
    }

    /// `fields` over the first 19 bytes of `b` (which holds at least 19).
    private static func fields(_ b: [UInt8]) -> Timestamp? {
        b.withUnsafeBufferPointer { fields($0.baseAddress!) }
    }

    static func daysInMonth(_ y: Int64, _ m: Int64) -> Int64 {
        switch m {
        case 2: return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // Howard Hinnant's days_from_civil / civil_from_days.
    static func days(fromCivil y0: Int64, _ m: Int64, _ d: Int64) -> Int64 {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    package static func civil(fromDays z0: Int64) -> (Int64, Int64, Int64) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? yoe + era * 400 + 1 : yoe + era * 400, m, d)
    }
}

private func pad(_ v: Int64, _ width: Int) -> String {
    let s = String(v)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

/// A length of time in whole seconds, written in workflow files as `30d`, `12h`, `45m` or `10s`.
public struct Duration: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The length in seconds.
    public var seconds: Int64
    public init(seconds: Int64) { self.seconds = seconds }
    /// A duration of whole days.
    public static func days(_ n: Int64) -> Duration { Duration(seconds: n * 86_400) }
    public static func < (a: Duration, b: Duration) -> Bool { a.seconds < b.seconds }

    /// Parses `<digits><unit>` with unit `d`, `h`, `m` or `s`; nil for anything else.
    public init?(text: String) {
        guard let unit = text.last, text.count >= 2 else { return nil }
        let digits = text.dropLast()
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }), digits.count <= 9, let n = Int64(digits) else { return nil }
        switch unit {
        case "d": seconds = n * 86_400
        case "h": seconds = n * 3600
        case "m": seconds = n * 60
        case "s": seconds = n
        default: return nil
        }
    }

    /// The shortest exact form: `30d`, `36h`, `90m`, `10s`.
    public var description: String {
        if seconds % 86_400 == 0 { return "\(seconds / 86_400)d" }
        if seconds % 3600 == 0 { return "\(seconds / 3600)h" }
        if seconds % 60 == 0 { return "\(seconds / 60)m" }
        return "\(seconds)s"
    }
}
