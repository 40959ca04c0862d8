import Foundation
import XCTest
@testable import StewardCore

/// Shared fixtures for the lifecycle, store and runner tests: the shipped workflows read
/// from the package root, fixed times, a spec builder, and a connector builder that goes
/// through the real `Append` (so what it returns replays cleanly unless a test tampers).
enum Fixture {
    /// The package root: this file is Tests/StewardCoreTests/Support/Fixture.swift.
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The parsed JSON of a shipped workflow file (`standard`, `temporary`, `roles`).
    static func workflowJSON(_ name: String) -> JSONValue {
        let path = packageRoot + "/Workflows/\(name).json"
        guard let data = FileManager.default.contents(atPath: path) else { fatalError("cannot read \(path)") }
        do { return try StrictJSON.parse([UInt8](data)) } catch { fatalError("\(path): \(error)") }
    }

    /// Decodes a (possibly edited) workflow value as `Workflows/<name>.json`.
    static func decode(_ value: JSONValue, name: String = "standard") throws(DataError) -> Workflow {
        try WorkflowDecoding.workflow(value, file: "Workflows/\(name).json")
    }

    static let standard: Workflow = try! decode(workflowJSON("standard"))
    static let temporary: Workflow = try! decode(workflowJSON("temporary"), name: "temporary")

    /// The shipped standard workflow with one value replaced at a key path.
    static func standard(setting path: [String], to value: JSONValue?) -> JSONValue {
        edit(workflowJSON("standard"), path: path[...], value: value)
    }

    /// `value` with the object member at `path` replaced (nil removes it).
    static func edit(_ v: JSONValue, path: ArraySlice<String>, value: JSONValue?) -> JSONValue {
        guard let key = path.first else { return value ?? .null }
        if case .array(var a) = v, let i = Int(key) {
            a[i] = edit(a[i], path: path.dropFirst(), value: value)
            return .array(a)
        }
        guard case .object(var o) = v else { fatalError("not an object at \(key)") }
        if path.count == 1 { o[key] = value } else { o[key] = edit(o[key] ?? .object([:]), path: path.dropFirst(), value: value) }
        return .object(o)
    }

    // MARK: people and times

    static let alice = "alice@x.example"      // approver
    static let bob = "bob@x.example"          // approver
    static let carol = "carol@x.example"      // approver who is also the technical owner below
    static let rita = "rita@x.example"        // requester, not an approver
    static let dana = "dana@x.example"        // business owner
    static let lee = "lee@x.example"          // technical owner
    static let roles = Roles(approvers: [alice, bob, carol])

    /// The fixed origin of every test: 2026-01-05T09:00:00Z.
    static let t0 = Timestamp(iso8601: "2026-01-05T09:00:00Z")!

    static func spec(risk: Risk = .medium, technical: String = lee, business: String = dana,
                     scopes: [String] = ["read:Account"], reaches: [String] = ["warehouse"],
                     environment: String = "production", until: Timestamp? = nil,
                     bindings: [Binding] = [Binding(platform: "aws", ref: "arn:aws:iam::123456789012:user/crm-sync")],
                     purpose: String = "Nightly export of Accounts to the warehouse") -> Spec {
        Spec(system: "salesforce", purpose: purpose, kind: "oauth-app", environment: environment, risk: risk,
             owners: Owners(business: business, technical: technical), scopes: scopes, reaches: reaches,
             secretRef: "vault://kv/integrations/crm-sync", until: until, bindings: bindings)
    }

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

/// Builds one connector event by event through `Append.event`, the way the commands do.
struct ConnectorBuilder {
    let id: String
    let workflow: Workflow
    var roles: Roles? = Fixture.roles
    private(set) var doc: ConnectorDocument?
    private(set) var state: LifecycleState?

    init(_ id: String = "crm-sync", workflow: Workflow = Fixture.standard) {
        self.id = id
        self.workflow = workflow
    }

    var file: String { "State/\(id).json" }
    var document: ConnectorDocument { doc! }
    var current: LifecycleState { state! }

    /// Appends one event; on refusal nothing changes and the violation is rethrown.
    @discardableResult
    mutating func append(_ kind: EventKind, by actor: String, at: Timestamp, data: [String: JSONValue] = [:],
                         note: String = "") throws(RuleViolation) -> Event {
        let out = try Append.event(kind, to: doc, state: state, id: id, actor: actor, at: at, note: note, data: data,
                                   workflow: workflow, roles: roles, file: file)
        doc = out.document
        state = out.state
        return out.event
    }

    /// Applies a command as the CLI would (its data built by `LifecycleCommand.data`).
    @discardableResult
    mutating func perform(_ command: LifecycleCommand, by actor: String, at: Timestamp, note: String = "") throws(RuleViolation) -> Event {
        try append(command.event, by: actor, at: at, data: try command.data(currentSpec: state?.spec), note: note)
    }

    /// Whatever `steward run` appends at `now` (nil when nothing is due).
    @discardableResult
    mutating func run(at now: Timestamp, people: PeopleDirectory? = nil) throws(RuleViolation) -> RunPlan.ConnectorPlan? {
        guard let d = doc, let s = state else { return nil }
        guard let p = try RunPlan.plan(d, state: s, workflow: workflow, now: now, people: people, signals: nil, file: file) else { return nil }
        doc = p.document
        state = p.state
        return p
    }

    /// requested (by rita at t0) → approved (by alice, and bob for high risk, at t0+1h) →
    /// active (by lee at t0+2h).
    static func active(_ id: String = "crm-sync", spec: Spec = Fixture.spec(), workflow: Workflow = Fixture.standard,
                       at t: Timestamp = Fixture.t0) throws -> ConnectorBuilder {
        var b = ConnectorBuilder(id, workflow: workflow)
        try b.perform(.request(spec), by: Fixture.rita, at: t)
        try b.perform(.approve, by: Fixture.alice, at: t.plus(hours: 1))
        if spec.risk == .high { try b.perform(.approve, by: Fixture.bob, at: t.plus(hours: 1)) }
        try b.perform(.activate(credentialId: "key-1", secretRef: nil), by: Fixture.lee, at: t.plus(hours: 2))
        return b
    }
}

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
