import XCTest
@testable import StewardCore

/// Asserts `body` throws a `RuleViolation` with `rule`, and returns it for further checks.
@discardableResult
func expectRefusal(_ rule: String, file: StaticString = #filePath, line: UInt = #line,
                   _ body: () throws -> Void) -> RuleViolation? {
    do {
        try body()
        XCTFail("expected a refusal with rule \(rule), but it was accepted", file: file, line: line)
    } catch let v as RuleViolation {
        XCTAssertEqual(v.rule, rule, "message: \(v.message)", file: file, line: line)
        return v
    } catch {
        XCTFail("expected a RuleViolation \(rule), got \(error)", file: file, line: line)
    }
    return nil
}

/// Asserts `body` throws a `DataError`, and returns it.
@discardableResult
func expectDataError(file: StaticString = #filePath, line: UInt = #line, _ body: () throws -> Void) -> DataError? {
    do {
        try body()
        XCTFail("expected a DataError, but it succeeded", file: file, line: line)
    } catch let e as DataError {
        return e
    } catch {
        XCTFail("expected a DataError, got \(error)", file: file, line: line)
    }
    return nil
}
