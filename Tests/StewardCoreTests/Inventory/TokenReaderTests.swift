import XCTest
@testable import StewardCore

/// The fine-grained PAT, Okta API token and Kubernetes token Secret readers.
final class TokenReaderTests: XCTestCase {
    typealias F = Fixture

    // MARK: GitHub fine-grained PATs

    func testPATPagesReadAsLoginSlashTokenName() throws {
        let inv = try F.readInventory("github-fine-grained-pats.json")
        XCTAssertEqual(inv.format, .githubFineGrainedPATs)
        XCTAssertEqual(inv.records.map(\.ref), ["octocat/release-bot", "hubot/nightly-sync", "mona/old-migration"])
        XCTAssertEqual(inv.records.map(\.source), ["[0][0]", "[0][1]", "[1][0]"], "two pages")
        let bot = inv.records[0]
        XCTAssertEqual(bot.scopes, ["contents:write", "members:read", "metadata:read"])
        XCTAssertEqual(bot.personOwner, "octocat")
        XCTAssertEqual(bot.createdAt, F.lenient("2025-12-10T09:14:02Z"))
        XCTAssertEqual(bot.lastUsedAt, F.lenient("2026-02-27T18:03:45Z"))
        XCTAssertEqual(bot.credentials.map(\.id), ["github-pat:98716"])
        XCTAssertEqual(bot.credentials[0].expiresAt, F.lenient("2026-03-10T09:14:02Z"))
        XCTAssertTrue(inv.records[1].credentials[0].neverExpires, "token_expires_at null")
        XCTAssertTrue(inv.records[2].credentials[0].disabled, "token_expired")
        // Covers PAT refs, not App slugs: an installations binding is not judged by it.
        XCTAssertTrue(inv.covers(Binding(platform: "github", ref: "someone/other")))
        XCTAssertFalse(inv.covers(Binding(platform: "github", ref: "renovate")))
    }

    func testAMergedPaginateArrayReadsToo() throws {
        let pages = try XCTUnwrap(try StrictJSON.parse(F.inventoryBytes("github-fine-grained-pats.json")).arrayValue)
        let merged = JSONValue.array(pages.flatMap { $0.arrayValue ?? [] })
        let inv = try InventoryReader.read(CanonicalJSON.encode(merged), file: "pats.json")
        XCTAssertEqual(inv.records.count, 3)
        XCTAssertEqual(inv.records[2].source, "[2]")
    }

