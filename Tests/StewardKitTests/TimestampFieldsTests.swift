import XCTest
@testable import StewardKit

/// `Timestamp(iso8601:)` reads the digits unrolled; this compares it with the digit-by-digit
/// reading it replaced, on valid, boundary and corrupted texts.
final class TimestampFieldsTests: XCTestCase {
    func reference(_ text: String) -> Int64? {
        let b = Array(text.utf8)
        guard b.count == 20, b[4] == 45, b[7] == 45, b[10] == 84, b[13] == 58, b[16] == 58, b[19] == 90 else { return nil }
        func num(_ s: Int, _ n: Int) -> Int64? {
            var v: Int64 = 0
            for k in s..<(s + n) {
                guard b[k] >= 48, b[k] <= 57 else { return nil }
                v = v * 10 + Int64(b[k] - 48)
            }
            return v
        }
        guard let y = num(0, 4), let mo = num(5, 2), let d = num(8, 2), let h = num(11, 2),
              let mi = num(14, 2), let s = num(17, 2) else { return nil }
        guard (1...12).contains(mo), d >= 1, d <= Timestamp.daysInMonth(y, mo), h < 24, mi < 60, s < 60 else { return nil }
        return Timestamp.days(fromCivil: y, mo, d) * 86_400 + h * 3600 + mi * 60 + s
    }

    func testUnrolledDigitsAgreeWithTheReference() {
        var rng = SystemRandomNumberGenerator()
        let fixed = ["2027-03-01T09:00:00Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2024-02-29T12:00:00Z",
                     "2023-02-29T12:00:00Z", "1900-02-29T00:00:00Z", "2000-02-29T00:00:00Z", "2027-00-01T00:00:00Z",
                     "2027-13-01T00:00:00Z", "2027-04-31T00:00:00Z", "2027-01-00T00:00:00Z", "2027-01-01T24:00:00Z",
                     "2027-01-01T00:60:00Z", "2027-01-01T00:00:60Z", "2027-01-01 00:00:00Z", "2027-1-01T00:00:00Z"]
        var texts = fixed
        let bytes: [UInt8] = Array("0123456789:/-Ta ".utf8) + [0x2F, 0x3A, 0x80, 0xFF, 0x00]
        for _ in 0..<20_000 {
            var b = Array(fixed.randomElement(using: &rng)!.utf8)
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                b[Int.random(in: 0..<b.count, using: &rng)] = bytes.randomElement(using: &rng)!
            }
            texts.append(String(decoding: b, as: UTF8.self))
        }
        for _ in 0..<5_000 {
            let t = Timestamp(seconds: Int64.random(in: -62_167_219_200...253_402_300_799, using: &rng))
            texts.append(t.iso8601)
            XCTAssertEqual(Timestamp(iso8601: t.iso8601), t)
        }
        for text in texts {
            XCTAssertEqual(Timestamp(iso8601: text)?.seconds, reference(text), text.debugDescription)
        }
    }
}
