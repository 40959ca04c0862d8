import Foundation
import XCTest
@testable import StewardCore

final class GitHubInstallationsTests: XCTestCase {
    private func failure(_ json: String) -> InventoryError? {
        Fixture.inventoryFailure(json, file: "installations.json", format: .githubInstallations)
    }

    private let minimal = #"{"id": 1, "app_slug": "a", "permissions": {}}"#

    func testRealisticResponse() throws {
        let inv = try InventoryReader.read(try Fixture.inventoryBytes("github-installations.json"), file: "github-installations.json")
        XCTAssertEqual(inv.format, .githubInstallations)
        XCTAssertEqual(inv.platforms, ["github"])
        XCTAssertEqual(inv.records, [
            ObservedRecord(platform: "github", ref: "renovate",
                           scopes: ["checks:write", "contents:write", "metadata:read", "pull_requests:write", "workflows:write"],
                           createdAt: Timestamp(iso8601: "2021-03-11T08:14:52Z")),
            ObservedRecord(platform: "github", ref: "acme-release-bot", scopes: ["contents:read", "metadata:read"],
                           createdAt: Timestamp(iso8601: "2024-05-06T07:08:09Z")),
            // Suspended, still observed; updated_at is not usage.
            ObservedRecord(platform: "github", ref: "old-ci-integration",
                           scopes: ["administration:write", "metadata:read", "statuses:write"],
                           createdAt: Timestamp(iso8601: "2019-11-02T20:00:00Z")),
        ])
    }

    func testOptionalFieldsAndEmptyList() throws {
        let inv = try InventoryReader.read(Array(#"{"installations": [\#(minimal)]}"#.utf8), file: "i.json")
        XCTAssertEqual(inv.records, [ObservedRecord(platform: "github", ref: "a", scopes: [])])
        let empty = try InventoryReader.read(Array(#"{"total_count": 0, "installations": []}"#.utf8), file: "i.json")
        XCTAssertEqual(empty.records, [])
        XCTAssertEqual(empty.platforms, ["github"], "an empty export still covers github")
    }

    func testSlurpedPages() throws {
        let text = #"[{"total_count": 2, "installations": [\#(minimal)]},"#
            + #" {"total_count": 2, "installations": [{"id": 2, "app_slug": "b", "permissions": {"issues": "read"}}]}]"#
        XCTAssertEqual(InventoryReader.sniff(Array(text.utf8)), .githubInstallations)
        let inv = try InventoryReader.read(Array(text.utf8), file: "pages.json")
        XCTAssertEqual(inv.records.map(\.ref), ["a", "b"])
        let bad = #"[{"total_count": 1, "installations": []}, {"installations": [{"id": 2, "permissions": {}}]}]"#
        XCTAssertEqual(failure(bad)?.location, "[1].installations[0].app_slug")
    }

    func testOnePageOfManyIsRefused() {
        let e = failure(#"{"total_count": 150, "installations": [\#(minimal)]}"#)
        XCTAssertEqual(e?.location, "total_count")
        XCTAssertTrue(e?.message.contains("says 150 installations but the file holds 1") ?? false)
        XCTAssertTrue(e?.message.contains("--paginate") ?? false)
    }

    func testRequiredFieldsNameTheirPath() {
        func one(_ inst: String) -> InventoryError? {
            failure(#"{"installations": [\#(minimal), \#(inst)]}"#)
        }
        XCTAssertEqual(one(#"{"app_slug": "b", "permissions": {}}"#)?.location, "installations[1].id")
        XCTAssertEqual(one(#"{"id": "7", "app_slug": "b", "permissions": {}}"#)?.location, "installations[1].id")
        XCTAssertEqual(one(#"{"id": 2, "permissions": {}}"#)?.location, "installations[1].app_slug")
        XCTAssertEqual(one(#"{"id": 2, "app_slug": 5, "permissions": {}}"#)?.location, "installations[1].app_slug")
        XCTAssertEqual(one(#"{"id": 2, "app_slug": "", "permissions": {}}"#)?.location, "installations[1].app_slug")
        XCTAssertEqual(one(#"{"id": 2, "app_slug": "b"}"#)?.location, "installations[1].permissions")
        XCTAssertEqual(one(#"{"id": 2, "app_slug": "b", "permissions": ["contents"]}"#)?.location, "installations[1].permissions")
        XCTAssertEqual(one(#"{"id": 2, "app_slug": "b", "permissions": {"contents": true}}"#)?.location,
                       "installations[1].permissions.contents")
        let e = one(#"{"id": 2, "app_slug": "b", "permissions": {}, "created_at": "last tuesday"}"#)
        XCTAssertEqual(e?.location, "installations[1].created_at")
        XCTAssertEqual(e?.description.hasPrefix("installations.json: installations[1].created_at: \"last tuesday\""), true)
        XCTAssertEqual(one("42")?.location, "installations[1]")
    }

    func testShapeErrors() {
        XCTAssertEqual(failure(#"{"total_count": 1}"#)?.location, "installations")
        XCTAssertEqual(failure(#"{"installations": {}}"#)?.location, "installations")
        XCTAssertEqual(failure(#"{"total_count": "1", "installations": []}"#)?.location, "total_count")
        let top = failure(#""installations""#)
        XCTAssertEqual(top?.location, "", "the whole file")
        XCTAssertTrue(top?.message.contains("not a string") ?? false)
        XCTAssertEqual(failure(#"[{"installations": []}, 3]"#)?.location, "[1]")
    }
}
