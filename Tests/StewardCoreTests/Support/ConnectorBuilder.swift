@testable import StewardCore

/// Builds one connector event by event through the real `Append`, the way the commands do,
/// so every document it returns is hash-chained and replays cleanly unless a test tampers
/// with it afterwards.
struct ConnectorBuilder {
    let id: ConnectorID
    let workflow: Workflow
    var roles: Roles? = Fixture.roles
    private(set) var doc: ConnectorDocument?
    private(set) var state: LifecycleState?

    init(_ id: ConnectorID = "crm-sync", workflow: Workflow = Fixture.standard) {
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

    mutating func request(_ spec: Spec, by actor: String = Fixture.rita, at: Timestamp) throws(RuleViolation) {
        try perform(.request(spec), by: actor, at: at)
    }

    mutating func approve(by actor: String = Fixture.alice, at: Timestamp) throws(RuleViolation) { try perform(.approve, by: actor, at: at) }

    mutating func activate(by actor: String = Fixture.lee, at: Timestamp, credential: String? = nil) throws(RuleViolation) {
        try perform(.activate(credentialId: credential, secretRef: nil), by: actor, at: at)
    }

    mutating func amend(_ change: SpecChange, by actor: String = Fixture.lee, at: Timestamp) throws(RuleViolation) {
        try perform(.amend(change), by: actor, at: at)
    }

    mutating func decommission(by actor: String = Fixture.lee, at: Timestamp, reason: String = "no longer needed") throws(RuleViolation) {
        try append(.decommission, by: actor, at: at, data: ["reason": .string(reason)])
    }

    mutating func closeTask(_ task: String, by actor: String = Fixture.lee, at: Timestamp, evidence: String) throws(RuleViolation) {
        try append(.closeTask, by: actor, at: at, data: ["task": .string(task), "evidence": .string(evidence)])
    }

    /// Whatever `steward run` appends at `now` (nil when nothing is due).
    @discardableResult
    mutating func run(at now: Timestamp, people: PeopleDirectory? = nil, signals: RunSignals? = nil) throws(RuleViolation) -> RunPlan.ConnectorPlan? {
        guard let d = doc, let s = state else { return nil }
        guard let p = try RunPlan.plan(d, state: s, workflow: workflow, now: now, people: people, signals: signals, file: file) else { return nil }
        doc = p.document
        state = p.state
        return p
    }

    /// requested (by rita at `t`) → approved (by alice, and bob for high risk, at t+1h) →
    /// active (by lee at t+2h, with `credential`).
    static func active(_ id: ConnectorID = "crm-sync", at t: Timestamp = Fixture.t0, spec: Spec = Fixture.spec(),
                       workflow: Workflow = Fixture.standard, credential: String? = "key-1") throws -> ConnectorBuilder {
        var b = ConnectorBuilder(id, workflow: workflow)
        try b.request(spec, at: t)
        try b.approve(at: t.plus(hours: 1))
        if spec.risk == .high { try b.approve(by: Fixture.bob, at: t.plus(hours: 1)) }
        try b.activate(at: t.plus(hours: 2), credential: credential)
        return b
    }
}
