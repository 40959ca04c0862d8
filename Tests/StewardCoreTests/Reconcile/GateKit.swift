import Foundation
import XCTest
@testable import StewardCore

/// Shared fixtures for the gate, lint, reconciliation and report tests: the shipped
/// workflows (read from the package's `Workflows/`), fixed times, and a builder that makes
/// real, hash-chained connector documents through `Append` (so every document it returns
/// replays cleanly unless a test tampers with it afterwards).
enum GateKit {
    /// The package root, found from this file's path (Tests/StewardCoreTests/Reconcile/…).
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    static func workflowValue(_ name: String) -> JSONValue {
        try! JSONFile.parse(packageRoot + "/Workflows/\(name).json", shown: "Workflows/\(name).json")
    }

    /// A workflow decoded from the shipped file.
    static func workflow(_ name: String) -> Workflow {
        try! WorkflowDecoding.workflow(workflowValue(name), file: "Workflows/\(name).json")
    }

    /// A shipped workflow with some of its `lints` levels replaced, decoded from JSON like a
    /// repository's modified file would be.
    static func workflow(_ name: String, lints changes: [String: String?]) -> Workflow {
        guard case .object(var o) = workflowValue(name), case .object(var lints)? = o["lints"] else { fatalError("bad workflow") }
        for (k, v) in changes { lints[k] = v.map(JSONValue.string) }
        o["lints"] = .object(lints)
        return try! WorkflowDecoding.workflow(.object(o), file: "Workflows/\(name).json")
    }

    static let standard = workflow("standard")
    static let temporary = workflow("temporary")

    static let approvers = ["alice@x.example", "bob@x.example"]
    static let roles = Roles(approvers: approvers, logins: ["alice-gh": "alice@x.example", "bob-gh": "bob@x.example",
                                                           "rita-gh": "rita@x.example"])
    static var workflowSet: WorkflowSet { WorkflowSet(workflows: ["standard": standard, "temporary": temporary], roles: roles) }

    /// A fixed time.
    static func t(_ iso: String) -> Timestamp {
        guard let t = Timestamp(iso8601: iso) else { fatalError("bad time \(iso)") }
        return t
    }

    static func spec(system: String = "salesforce", purpose: String = "Nightly export of Accounts to the warehouse",
                     environment: String = "production", risk: Risk = .medium,
                     business: String = "dana@x.example", technical: String = "lee@x.example",
                     scopes: [String] = ["read:Account"], reaches: [String] = ["warehouse"],
                     secretRef: String? = nil, until: Timestamp? = nil, bindings: [Binding] = []) -> Spec {
        Spec(system: system, purpose: purpose, kind: "api-key", environment: environment, risk: risk,
             owners: Owners(business: business, technical: technical), scopes: scopes, reaches: reaches,
             secretRef: secretRef, until: until, bindings: bindings)
    }

    /// Builds a connector event by event through the real `Append`.
    struct Builder {
        let id: String
        let workflow: Workflow
        var roles: Roles? = GateKit.roles
        private(set) var doc: ConnectorDocument?
        private(set) var state: LifecycleState?

        init(_ id: String, workflow: Workflow = GateKit.standard) {
            self.id = id
            self.workflow = workflow
        }

        @discardableResult
        mutating func append(_ kind: EventKind, by actor: String, at: String, data: [String: JSONValue] = [:],
                             note: String = "") throws -> Event {
            let out = try Append.event(kind, to: doc, state: state, id: id, actor: actor, at: GateKit.t(at), note: note,
                                       data: data, workflow: workflow, roles: roles, file: "State/\(id).json")
            doc = out.document
            state = out.state
            return out.event
        }

        mutating func request(_ spec: Spec, by actor: String = "rita@x.example", at: String = "2026-01-02T09:00:00Z") throws {
            try append(.request, by: actor, at: at, data: LifecycleCommand.request(spec).data(currentSpec: nil))
        }

        mutating func approve(by actor: String = "alice@x.example", at: String) throws { try append(.approve, by: actor, at: at) }

        mutating func activate(by actor: String = "lee@x.example", at: String, credential: String? = nil) throws {
            try append(.activate, by: actor, at: at, data: LifecycleCommand.activate(credentialId: credential, secretRef: nil).data(currentSpec: nil))
        }

        mutating func amend(_ change: SpecChange, by actor: String = "lee@x.example", at: String) throws {
            try append(.amend, by: actor, at: at, data: LifecycleCommand.amend(change).data(currentSpec: state?.spec))
        }

        mutating func decommission(by actor: String = "lee@x.example", at: String, reason: String = "no longer needed") throws {
            try append(.decommission, by: actor, at: at, data: ["reason": .string(reason)])
        }

        mutating func closeTask(_ task: String, by actor: String = "lee@x.example", at: String, evidence: String) throws {
            try append(.closeTask, by: actor, at: at, data: ["task": .string(task), "evidence": .string(evidence)])
        }

        /// What `steward run` would append at `now`.
        mutating func run(at now: String, signals: RunSignals? = nil) throws {
            guard let d = doc, let s = state,
                  let plan = try RunPlan.plan(d, state: s, workflow: workflow, now: GateKit.t(now), people: nil, signals: signals,
                                              file: "State/\(id).json") else { return }
            doc = plan.document
            state = plan.state
        }

        var document: ConnectorDocument { doc! }
    }

    /// A requested → approved → active connector (medium risk unless the spec says otherwise).
    static func active(_ id: String, spec: Spec, workflow: Workflow = standard, requestedAt: String = "2026-01-02T09:00:00Z",
                       approvedAt: String = "2026-01-02T10:00:00Z", activatedAt: String = "2026-01-02T11:00:00Z",
                       credential: String? = nil) throws -> Builder {
        var b = Builder(id, workflow: workflow)
        try b.request(spec, at: requestedAt)
        try b.approve(at: approvedAt)
        if spec.risk == .high { try b.approve(by: "bob@x.example", at: approvedAt) }
        try b.activate(at: activatedAt, credential: credential)
        return b
    }

    /// Recomputes every event's prev and hash, as a careful forger would after editing history.
    static func rechained(_ history: [Event]) -> [Event] {
        var out: [Event] = []
        var prev = Event.genesisHash
        for var e in history {
            e.prev = prev
            e.hash = DocumentEncoding.hash(of: e)
            prev = e.hash
            out.append(e)
        }
        return out
    }
}
