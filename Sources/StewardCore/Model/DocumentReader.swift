/// Reads a connector file straight from its bytes into a `ConnectorDocument` in one pass,
/// without building a `JSONValue` tree for it first (only each event's free-form `data`
/// becomes a tree).
///
/// It is the fast path of `StateStore.load`; the reference path is `StrictJSON.parse`
/// followed by `DocumentDecoding.document`. The fast path accepts a subset of what the
/// reference path accepts and, for those inputs, returns the same document: it uses the
/// strict parser's own string, number and literal readers, refuses duplicate keys, keeps the
/// same depth and size limits, and gives up (returns nil) on anything unexpected: malformed
/// JSON, an unknown or escaped key, a wrong type, a missing field, a blank name. The caller
/// then takes the reference path, which either accepts the input or says exactly what is
/// wrong, so error messages do not depend on which path ran.
package enum DocumentReader {
    /// The document in `buffer`, or nil when the reference path must decide.
    package static func document(_ buffer: UnsafeBufferPointer<UInt8>, maxDepth: Int = StrictJSON.defaultMaxDepth,
                         maxBytes: Int = StrictJSON.defaultMaxBytes) -> ConnectorDocument? {
        var strings = RepeatedStrings()
        return document(buffer, sharing: &strings, maxDepth: maxDepth, maxBytes: maxBytes)
    }

    /// The document in `buffer`, or nil; strings whose bytes `strings` already holds are
    /// shared, and the ones read here are added to it for the next document.
    package static func document(_ buffer: UnsafeBufferPointer<UInt8>, sharing strings: inout RepeatedStrings,
                                 maxDepth: Int = StrictJSON.defaultMaxDepth,
                                 maxBytes: Int = StrictJSON.defaultMaxBytes) -> ConnectorDocument? {
        guard let base = buffer.baseAddress, buffer.count > 0, buffer.count <= maxBytes, maxDepth > 4 else { return nil }
        if buffer.count >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF { return nil }
        // Event data members start four containers deep (document, history, event, data).
        var c = ByteCursor(base: base, count: buffer.count, maxDepth: maxDepth - 4)
        c.lend(&strings)
        defer { c.lend(&strings) }
        do {
            let doc = try c.document()
            return c.atEnd() ? doc : nil
        } catch { return nil }
    }
}

extension ByteCursor {
    static let documentKeys: [KeyPattern] = ["schema", "id", "version", "state", "workflow", "spec", "due", "tasks", "history"]
    static let specKeys: [KeyPattern] = ["system", "purpose", "kind", "environment", "risk", "owners", "scopes", "reaches",
                                           "secretRef", "until", "bindings"]
    static let ownersKeys: [KeyPattern] = ["business", "technical"]
    static let bindingKeys: [KeyPattern] = ["platform", "ref"]
    static let dueKeys: [KeyPattern] = ["review", "rotation", "approval", "until"]
    static let taskKeys: [KeyPattern] = ["id", "kind", "status", "openedAt", "dueAt", "closedAt", "evidence"]
    static let eventKeys: [KeyPattern] = ["seq", "event", "from", "to", "actor", "at", "note", "data", "prev", "hash"]

    /// The index of the next key (`nextKey`), marked in `seen`: a repeated key gives up.
    @inline(__always)
    mutating func nextField(_ keys: [KeyPattern], first: inout Bool, seen: inout UInt32) throws(FastPathMiss) -> Int? {
        guard let k = try nextKey(keys, first: &first) else { return nil }
        try Self.mark(k, in: &seen)
        return k
    }