    func testPATWrongTypesNameTheRecordAndField() {
        let e = F.inventoryFailure(#"[{"id": 1, "owner": {"login": "octocat"}, "token_name": "x", "token_expired": "no"}]"#)
        XCTAssertEqual(e?.location, "record [0], field token_expired")
        XCTAssertEqual(F.inventoryFailure(#"[{"id": "1", "owner": {"login": "o"}, "token_name": "x"}]"#, format: .githubFineGrainedPATs)?.location,
                       "record [0], field id")
        XCTAssertEqual(F.inventoryFailure(#"[{"id": 1, "owner": {"login": "o"}, "token_name": "x", "permissions": {"repository": {"contents": 2}}}]"#)?.location,
                       "record [0], field permissions.repository.contents")
        XCTAssertEqual(F.inventoryFailure(#"[{"id": 1, "owner": "octocat", "token_name": "x"}]"#)?.location, "record [0], field owner")
    }

    // MARK: Okta

    func testOktaTokensArePersonBoundAndTheirExpiryMoves() throws {
        let inv = try F.readInventory("okta-api-tokens.json")
        XCTAssertEqual(inv.format, .oktaAPITokens)
        XCTAssertEqual(inv.records.map(\.ref), ["crm-sync-token", "scim-provisioner"])
        let t = inv.records[0]
        XCTAssertEqual(t.personOwner, "00ub0oNGTSWTBKOLGLNR")
        XCTAssertEqual(t.createdAt, F.lenient("2025-05-01T10:00:00Z"))
        XCTAssertEqual(t.lastUsedAt, F.lenient("2026-02-18T06:12:40Z"), "expiresAt minus the P30D window")
        XCTAssertTrue(t.credentials[0].expiryMoves)
        let page2 = try F.readInventory("okta-api-tokens.page-2.json")
        XCTAssertFalse(page2.records[0].credentials[0].isLive(at: F.lenient("2026-03-01T00:00:00Z")), "past expiresAt: expired")
    }

    func testOktaDurationsAndWrongTypes() {
        XCTAssertEqual(OktaAPITokens.isoDuration("P30D"), .days(30))
        XCTAssertEqual(OktaAPITokens.isoDuration("PT12H30M"), Duration(seconds: 45_000))
        XCTAssertEqual(OktaAPITokens.isoDuration("P1W"), .days(7))
        XCTAssertNil(OktaAPITokens.isoDuration("P1M"), "months have no fixed length")
        XCTAssertNil(OktaAPITokens.isoDuration("30D"))
        let base = #""id": "00T1", "name": "n", "userId": "00u1""#
        XCTAssertEqual(F.inventoryFailure("[{" + base + #", "tokenWindow": "thirty days"}]"#)?.location, "record [0], field tokenWindow")
        XCTAssertEqual(F.inventoryFailure("[{" + base + #", "expiresAt": true}]"#)?.location, "record [0], field expiresAt")
        XCTAssertEqual(F.inventoryFailure(#"[{"id": "00T1", "name": "n", "userId": 7}]"#)?.location, "record [0], field userId")
    }

    // MARK: Kubernetes

    func testKubectlListGivesOneRecordPerServiceAccount() throws {
        let inv = try F.readInventory("kubernetes-service-account-tokens.json")
        XCTAssertEqual(inv.format, .kubernetesServiceAccountTokens)
        XCTAssertEqual(inv.records.map(\.ref), ["ci/deployer", "default/old-bot", "payments/ledger-sync"])
        let ledger = inv.records[2]
        XCTAssertEqual(ledger.source, "items[2]")
        XCTAssertEqual(ledger.createdAt, F.lenient("2024-11-05T16:45:31Z"))
        XCTAssertEqual(ledger.credentials.map(\.id), ["payments/ledger-sync-token"])
        XCTAssertTrue(ledger.credentials[0].neverExpires, "legacy tokens never expire")
        XCTAssertEqual(ledger.credentials[0].lastUsedAt, F.lenient("2026-02-20T00:00:00Z"))
        let old = inv.records[1].credentials[0]
        XCTAssertTrue(old.disabled, "legacy-token-invalid-since: the cluster refuses it")
        XCTAssertFalse(old.isLive(at: F.lenient("2026-03-01T00:00:00Z")))
    }

    func testAChunkWithAContinueTokenIsRefused() throws {
        let chunk = try F.inventoryBytes("kubernetes-secretlist-chunk-1.json")
        do {
            _ = try InventoryReader.read(chunk, file: "chunk.json")
            XCTFail("a chunk is not the whole list")
        } catch {
            XCTAssertEqual(error.location, "metadata.continue")
        }
    }

    func testSecretsOfOtherTypesAreSkippedAndWrongTypesNamed() throws {
        let other = #"{"kind": "List", "items": [{"type": "Opaque", "metadata": {"name": "db", "namespace": "x"}}]}"#
        XCTAssertEqual(try InventoryReader.read(Array(other.utf8), file: "s.json").records, [])
        let meta = #"{"kind": "List", "items": [{"type": "kubernetes.io/service-account-token", "metadata": "#
        XCTAssertEqual(F.inventoryFailure(meta + #"{"name": "t", "namespace": "x", "annotations": {"kubernetes.io/service-account.name": 3}}}]}"#)?.location,
                       "record items[0], field metadata.annotations.kubernetes.io/service-account.name")
        XCTAssertEqual(F.inventoryFailure(meta + #"{"name": "t", "namespace": "x", "creationTimestamp": 5}}]}"#)?.location,
                       "record items[0], field metadata.creationTimestamp")
        XCTAssertEqual(F.inventoryFailure(meta + #"{"name": "t", "namespace": "x"}}]}"#)?.location, "record items[0], field metadata.annotations")
        XCTAssertEqual(F.inventoryFailure(meta + #"{"name": "t", "namespace": "x", "annotations": {"kubernetes.io/service-account.name": "a"}, "#
                                 + #""labels": {"kubernetes.io/legacy-token-last-used": "last week"}}}]}"#)?.location,
                       "record items[0], field metadata.labels.kubernetes.io/legacy-token-last-used")
    }
}
