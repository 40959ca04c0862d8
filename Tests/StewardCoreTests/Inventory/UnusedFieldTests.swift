import XCTest
@testable import StewardCore

/// Fields a platform documents and no reader uses may be absent or null, but a wrong type
/// still refuses the record, naming the field: the export does not match the platform's format.
final class UnusedFieldTests: XCTestCase {
    func record(_ members: [String: JSONValue]) throws -> ExportRecord {
        try ExportRecord(.object(members), file: "okta.json", record: "[0]", what: "an API token")
    }

    func testAbsentNullAndWellTypedFieldsPass() throws {
        XCTAssertNoThrow(try record([:]).checkTypes(.time("lastUpdated"), .string("clientName"), .object("network")))
        XCTAssertNoThrow(try record(["lastUpdated": .null, "clientName": .null, "network": .null])
            .checkTypes(.time("lastUpdated"), .string("clientName"), .object("network")))
        XCTAssertNoThrow(try record(["lastUpdated": .string("2024-06-01T00:00:00.000Z"), "clientName": .string("Okta API"),
                                     "network": .object([:])])
            .checkTypes(.time("lastUpdated"), .string("clientName"), .object("network")))
    }

    func testAWrongTypeIsRefusedNamingTheFirstBadFieldInTheOrderGiven() throws {
        let r = try record(["lastUpdated": .string("yesterday"), "clientName": .int(3), "network": .string("any")])
        func refusal(_ check: () throws -> Void) -> InventoryError? {
            do { try check() } catch { return error as? InventoryError }
            return nil
        }
        let time = refusal { try r.checkTypes(.time("lastUpdated"), .string("clientName")) }
        XCTAssertEqual(time?.location, "record [0], field lastUpdated")
        XCTAssertTrue(time?.message.contains("is not an ISO 8601 time") ?? false, "\(String(describing: time))")
        let string = refusal { try r.checkTypes(.string("clientName"), .time("lastUpdated")) }
        XCTAssertEqual(string?.location, "record [0], field clientName")
        XCTAssertEqual(string?.message, "expected a string, not an integer")
        let object = refusal { try r.checkTypes(.object("network")) }
        XCTAssertEqual(object?.file, "okta.json")
        XCTAssertEqual(object?.location, "record [0], field network")
        XCTAssertTrue(object?.message.hasPrefix("expected an object, not") ?? false, "\(String(describing: object))")
    }

    func testTheOktaReaderRefusesAWrongTypedUnusedField() throws {
        let token: JSONValue = .object(["id": .string("00T1"), "name": .string("ci"), "userId": .string("00u1"),
                                        "network": .array([])])
        XCTAssertThrowsError(try OktaAPITokens.read(.array([token]), file: "okta.json")) { error in
            XCTAssertEqual((error as? InventoryError)?.location, "record [0], field network")
        }
    }
}
