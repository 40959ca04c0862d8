import XCTest
@testable import StewardCore

/// Identities are plain addresses: exactly one `@`, no whitespace, control or invisible
/// character of any kind, at most 254 characters; compared ASCII-case-insensitively only.
final class IdentityTests: XCTestCase {
    static let refused: [(String, String)] = [
        ("trailing space", "dana@example.com "), ("leading tab", "\tdana@example.com"),
        ("no-break space", "dana@example.com\u{00A0}"), ("zero-width space", "dana@example.com\u{200B}"),
        ("line separator", "sam\u{2028}dana@example.com"), ("BOM", "\u{FEFF}dana@example.com"),
        ("ideographic space", "dana\u{3000}@example.com"), ("right-to-left mark", "dana@example.com\u{200F}"),
        ("newline", "dana@example.com\n"), ("NUL", "dana@exa\u{0}mple.com"), ("two at signs", "x@dana@example.com"),
        ("no at sign", "dana.example.com"), ("empty local part", "@example.com"), ("empty domain", "dana@"),
        ("empty", ""), ("too long", String(repeating: "a", count: 250) + "@x.io"),
        ("runner name", "steward-runner"),
    ]

    func testMalformedIdentitiesAreRefused() {
        for (what, value) in Self.refused {
            XCTAssertNotNil(Identity.problem(value), what)
        }
        XCTAssertNil(Identity.actorProblem("steward-runner"), "the runner's reserved name may act")
        XCTAssertNotNil(Identity.actorProblem("steward-runner "))
    }

    func testPlainAddressesAreAccepted() {
        for value in ["dana@example.com", "Dana.Lee+ops@Example.COM", "d@x", "josé@exämple.com",
                      String(repeating: "a", count: 249) + "@x.io"] {
            XCTAssertNil(Identity.problem(value), value)
        }
    }

    func testComparisonFoldsAsciiCaseOnly() {
        XCTAssertTrue(Identity.same("Dana@Example.COM", "dana@example.com"))
        XCTAssertFalse(Identity.same("dana@example.com ", "dana@example.com"), "nothing is trimmed")
        XCTAssertFalse(Identity.same("JOSÉ@x", "josé@x"), "no Unicode folding")
        XCTAssertFalse(Roles(approvers: ["alice@x.example"]).isApprover("alice@x.example\u{200B}"))
    }

    func testBlankText() {
        for blank in ["", " ", "\u{00A0}", "\u{2003}\u{3000}", "\t\n", "\u{2028}", "\u{200B}\u{FEFF}", "\u{2800}", "\u{00AD}\u{3164}"] {
            XCTAssertTrue(BlankText.isBlank(blank), blank.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " "))
        }
        for text in ["x", "\u{00A0}revoked, SEC-4", "é", "—"] { XCTAssertFalse(BlankText.isBlank(text), text) }
    }

    // MARK: files holding a malformed identity are invalid data

    private func document(owner: String, actor: String) -> JSONValue {
        var b = ConnectorBuilder()
        try! b.perform(.request(Fixture.spec()), by: Fixture.rita, at: Fixture.t0)
        guard case .object(var o) = DocumentEncoding.document(b.document),
              case .object(var spec) = o["spec"], case .object(var owners) = spec["owners"],
              case .array(var history) = o["history"], case .object(var first) = history[0] else { fatalError() }
        owners["business"] = .string(owner)
        spec["owners"] = .object(owners)
        o["spec"] = .object(spec)
        first["actor"] = .string(actor)
        history[0] = .object(first)
        o["history"] = .array(history)
        return .object(o)
    }

    func testAConnectorFileWithANoBreakSpaceInAnOwnerIsInvalidData() {
        let e = expectDataError { _ = try DocumentDecoding.document(self.document(owner: Fixture.dana + "\u{00A0}", actor: Fixture.rita), file: "State/crm-sync.json") }
        XCTAssertEqual(e?.rule, "identity")
        XCTAssertEqual(e?.location, "spec.owners.business")
        XCTAssertTrue(e?.description.contains("State/crm-sync.json") ?? false)
        XCTAssertTrue(e?.description.contains("U+00A0") ?? false, e?.description ?? "")
        XCTAssertNoThrow(try DocumentDecoding.document(document(owner: Fixture.dana, actor: Fixture.rita), file: "f"))
    }

    func testAConnectorFileWithAMalformedActorIsInvalidData() {
        let e = expectDataError { _ = try DocumentDecoding.document(self.document(owner: Fixture.dana, actor: Fixture.rita + " "), file: "State/crm-sync.json") }
        XCTAssertEqual(e?.rule, "identity")
        XCTAssertEqual(e?.location, "history[0].actor")
    }

    func testRolesWithAZeroWidthSpaceAreInvalidData() {
        let bad = JSONValue.object(["approvers": .array([.string("alice@x.example\u{200B}"), .string("bob@x.example")])])
        let e = expectDataError { _ = try WorkflowDecoding.roles(bad, file: "Workflows/roles.json") }
        XCTAssertEqual(e?.rule, "identity")
        XCTAssertEqual(e?.location, "approvers[0]")
        let login = JSONValue.object(["approvers": .array([.string("bob@x.example")]), "logins": .object(["bob": .string("bob@x.example\u{2028}")])])
        XCTAssertEqual(expectDataError { _ = try WorkflowDecoding.roles(login, file: "Workflows/roles.json") }?.rule, "identity")
        let good = JSONValue.object(["approvers": .array([.string("alice@x.example"), .string("bob@x.example")])])
        XCTAssertEqual(try WorkflowDecoding.roles(good, file: "Workflows/roles.json").approvers.count, 2)
    }

    func testARequestWhoseOwnerIsMalformedIsRefused() {
        var b = ConnectorBuilder()
        expectRefusal("identity") { try b.perform(.request(Fixture.spec(business: Fixture.dana + "\u{200B}")), by: Fixture.rita, at: Fixture.t0) }
    }
}