    /// A whole connector document (the same checks as `DocumentDecoding.document`).
    mutating func document() throws(FastPathMiss) -> ConnectorDocument {
        try expect(JSONByte.openBrace)
        var seen: UInt32 = 0
        var first = true
        var id = "", state = "", workflow = ""
        var version: Int64 = 0
        var spec: Spec?
        var due = Due()
        var tasks: [ConnectorTask] = []
        var history: [Event] = []
        while let k = try nextField(Self.documentKeys, first: &first, seen: &seen) {
            switch k {
            case 0: guard try int() == ConnectorDocument.schemaVersion else { throw FastPathMiss() }
            case 1: id = try string()
            case 2: version = try int()
            case 3: state = try nonEmptyString()
            case 4: workflow = try nonEmptyString()
            case 5: spec = try self.spec()
            case 6: due = try self.due()
            case 7:
                try expect(JSONByte.openBracket)
                var more = true
                while try nextElement(first: &more) { tasks.append(try task()) }
            default:
                try expect(JSONByte.openBracket)
                history.reserveCapacity(12)
                var more = true
                while try nextElement(first: &more) { history.append(try event()) }
            }
        }
        guard seen == 0x1FF, let spec, version >= 0, version <= Int64(Int32.max),
              let id = ConnectorID(checking: id) else { throw FastPathMiss() }
        return ConnectorDocument(id: id, version: Int(version), state: state, workflow: workflow, spec: spec,
                                 due: due, tasks: tasks, history: history)
    }

    /// A spec object (the same checks as `DocumentDecoding.spec`).
    mutating func spec() throws(FastPathMiss) -> Spec { try heldSpec().spec }

    /// A spec object, and which of its optional members were written as `null`.
    mutating func heldSpec() throws(FastPathMiss) -> HeldSpec {
        try expect(JSONByte.openBrace)
        var seen: UInt32 = 0
        var first = true
        var system = "", purpose = "", kind = "", environment = ""
        var risk = Risk.medium
        var owners = Owners(business: "", technical: "")
        var scopes: [String] = [], reaches: [String] = []
        var secretRef: String?
        var until: Timestamp?
        var bindings: [Binding] = []
        while let k = try nextField(Self.specKeys, first: &first, seen: &seen) {
            switch k {
            case 0: system = try nonEmptyString()
            case 1: purpose = try nonEmptyString()
            case 2: kind = try nonEmptyString()
            case 3: environment = try nonEmptyString()
            case 4:
                guard let r = Risk(rawValue: try string()) else { throw FastPathMiss() }
                risk = r
            case 5: owners = try self.owners()
            case 6: scopes = try strings()
            case 7: reaches = try strings()
            case 8: secretRef = try optionalString()
            case 9: until = try optionalTimestamp()
            default:
                try expect(JSONByte.openBracket)
                var more = true
                while try nextElement(first: &more) { bindings.append(try binding()) }
            }
        }
        // Everything but secretRef (bit 8) and until (bit 9) is required.
        guard seen | 0x300 == 0x7FF else { throw FastPathMiss() }
        let nullSecretRef = seen & 0x100 != 0 && secretRef == nil, nullUntil = seen & 0x200 != 0 && until == nil
        return HeldSpec(spec: Spec(system: system, purpose: purpose, kind: kind, environment: environment, risk: risk,
                                   owners: owners, scopes: scopes, reaches: reaches, secretRef: secretRef, until: until,
                                   bindings: bindings),
                        nullSecretRef: nullSecretRef, nullUntil: nullUntil)
    }

    mutating func owners() throws(FastPathMiss) -> Owners {
        let (business, technical) = try namePair(Self.ownersKeys)
        return Owners(business: business, technical: technical)
    }

    mutating func binding() throws(FastPathMiss) -> Binding {
        let (platform, ref) = try namePair(Self.bindingKeys)
        return Binding(platform: platform, ref: ref)
    }

    /// An object of exactly the two `keys`, each a non-blank string (owners, a binding).
    mutating func namePair(_ keys: [KeyPattern]) throws(FastPathMiss) -> (String, String) {
        try expect(JSONByte.openBrace)
        var seen: UInt32 = 0
        var first = true
        var a = "", b = ""
        while let k = try nextField(keys, first: &first, seen: &seen) {
            if k == 0 { a = try nonEmptyString() } else { b = try nonEmptyString() }
        }
        guard seen == 0x3 else { throw FastPathMiss() }
        return (a, b)
    }

    /// The due dates; every one may be absent or null.
    mutating func due() throws(FastPathMiss) -> Due {
        try expect(JSONByte.openBrace)
        var seen: UInt32 = 0
        var first = true
        var d = Due()
        while let k = try nextField(Self.dueKeys, first: &first, seen: &seen) {
            let t = try optionalTimestamp()
            switch k {
            case 0: d.review = t
            case 1: d.rotation = t
            case 2: d.approval = t
            default: d.until = t
            }
        }
        return d
    }

