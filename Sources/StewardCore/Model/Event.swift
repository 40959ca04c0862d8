/// One entry of a connector's history: the append-only source of truth.
///
/// `hash` is the SHA-256 of the event's RFC 8785 form without `hash`; `prev` is the previous
/// event's hash (64 zeros for the first), so editing any old event breaks the chain.
public struct Event: Sendable, Equatable {
    /// 1-based position in the history.
    public var seq: Int
    /// The event name (`request`, `approve`, …, or a runner event such as `review-due`).
    public var event: String
    /// The state before; nil only for `request`.
    public var from: String?
    /// The state after.
    public var to: String
    /// Who did it: an e-mail address, or `steward-runner`.
    public var actor: String
    /// When, to the second, UTC.
    public var at: Timestamp
    /// Free text from the actor.
    public var note: String
    /// Event-specific data (the spec of a request or amend, a reason, evidence, …).
    /// Changing it drops `decodedSpec`. When the reader held `data.spec` decoded
    /// (`heldSpec`), reading `data` rebuilds that member's tree, exactly as it was read.
    public var data: [String: JSONValue] {
        get {
            guard let heldSpec else { return dataMembers }
            var d = dataMembers
            d["spec"] = heldSpec.tree
            return d
        }
        set {
            dataMembers = newValue
            heldSpec = nil
            decodedSpec = DecodedSpec()
        }
    }
    /// `data`, without its `spec` member when `heldSpec` holds that.
    private(set) var dataMembers: [String: JSONValue]
    /// `data.spec` as the reader decoded it, kept instead of its tree (nil: `dataMembers`
    /// is the whole of `data`).
    private(set) var heldSpec: HeldSpec?
    /// The previous event's hash.
    public var prev: String
    /// This event's hash.
    public var hash: String
    /// `data.spec` as a `Spec`, when the reader already decoded it (request and amend), so
    /// replay does not decode it again. A cache, not part of the event's value.
    public var decodedSpec = DecodedSpec()

    public init(seq: Int, event: String, from: String?, to: String, actor: String, at: Timestamp,
                note: String, data: [String: JSONValue], prev: String, hash: String = "") {
        self.init(seq: seq, event: event, from: from, to: to, actor: actor, at: at, note: note, dataMembers: data,
                  held: nil, prev: prev, hash: hash)
    }

    /// The actor name the runner uses.
    public static let runnerActor = "steward-runner"
    /// `prev` of the first event.
    public static let genesisHash = String(repeating: "0", count: 64)

    /// True when the runner appended this event.
    public var byRunner: Bool { actor == Event.runnerActor }

    /// A string field of `data`, or nil.
    public func dataString(_ key: String) -> String? { dataMembers[key]?.stringValue }

    /// An event as the reader builds it: `data` without its `spec` member, which `held`
    /// holds decoded instead of as a tree; replay uses it as the decoded spec of a request
    /// or amend.
    init(seq: Int, event: String, from: String?, to: String, actor: String, at: Timestamp,
         note: String, dataMembers: [String: JSONValue], held: HeldSpec?, prev: String, hash: String) {
        self.seq = seq
        self.event = event
        self.from = from
        self.to = to
        self.actor = actor
        self.at = at
        self.note = note
        self.dataMembers = dataMembers
        self.heldSpec = held
        self.prev = prev
        self.hash = hash
        if let held, event == EventKind.request.rawValue || event == EventKind.amend.rawValue { decodedSpec = DecodedSpec(held.spec) }
    }

    /// Equal when every field is, `data` compared as the tree it stands for.
    public static func == (a: Event, b: Event) -> Bool {
        guard a.seq == b.seq, a.event == b.event, a.from == b.from, a.to == b.to, a.actor == b.actor, a.at == b.at,
              a.note == b.note, a.prev == b.prev, a.hash == b.hash else { return false }
        if a.heldSpec == nil && b.heldSpec == nil || a.heldSpec != nil && b.heldSpec != nil {
            return a.dataMembers == b.dataMembers && a.heldSpec == b.heldSpec
        }
        return a.data == b.data
    }
}

/// A `data.spec` member kept decoded: the spec, and which of its optional members were
/// written as `null` (absent and `null` decode alike but hash differently). `tree` is the
/// exact JSON value the member was. The event's `decodedSpec` holds the same spec (a copy of
/// a `Spec` shares its fields).
struct HeldSpec: Sendable, Equatable {
    var spec: Spec
    var nullSecretRef: Bool
    var nullUntil: Bool

    /// The member as a JSON value.
    var tree: JSONValue {
        guard case .object(var o) = DocumentEncoding.spec(spec) else { return DocumentEncoding.spec(spec) }
        if nullSecretRef { o["secretRef"] = .null }
        if nullUntil { o["until"] = .null }
        return .object(o)
    }
}

/// A spec decoded ahead of replay from an event's `data.spec`. Equality ignores it (every
/// value equals every other), so an event compares the same whether or not it was decoded.
public struct DecodedSpec: Sendable, Equatable {
    /// The decoded spec; nil when not decoded (replay then decodes `data.spec` itself).
    public var spec: Spec?
    public init(_ spec: Spec? = nil) { self.spec = spec }
    public static func == (a: DecodedSpec, b: DecodedSpec) -> Bool { true }
}
