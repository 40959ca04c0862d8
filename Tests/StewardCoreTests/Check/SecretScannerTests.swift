import XCTest
@testable import StewardCore

/// Fake credentials are assembled from pieces so this file holds no literal token that a
/// push-protection scanner (or Steward itself) would flag; AWS's documented example key is
/// the exception, being a published, allow-listed example.
final class SecretScannerTests: XCTestCase {
    // MARK: Fakes, one per kind

    static let awsKey = "AKIAIOSFODNN7EXAMPLE"
    static let awsSessionKey = "AS" + "IA" + "Y3FDSNDKFKSIDJSW"
    static let body36 = "k4Rf8Lq2Wz7Xc1Vb6Nm3Pt9Ys5Dh0Gj2Aa8E"
    static let githubPAT = "gh" + "p_" + body36
    static let githubFineGrained = "github" + "_pat_" + "11ABCDEFG0123456789_abcdefghijKLMNOPqrstuvWXyz0123456789AB"
    static let slack = "xo" + "xb-" + "2345678901-3456789012-aBcDeFgHiJkLmNoPqRsTuVwX"
    static let stripe = "sk" + "_live_" + "51H8sWxKZq9vLbT0aPc3Rr7Yy"
    static let stripeRestricted = "rk" + "_live_" + "51H8sWxKZq9vLbT0aPc3Rr7Yy"
    static let vault = "hv" + "s." + "CAESIJ3kq8vQzXw9LmNpRt7Yb2Kc"
    static let google = "AI" + "za" + "SyD4x9Qm2Lk7Pz3Wv8Rt5Ny1Hb6Jc0Ge4Fo"
    static let jwt = "ey" + "JhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9" + ".ey" + "JzdWIiOiJjcm0tc3luYyIsImlhdCI6MTcwMDAwMDAwMH0"
        + ".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
    static let pemBody = "MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun"
    static let pem = "-----BEGIN " + "RSA PRIVATE KEY-----\n" + pemBody + "\nq7xZ0wIDAQAB\n-----END RSA PRIVATE KEY-----"
    static let awsSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
    static let random = "Zk3pQ9xLm2Vb7Rt4Nc8Wd1Yh6Js5Fa0GuE2r"

    static let positives: [(String, String)] = [
        (awsKey, "aws-access-key-id"), (awsSessionKey, "aws-access-key-id"),
        (githubPAT, "github-token"), (githubFineGrained, "github-fine-grained-token"),
        (slack, "slack-token"), (stripe, "stripe-secret-key"), (stripeRestricted, "stripe-secret-key"),
        (pem, "private-key"), (vault, "vault-token"), (google, "google-api-key"), (jwt, "jwt"),
        (awsSecret, "high-entropy-string"), (random, "high-entropy-string"),
    ]

    func testOnePositivePerKind() {
        for (token, kind) in Self.positives {
            XCTAssertEqual(SecretScanner.kind(of: token), kind, token)
            XCTAssertEqual(SecretScanner.kind(of: "see \(token) here."), kind, "embedded: \(token)")
            XCTAssertEqual(SecretScanner.kind(of: "key=\(token)"), kind, "after '=': \(token)")
        }
    }

    func testInvisibleCharactersInsideATokenHideNothing() {
        // Soft hyphen, zero-width space, word joiner, Hangul filler, braille blank.
        for invisible in ["\u{00AD}", "\u{200B}", "\u{2060}", "\u{3164}", "\u{2800}"] {
            let pat = Self.githubPAT
            let split = String(pat.prefix(10)) + invisible + String(pat.dropFirst(10))
            XCTAssertEqual(SecretScanner.kind(of: "note: \(split)"), "github-token", "U+\(String(invisible.unicodeScalars.first!.value, radix: 16))")
            let key = String(Self.awsKey.prefix(4)) + invisible + String(Self.awsKey.dropFirst(4))
            XCTAssertEqual(SecretScanner.kind(of: key), "aws-access-key-id")
        }
        // Prose with a soft hyphen is still prose.
        XCTAssertNil(SecretScanner.kind(of: "Nightly ex\u{00AD}port of Accounts to the ware\u{00AD}house"))
    }

