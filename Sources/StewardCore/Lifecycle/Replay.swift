/// A problem replay found in a document: which rule, where, and what.
public struct ReplayProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable rule id (`hash-chain`, `projection`, `separation-of-duties`, …).
    public var rule: RuleID
    /// Field path in the document (`history[3]`, `state`).
    public var location: String
    public var message: String
    public var description: String { "\(location): \(message) (rule \(rule))" }
}

/// Replays a document's history through its workflow and compares the result with the
/// stored projection. History is the truth: a hand-edited state, spec, due date or task,
/// an edited or reordered event, a broken chain or a rule that did not hold is a problem.
public enum Replay {
    /// How much to verify.
    public struct Options: Sendable {
        /// Recompute every event hash (the costly part).
        public var verifyHashes = true
        /// Roles for role guards; nil skips them (history is judged by today's roles only in a PR).
        public var roles: Roles?
        /// Role guards apply only to events with a seq above this (the events a PR appends).
        public var rolesAfterSeq = 0
        public init(verifyHashes: Bool = true, roles: Roles? = nil, rolesAfterSeq: Int = 0) {
            self.verifyHashes = verifyHashes
            self.roles = roles
            self.rolesAfterSeq = rolesAfterSeq
        }
    }

    /// Replays `doc`; returns the replay state, or the first problem found.
    public static func run(_ doc: ConnectorDocument, workflow wf: Workflow, file: String,
                           options: Options = Options()) -> Result<LifecycleState, ReplayProblem> {
        var s = LifecycleState(connector: doc.id)
        guard !doc.history.isEmpty else {
            return .failure(ReplayProblem(rule: "history", location: "history", message: "history is empty: every connector starts with a request event"))
        }
        let failure = doc.history.withUnsafeBufferPointer { history -> ReplayProblem? in
            for i in history.indices {
                if let p = step(history.baseAddress! + i, index: i, &s, workflow: wf, file: file, options: options) { return p }
            }
            return nil
        }
        if let failure { return .failure(failure) }
        if let p = compareProjection(doc, s) { return .failure(p) }
        return .success(s)
    }

    /// Applies `event` (at `index` in the history) to `s`, or returns the problem that stops
    /// replay. Every field is read through the pointer, where the event lies: an event bound
    /// to a name would be copied (each of its strings retained) once per event replayed.
    @inline(__always)
    static func step(_ event: UnsafePointer<Event>, index i: Int, _ s: inout LifecycleState, workflow wf: Workflow,
                     file: String, options: Options) -> ReplayProblem? {
        var loc: String { "history[\(i)]" }   // built only for a problem
        if let p = verifyLink(event.pointee, index: i, head: s.head, verifyHash: options.verifyHashes) {
            return ReplayProblem(rule: p.0, location: loc, message: p.1)
        }
        guard let kind = eventKind(event.pointee.event) else {
            return ReplayProblem(rule: "unknown-event", location: "\(loc).event", message: "unknown event '\(event.pointee.event.prefix(40))'")
        }
        if event.pointee.from != s.state {
            return ReplayProblem(rule: "illegal-transition", location: "\(loc).from",
                                 message: "event \(event.pointee.seq) says from '\(event.pointee.from ?? "null")' but the connector was '\(s.state ?? "null")'")
        }
        do {
            // In place: a refused event returns before anything reads `s` again.
            let to = try Transition.apply(to: &s, event: kind, actor: event.pointee.actor, at: event.pointee.at,
                                          data: event.pointee.dataMembers, heldSpec: event.pointee.heldSpec != nil, workflow: wf,
                                          roles: event.pointee.seq > options.rolesAfterSeq ? options.roles : nil, file: file,
                                          decodedSpec: event.pointee.decodedSpec.spec)
            guard to == event.pointee.to else {
                return ReplayProblem(rule: "illegal-transition", location: "\(loc).to",
                                     message: "event \(event.pointee.seq) (\(event.pointee.event)) says to '\(event.pointee.to)' but the workflow gives '\(to)'")
            }
            s.head = event.pointee.hash
        } catch {
            return ReplayProblem(rule: error.rule, location: loc, message: "event \(event.pointee.seq) (\(event.pointee.event) by \(event.pointee.actor)): \(error.message)")
        }
        return nil
    }

    /// Event kinds by the length of their names: a name is compared only with the one to
    /// three kinds of its length (no hashing; the same answer as `EventKind(rawValue:)`).
    static let eventKindsByLength: [[EventKind]] = {
        var table: [[EventKind]] = Array(repeating: [], count: 1 + EventKind.allCases.map(\.rawValue.utf8.count).max()!)
        for kind in EventKind.allCases { table[kind.rawValue.utf8.count].append(kind) }
        return table
    }()

    @inline(__always)
    static func eventKind(_ name: String) -> EventKind? {
        let n = name.utf8.count
        guard n < eventKindsByLength.count else { return nil }
        for kind in eventKindsByLength[n] where kind.rawValue == name { return kind }
        return nil
    }

    /// Checks only the hash chain (seq, prev, hash) of `doc`: for a document already
    /// replayed without hashes, this is the rest of a full verification.
    public static func verifyChain(_ doc: ConnectorDocument) -> ReplayProblem? {
        var head = Event.genesisHash
        for (i, e) in doc.history.enumerated() {
            if let p = verifyLink(e, index: i, head: head, verifyHash: true) {
                return ReplayProblem(rule: p.0, location: "history[\(i)]", message: p.1)
            }
            head = e.hash
        }
        return nil
    }

    /// Checks one event's place in the chain: seq, prev and (optionally) its own hash.
    /// Inlined into `step`, which reads the event through a pointer to where it lies.
    @inline(__always)
    static func verifyLink(_ e: borrowing Event, index i: Int, head: String, verifyHash: Bool) -> (RuleID, String)? {
        if e.seq != i + 1 { return ("sequence", "event at position \(i + 1) has seq \(e.seq); events may not be removed, reordered or inserted") }
        if e.prev != head { return ("hash-chain", "event \(e.seq): prev does not match the hash of the event before it; history was edited or reordered") }
        if verifyHash && e.hash != DocumentEncoding.hash(of: copy e) {
            return ("hash-chain", "event \(e.seq): hash is not the SHA-256 of the event; the event was edited after it was written")
        }
        return nil
    }

    /// `a == b`, without first copying `a` into an optional to compare.
    static func sameSpec(_ a: Spec, _ b: Spec?) -> Bool {
        guard let b else { return false }
        return a == b
    }

    static func compareProjection(_ doc: ConnectorDocument, _ s: LifecycleState) -> ReplayProblem? {
        func problem(_ field: String, _ what: String) -> ReplayProblem {
            ReplayProblem(rule: "projection", location: field,
                          message: "\(what) does not match what replaying the history gives; edit a connector only through steward commands (an amend event for spec changes)")
        }
        if doc.version != doc.history.count {
            return ReplayProblem(rule: "version", location: "version", message: "version is \(doc.version) but history has \(doc.history.count) events")
        }
        if doc.state != s.state { return problem("state", "state '\(doc.state)'") }
        if !sameSpec(doc.spec, s.spec) { return problem("spec", "spec") }
        if doc.due != s.due { return problem("due", "due") }
        if doc.tasks != s.tasks { return problem("tasks", "tasks") }
        return nil
    }
}
