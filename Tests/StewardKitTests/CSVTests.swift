import XCTest
@testable import StewardKit

final class CSVTests: XCTestCase {
    private func parse(_ text: String) throws -> [[String]] { try CSV.parse(Array(text.utf8)) }

    private func error(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) -> CSVError? {
        do {
            let rows = try CSV.parse(bytes)
            XCTFail("expected an error, got \(rows)", file: file, line: line)
            return nil
        } catch {
            return error
        }
    }

    private func error(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> CSVError? {
        error(Array(text.utf8), file: file, line: line)
    }

    func testPlainRecords() throws {
        XCTAssertEqual(try parse("a,b,c\n1,2,3\n"), [["a", "b", "c"], ["1", "2", "3"]])
        XCTAssertEqual(try parse("a,b,c\n1,2,3"), [["a", "b", "c"], ["1", "2", "3"]], "no final newline")
        XCTAssertEqual(try parse("a,b\r\n1,2\r\n"), [["a", "b"], ["1", "2"]], "CRLF")
        XCTAssertEqual(try parse("a,b\r\n1,2\n3,4"), [["a", "b"], ["1", "2"], ["3", "4"]], "mixed ends")
    }

    func testEmptyInputAndEmptyFields() throws {
        XCTAssertEqual(try parse(""), [])
        XCTAssertEqual(try CSV.parse([0xEF, 0xBB, 0xBF]), [])
        XCTAssertEqual(try parse(",,\n"), [["", "", ""]])
        XCTAssertEqual(try parse("a,\n"), [["a", ""]])
        XCTAssertEqual(try parse("a\n\nb\n"), [["a"], [""], ["b"]], "a blank line is one empty field")
        XCTAssertEqual(try parse("\"\",x"), [["", "x"]])
    }

    func testQuotedFields() throws {
        XCTAssertEqual(try parse("\"a,b\",c\n"), [["a,b", "c"]])
        XCTAssertEqual(try parse("\"say \"\"hi\"\"\",x\n"), [["say \"hi\"", "x"]])
        XCTAssertEqual(try parse("\"line1\nline2\",x\r\n\"cr\r\nlf\",y"), [["line1\nline2", "x"], ["cr\r\nlf", "y"]])
        XCTAssertEqual(try parse("\"\"\"\""), [["\""]])
        XCTAssertEqual(try parse("a,\"b\"\r\n"), [["a", "b"]])
    }

    func testBOMIsSkippedOnlyAtTheStart() throws {
        XCTAssertEqual(try CSV.parse([0xEF, 0xBB, 0xBF] + Array("user,arn\nx,y\n".utf8)), [["user", "arn"], ["x", "y"]])
        XCTAssertEqual(try CSV.parse(Array("a,".utf8) + [0xEF, 0xBB, 0xBF]), [["a", "\u{FEFF}"]])
    }

    func testUTF8Text() throws {
        XCTAssertEqual(try parse("café,\"naïve, ok\"\n"), [["café", "naïve, ok"]])
    }

    func testInvalidUTF8IsAnError() {
        let e = error(Array("a,b\nok,".utf8) + [0xC3, 0x28] + Array("\n".utf8))
        XCTAssertEqual(e?.line, 2)
        XCTAssertEqual(e?.record, 2)
        XCTAssertTrue(e?.message.contains("UTF-8") ?? false)
        XCTAssertEqual(error([0x22, 0xFF, 0x22])?.record, 1)
    }

    func testQuoteInsideUnquotedFieldNamesLineAndRecord() {
        let e = error("h1,h2\nok,ok\nab\"c,d\n")
        XCTAssertEqual(e, CSVError(line: 3, record: 3, message: e?.message ?? ""))
        XCTAssertTrue(e?.message.contains("unquoted field") ?? false)
        XCTAssertTrue(e?.description.hasPrefix("line 3 (record 3): ") ?? false)
    }

    func testTextAfterClosingQuote() {
        let e = error("h\n\"abc\"def,x\n")
        XCTAssertEqual(e?.line, 2)
        XCTAssertEqual(e?.record, 2)
        XCTAssertTrue(e?.message.contains("after a closing quote") ?? false)
        XCTAssertNotNil(error("\"a\" ,b"))
    }

    func testUnterminatedQuoteNamesTheLineItOpened() {
        let e = error("h\nx,\"never closed\nmore\nlines")
        XCTAssertEqual(e?.line, 2)
        XCTAssertEqual(e?.record, 2)
        XCTAssertTrue(e?.message.contains("never closed") ?? false)
    }

    func testLineCountingAfterMultilineField() {
        // Record 2 spans lines 2-3; the bad record 3 is on line 4.
        let e = error("h,h\n\"a\nb\",c\nx\"y,z\n")
        XCTAssertEqual(e?.line, 4)
        XCTAssertEqual(e?.record, 3)
    }

    func testBareCarriageReturnIsAnError() {
        let e = error("a,b\rc,d\r")
        XCTAssertEqual(e?.line, 1)
        XCTAssertTrue(e?.message.contains("carriage return") ?? false)
    }
}
