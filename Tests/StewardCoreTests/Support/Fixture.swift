import Foundation
import XCTest
@testable import StewardCore

/// The one fixture kit of the core tests: the package root, people and fixed times, a spec
/// builder, temporary directories and governance roots. The shipped workflows are in
/// `Fixture+Workflows.swift`, the connector builder in `ConnectorBuilder.swift` and the
/// refusal assertions in `Expectations.swift`.
enum Fixture {
    /// The package root: this file is Tests/StewardCoreTests/Support/Fixture.swift.
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The package itself as a governance root: the shipped example estate (read only).
    static var exampleRoot: GovernanceRoot { GovernanceRoot(path: packageRoot) }

    // MARK: people and times

    static let alice = "alice@x.example"      // approver, GitHub login alice-gh
    static let bob = "bob@x.example"          // approver, GitHub login bob-gh
    static let carol = "carol@x.example"      // approver who is also the technical owner below
    static let rita = "rita@x.example"        // requester, not an approver, GitHub login rita-gh
    static let dana = "dana@x.example"        // business owner
    static let lee = "lee@x.example"          // technical owner
    static let roles = Roles(approvers: [alice, bob, carol], logins: ["alice-gh": alice, "bob-gh": bob, "rita-gh": rita])

    /// The fixed origin of most tests: 2026-01-05T09:00:00Z.
    static let t0: Timestamp = t("2026-01-05T09:00:00Z")

    /// A fixed time written as in a document.
    static func t(_ iso: String) -> Timestamp {
        guard let t = Timestamp(iso8601: iso) else { fatalError("bad time \(iso)") }
        return t
    }

    /// A medium-risk production spec owned by dana and lee; every field can be replaced.
    static func spec(system: String = "salesforce", purpose: String = "Nightly export of Accounts to the warehouse",
                     kind: String = "oauth-app", environment: String = "production", risk: Risk = .medium,
                     business: String = dana, technical: String = lee,
                     scopes: [String] = ["read:Account"], reaches: [String] = ["warehouse"],
                     secretRef: String? = "vault://kv/integrations/crm-sync", until: Timestamp? = nil,
                     bindings: [Binding] = [Binding(platform: "aws", ref: "arn:aws:iam::123456789012:user/crm-sync")]) -> Spec {
        Spec(system: system, purpose: purpose, kind: kind, environment: environment, risk: risk,
             owners: Owners(business: business, technical: technical), scopes: scopes, reaches: reaches,
             secretRef: secretRef, until: until, bindings: bindings)
    }

    /// A spec change with what `edit` sets.
    static func change(_ edit: (inout SpecChange) -> Void) -> SpecChange {
        var c = SpecChange()
        edit(&c)
        return c
    }

    // MARK: files

    /// A fresh temporary directory, removed when the test ends.
    static func temporaryDirectory(_ test: XCTestCase) -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("steward-core-\(UUID().uuidString)").path
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        test.addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        return dir
    }

    /// A governance root in a temporary directory: the package's Workflows/ and Templates/
    /// copied, and an empty State/.
    static func governanceRoot(_ test: XCTestCase) -> GovernanceRoot {
        let dir = temporaryDirectory(test)
        let fm = FileManager.default
        for sub in ["Workflows", "Templates"] {
            try! fm.copyItem(atPath: packageRoot + "/" + sub, toPath: dir + "/" + sub)
        }
        try! fm.createDirectory(atPath: dir + "/State", withIntermediateDirectories: false)
        return GovernanceRoot(path: dir)
    }

    /// Creates or replaces the file at `path` with `data`; fails the test when it cannot.
    static func put(_ path: String, _ data: Data, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: data), "cannot write \(path)", file: file, line: line)
    }

    /// Every regular file under `dir` (recursively, dotfiles included) → its bytes.
    static func snapshot(_ dir: String) -> [String: Data] {
        var out: [String: Data] = [:]
        let e = FileManager.default.enumerator(atPath: dir)
        while let rel = e?.nextObject() as? String {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: dir + "/" + rel, isDirectory: &isDir), !isDir.boolValue {
                out[rel] = FileManager.default.contents(atPath: dir + "/" + rel)
            }
        }
        return out
    }
}

extension Timestamp {
    /// This time moved by whole days, hours and seconds (negative values move back).
    func plus(days: Int64 = 0, hours: Int64 = 0, seconds: Int64 = 0) -> Timestamp {
        Timestamp(seconds: self.seconds + days * 86_400 + hours * 3600 + seconds)
    }
}

/// In the tests a time may be written as its document form: `at: "2026-01-02T09:00:00Z"`.
extension Timestamp: ExpressibleByStringLiteral {
    public init(stringLiteral iso: String) { self = Fixture.t(iso) }
}

/// In the tests a connector id may be written as its text: `id: "crm-sync"` (a literal that
/// is not an id stops the test).
extension ConnectorID: ExpressibleByStringLiteral {
    public init(stringLiteral text: String) { self = try! ConnectorID(text) }
}

/// In the tests a finding kind, severity or lint level may be written as its word:
/// `XCTAssertEqual(f.map(\.kind), ["unmanaged"])` (a word the type does not know stops the test).
extension FindingKind: ExpressibleByStringLiteral {
    public init(stringLiteral word: String) { self = FindingKind(rawValue: word)! }
}

extension Severity: ExpressibleByStringLiteral {
    public init(stringLiteral word: String) { self = Severity(rawValue: word)! }
}

extension LintLevel: ExpressibleByStringLiteral {
    public init(stringLiteral word: String) { self = LintLevel(rawValue: word)! }
}