    func testEveryGitHubPrefix() {
        for p in ["p", "o", "s", "u", "r"] {
            XCTAssertEqual(SecretScanner.kind(of: "gh" + p + "_" + Self.body36), "github-token", p)
        }
    }

    func testPEMHeaderAloneAndOtherKeyTypes() {
        for label in ["PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY", "ENCRYPTED PRIVATE KEY"] {
            XCTAssertEqual(SecretScanner.kind(of: "-----BEGIN " + label + "-----\nabc"), "private-key", label)
        }
        XCTAssertNil(SecretScanner.kind(of: "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----"))
        XCTAssertNil(SecretScanner.kind(of: "-----BEGIN PUBLIC KEY-----"))
    }

    func testNegatives() {
        let clean = [
            "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",  // SHA-256 hex
            "3f2504e0-4f89-41d3-9a0c-0305e82c3301", "3F2504E0-4F89-41D3-9A0C-0305E82C3301",
            "arn:aws:iam::123456789012:user/crm-sync",
            "arn:aws:iam::123456789012:role/service-role/AWSLambdaBasicExecutionRole-2024abc",
            "vault://kv/integrations/crm-sync",
            "vault://kv/integrations/Salesforce-Prod2024/crm-sync-rotation-key",
            "https://api.github.com/repos/AcmeCorp/steward-2024/contents/README-v2.md?ref=main",
            "https://example.com/api/v3/Organizations/Acme2024/Members/Settings",
            "crm-sync@example.com", "Integration.Owner2024@acme-corporation.example.com",
            "2026-01-05T09:00:00Z", "2025-11-19T23:58:01.512+01:00",
            "Syncs CRM contacts nightly; owned by the RevOps team (see runbook, section 4).",
            "key-crm-sync-1", "salesforce-connected-app-crm-sync-production-2024",
            "The AKIA prefix marks long-term AWS keys.", "Kakiabcdefgh", "AWSServiceRoleForAutoScaling2024Q1Backup",
            "gh" + "p_short", "xo" + "xb-test", "sk" + "_live_1234", "hv" + "s.abc", "ey" + "JhbGciOiJIUzI1NiJ9",
            "", "[REDACTED aws-access-key-id]",
            // Identifiers that are long, mixed-case and high in entropy, but not random.
            "arn:aws:cloudwatch:us-west-2:123456789012:alarm:TargetTracking-my-asg-AlarmHigh-fc0e4183-23ac-497e-9992",
            "EC2Contai-EcsElast-15DCDAURT3ZO2", "awseb-e-f-AWSEBLoa-1I9XUMP4-8492WNUP202574",
            "03728003-d1ea-4851-abd6-12345EXAMPLE",
            "https://hooks.example.com/services/T0123ABCD/B0123ABCD/notify",
            "https://svc@hooks.example.com/in", "https://svc:****@hooks.example.com/in",
            "https://example.com/in?token=short&channel=ops-alerts-production",
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl deploy@ci",
        ]
        for text in clean {
            XCTAssertNil(SecretScanner.kind(of: text), text)
        }
    }

    func testQueryStringOfAURLIsStillScanned() {
        XCTAssertEqual(SecretScanner.kind(of: "https://example.com/hook?next=" + Self.random), "high-entropy-string")
        XCTAssertEqual(SecretScanner.kind(of: "https://example.com/x#" + Self.random), "high-entropy-string")
        XCTAssertEqual(SecretScanner.kind(of: "https://example.com/" + Self.githubPAT), "github-token",
                       "fixed-prefix kinds are found anywhere")
    }