    /// One task (the same checks as `DocumentDecoding.task`).
    mutating func task() throws(FastPathMiss) -> ConnectorTask {
        try expect(JSONByte.openBrace)
        var seen: UInt32 = 0
        var first = true
        var id = "", kind = ""
        var status = TaskStatus.open
        var openedAt = Timestamp(seconds: 0)
        var dueAt: Timestamp?, closedAt: Timestamp?
        var evidence: String?
        while let k = try nextField(Self.taskKeys, first: &first, seen: &seen) {
            switch k {
            case 0: id = try nonEmptyString()
            case 1: kind = try nonEmptyString()
            case 2:
                guard let s = TaskStatus(rawValue: try string()) else { throw FastPathMiss() }
                status = s
            case 3: openedAt = try timestamp()
            case 4: dueAt = try optionalTimestamp()
            case 5: closedAt = try optionalTimestamp()
            default: evidence = try optionalString()
            }
        }
        guard seen | 0x70 == 0x7F else { throw FastPathMiss() }
        return ConnectorTask(id: id, kind: TaskKind(rawValue: kind), status: status, openedAt: openedAt, dueAt: dueAt,
                             closedAt: closedAt, evidence: evidence)
    }

    /// One history event (the same checks as `DocumentDecoding.event`). The `data.spec` of a
    /// request or amend is decoded here too, once, for replay.
    mutating func event() throws(FastPathMiss) -> Event {
        try expect(JSONByte.openBrace)
        var seen: UInt32 = 0
        var first = true
        var seq: Int64 = 0
        var name = "", to = "", actor = "", note = "", prev = "", hash = ""
        var from: String?
        var at = Timestamp(seconds: 0)
        var data: [String: JSONValue] = [:]
        var held: HeldSpec?
        while let k = try nextField(Self.eventKeys, first: &first, seen: &seen) {
            switch k {
            case 0: seq = try int()
            case 1: name = try nonEmptyString()
            case 2: from = try optionalString()
            case 3: to = try nonEmptyString()
            case 4: actor = try nonEmptyString()
            case 5: at = try timestamp()
            case 6: note = try string()
            case 7: (data, held) = try eventData()
            case 8: prev = try string()
            default: hash = try string()
            }
        }
        guard seen | 0x4 == 0x3FF, seq >= 1, seq <= Int64(Int32.max) else { throw FastPathMiss() }
        return Event(seq: Int(seq), event: name, from: from, to: to, actor: actor, at: at, note: note, dataMembers: data,
                     held: held, prev: prev, hash: hash)
    }

    /// An event's `data` object: every member as a tree (the strict reader's duplicate-key
    /// and depth rules), except a `spec` the spec reader accepts, which is held decoded
    /// instead (its tree is rebuilt, identical, only when `Event.data` is read). A spec it
    /// does not accept is read as a tree, for replay to judge as before.
    mutating func eventData() throws(FastPathMiss) -> (members: [String: JSONValue], held: HeldSpec?) {
        try expect(JSONByte.openBrace)
        var members: [String: JSONValue] = [:]
        var held: HeldSpec?
        var byte = try peek()
        if byte == JSONByte.closeBrace {
            position += 1
            return (members, nil)
        }
        // A spec nests three deep (spec, bindings, a binding): hold it only where its tree would fit.
        let mayHold = maxDepth >= 3
        while true {
            let key = try string()
            try expect(JSONByte.colon)
            let start = position
            if mayHold && key == "spec", let h = try? heldSpec() {
                guard held == nil, members["spec"] == nil else { throw FastPathMiss() }
                held = h
            } else {
                position = start
                let value = try anyValue()
                guard members.updateValue(value, forKey: key) == nil, key != "spec" || held == nil else { throw FastPathMiss() }
            }
            byte = try peek()
            position += 1
            if byte == JSONByte.closeBrace { return (members, held) }
            guard byte == JSONByte.comma, try peek() == JSONByte.quote else { throw FastPathMiss() }
        }
    }
}