    /// Every position of every string: glued to a prefix, inside an ARN, a URL path, a URL's
    /// userinfo or query, or a webhook path.
    func testACredentialAnywhereInAValueIsFound() {
        let slackHook = "https://hooks.slack.com/services/T0123ABCD/B0123ABCD/" + "aB3dE5fG7hJ9kL1mN3pQ5rS7"
        let cases: [(String, String)] = [
            ("read:" + Self.githubPAT, "github-token"),
            ("scope" + Self.githubPAT, "github-token"),
            ("OAKIAIOSFODNN7EXAMPLE", "aws-access-key-id"),
            ("AKIAIOSFODNN7EXAMPLEX", "aws-access-key-id"),
            ("arn:aws:iam::123456789012:user/AKIA" + "QWERTYUIOPASDFGH", "aws-access-key-id"),
            ("arn:aws:secretsmanager:us-east-1:123456789012:secret:" + Self.random, "high-entropy-string"),
            ("posts to https://svc:" + "Zt8qW2xR9vL4mN7pK3sJ6hF1" + "@hooks.example.com/in", "url-password"),
            ("https://hooks.example.com/in?channel=ops&token=" + Self.githubPAT, "github-token"),
            ("https://hooks.example.com/in?channel=ops&access_token=" + "s3cr3tvalue", "url-credential-parameter"),
            ("https://example.com/" + Self.random + "/download", "high-entropy-string"),
            (slackHook, "high-entropy-string"),
        ]
        for (text, kind) in cases {
            XCTAssertEqual(SecretScanner.kind(of: text), kind, text)
            let redacted = SecretScanner.redact(text)
            XCTAssertNil(SecretScanner.kind(of: redacted), redacted)
        }
    }

    func testRulesFilesAreScannedButSignerKeysAreNot() {
        let key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl"
        let signers = "dana@example.com namespaces=\"git\" \(key)\nlee@example.com \(key) lee-laptop\n"
        XCTAssertEqual(RulesFileScan.findings(file: "Workflows/allowed_signers", bytes: Array(signers.utf8)), [])
        let leaky = signers + "# break-glass: AKIA" + "QWERTYUIOPASDFGH\n"
        let found = RulesFileScan.findings(file: "Workflows/allowed_signers", bytes: Array(leaky.utf8))
        XCTAssertEqual(found.map(\.rule), ["secret-in-file"])
        XCTAssertTrue(found[0].message.contains("line 3"), found[0].message)
        XCTAssertFalse(found[0].message.contains("QWERTYUIOP"))
        let template = "Hello {{owner}},\nIf stuck, call the API with \(Self.githubPAT)\n"
        XCTAssertEqual(RulesFileScan.findings(file: "Templates/notify-owners.md", bytes: Array(template.utf8)).count, 1)
        XCTAssertEqual(RulesFileScan.findings(file: "Templates/notify-owners.md", bytes: Array("Hello {{owner}}\n".utf8)), [])
        let roles = "{\"approvers\": [\"a@x.example\"], \"$comment\": \"\\u0067hp_\(Self.body36)\"}"
        XCTAssertEqual(RulesFileScan.findings(file: "Workflows/roles.json", bytes: Array(roles.utf8)).count, 1,
                       "JSON escapes do not hide a token")
    }

    func testTheShippedRulesFilesAreClean() throws {
        let shipped = DefaultFiles.all.filter { $0.path.hasPrefix("Workflows/") || $0.path.hasPrefix("Templates/") }
        XCTAssertGreaterThan(shipped.count, 5)
        for (name, text) in shipped {
            XCTAssertEqual(RulesFileScan.findings(file: name, bytes: Array(text.utf8)), [], name)
        }
    }

    func testKindIsTheFirstToken() {
        XCTAssertEqual(SecretScanner.kind(of: Self.githubPAT + " and " + Self.awsKey), "github-token")
        XCTAssertEqual(SecretScanner.kind(of: Self.awsKey + " and " + Self.githubPAT), "aws-access-key-id")
    }

    func testScanNestedPaths() {
        let doc = JSONValue.object([
            "spec": .object([
                "purpose": .string("Syncs CRM contacts"),
                "bindings": .array([
                    .object(["ref": .string("vault://kv/integrations/crm-sync")]),
                    .object(["ref": .string(Self.awsKey), "count": .int(3), "on": .bool(true), "x": .null]),
                ]),
            ]),
            "history": .array([
                .object(["note": .string("created")]),
                .object(["note": .string("rotated")]),
                .object(["note": .string("pasted " + Self.githubPAT + " by mistake")]),
            ]),
        ])
        XCTAssertEqual(SecretScanner.scan(doc), [
            SecretMatch(path: "history[2].note", kind: "github-token"),
            SecretMatch(path: "spec.bindings[1].ref", kind: "aws-access-key-id"),
        ])
        XCTAssertEqual(SecretScanner.scan(.array([.string(Self.jwt)])), [SecretMatch(path: "[0]", kind: "jwt")])
        XCTAssertEqual(SecretScanner.scan(.string(Self.jwt), path: "doc"), [SecretMatch(path: "doc", kind: "jwt")])
        XCTAssertEqual(SecretScanner.scan(.object(["a": .string(Self.slack)]), path: "doc"),
                       [SecretMatch(path: "doc.a", kind: "slack-token")])
    }

    func testKeyThatIsItselfASecretIsReportedWithoutEchoingIt() {
        let doc = JSONValue.object(["spec": .object([Self.awsKey: .object(["note": .string(Self.stripe)])])])
        let matches = SecretScanner.scan(doc)
        XCTAssertEqual(matches, [
            SecretMatch(path: "spec.[REDACTED aws-access-key-id]", kind: "aws-access-key-id"),
            SecretMatch(path: "spec.[REDACTED aws-access-key-id].note", kind: "stripe-secret-key"),
        ])
        for m in matches { XCTAssertFalse(m.path.contains(Self.awsKey)) }
    }

    func testSkippingLeavesChainHashesAlone() {
        let digest = "n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg="  // base64 digest: high entropy
        let doc = JSONValue.object([
            "history": .array([.object(["hash": .string(digest), "prev": .string(digest), "note": .string(digest)])]),
        ])
        XCTAssertEqual(SecretScanner.scan(doc, skipping: ["hash", "prev"]),
                       [SecretMatch(path: "history[0].note", kind: "high-entropy-string")])
        XCTAssertEqual(SecretScanner.scan(doc).map(\.path), ["history[0].hash", "history[0].note", "history[0].prev"])
        // A skipped key's whole subtree is skipped; the key name itself is still scanned.
        let nested = JSONValue.object(["hash": .object(["deep": .string(Self.awsKey)])])
        XCTAssertEqual(SecretScanner.scan(nested, skipping: ["hash"]), [])
    }

    func testRedactNeverLeavesTheSecret() {
        for (token, kind) in Self.positives {
            let text = "before " + token + " after"
            let out = SecretScanner.redact(text)
            XCTAssertEqual(out, "before [REDACTED \(kind)] after", token)
            XCTAssertFalse(out.contains(token))
            XCTAssertNil(SecretScanner.kind(of: out), out)
        }
    }

    func testRedactPEMRemovesTheWholeBlock() {
        let out = SecretScanner.redact("key:\n" + Self.pem + "\nend")
        XCTAssertEqual(out, "key:\n[REDACTED private-key]\nend")
        let cut = SecretScanner.redact("-----BEGIN PRIVATE KEY-----\n" + Self.pemBody)
        XCTAssertEqual(cut, "[REDACTED private-key]")
        XCTAssertFalse(cut.contains(Self.pemBody))
    }

    func testRedactSeveralTokensAndKeepsOtherText() {
        let text = "aws=\(Self.awsKey), gh=\(Self.githubPAT); ok=vault://kv/x — café"
        XCTAssertEqual(SecretScanner.redact(text),
                       "aws=[REDACTED aws-access-key-id], gh=[REDACTED github-token]; ok=vault://kv/x — café")
        let clean = "arn:aws:iam::123456789012:user/crm-sync rotated 2026-01-05T09:00:00Z"
        XCTAssertEqual(SecretScanner.redact(clean), clean)
    }

    func testTokenFollowedByHighEntropyTextIsOneFinding() {
        // The fixed-prefix match wins over a high-entropy reading of the same run.
        XCTAssertEqual(SecretScanner.kind(of: "token=" + Self.githubPAT), "github-token")
        XCTAssertEqual(SecretScanner.redact("token=" + Self.githubPAT), "token=[REDACTED github-token]")
    }
}
