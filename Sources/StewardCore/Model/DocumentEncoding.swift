/// Turns the model back into JSON values: the on-disk document and the hashed event form.
public enum DocumentEncoding {
    /// The whole document as a JSON value (written sorted and indented by `CanonicalJSON.pretty`).
    public static func document(_ d: ConnectorDocument) -> JSONValue {
        .object([
            "schema": .int(ConnectorDocument.schemaVersion),
            "id": .string(d.id.rawValue),
            "version": .int(Int64(d.version)),
            "state": .string(d.state),
            "workflow": .string(d.workflow),
            "spec": spec(d.spec),
            "due": .object(["review": time(d.due.review), "rotation": time(d.due.rotation),
                            "approval": time(d.due.approval), "until": time(d.due.until)]),
            "tasks": .array(d.tasks.map(task)),
            "history": .array(d.history.map { event($0, includingHash: true) }),
        ])
    }

    /// The document's bytes on disk: sorted keys, two-space indentation, trailing newline.
    public static func bytes(_ d: ConnectorDocument) -> [UInt8] {
        CanonicalJSON.pretty(document(d))
    }

    /// A spec as JSON; optional fields are omitted when unset.
    public static func spec(_ s: Spec) -> JSONValue {
        var o: [String: JSONValue] = [
            "system": .string(s.system), "purpose": .string(s.purpose), "kind": .string(s.kind),
            "environment": .string(s.environment), "risk": .string(s.risk.rawValue),
            "owners": .object(["business": .string(s.owners.business), "technical": .string(s.owners.technical)]),
            "scopes": .array(s.scopes.map(JSONValue.string)), "reaches": .array(s.reaches.map(JSONValue.string)),
            "bindings": .array(s.bindings.map { .object(["platform": .string($0.platform), "ref": .string($0.ref)]) }),
        ]
        if let r = s.secretRef { o["secretRef"] = .string(r) }
        if let u = s.until { o["until"] = .string(u.iso8601) }
        return .object(o)
    }

    static func task(_ t: ConnectorTask) -> JSONValue {
        .object(["id": .string(t.id), "kind": .string(t.kind), "status": .string(t.status.rawValue),
                 "openedAt": .string(t.openedAt.iso8601), "dueAt": time(t.dueAt), "closedAt": time(t.closedAt),
                 "evidence": t.evidence.map(JSONValue.string) ?? .null])
    }

    /// An event as JSON; without `hash` it is exactly what the hash covers.
    public static func event(_ e: Event, includingHash: Bool) -> JSONValue {
        var o: [String: JSONValue] = [
            "seq": .int(Int64(e.seq)), "event": .string(e.event), "from": e.from.map(JSONValue.string) ?? .null,
            "to": .string(e.to), "actor": .string(e.actor), "at": .string(e.at.iso8601), "note": .string(e.note),
            "data": .object(e.data), "prev": .string(e.prev),
        ]
        if includingHash { o["hash"] = .string(e.hash) }
        return .object(o)
    }

    /// SHA-256 (lower-case hex) of the event's RFC 8785 form without `hash`.
    public static func hash(of e: Event) -> String {
        SHA256.hex(canonicalBytes(of: e))
    }

    /// The event's RFC 8785 form without `hash`, written field by field: the same bytes as
    /// `CanonicalJSON.encode(event(e, includingHash: false))` without building that tree.
    /// The fixed keys are written in their sorted order; only `data` goes through the tree writer.
    static func canonicalBytes(of e: Event) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(512)
        func key(_ k: StaticString) {
            out.append(UInt8(ascii: out.isEmpty ? "{" : ","))
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: UnsafeBufferPointer(start: k.utf8Start, count: k.utf8CodeUnitCount))
            out.append(UInt8(ascii: "\""))
            out.append(UInt8(ascii: ":"))
        }
        key("actor"); CanonicalJSON.writeString(e.actor, into: &out)
        key("at"); CanonicalJSON.writeString(e.at.iso8601, into: &out)
        key("data"); CanonicalJSON.writeCompact(.object(e.data), into: &out)
        key("event"); CanonicalJSON.writeString(e.event, into: &out)
        key("from")
        if let from = e.from { CanonicalJSON.writeString(from, into: &out) } else { out.append(contentsOf: "null".utf8) }
        key("note"); CanonicalJSON.writeString(e.note, into: &out)
        key("prev"); CanonicalJSON.writeString(e.prev, into: &out)
        key("seq"); out.append(contentsOf: String(Int64(e.seq)).utf8)
        key("to"); CanonicalJSON.writeString(e.to, into: &out)
        out.append(UInt8(ascii: "}"))
        return out
    }

    static func time(_ t: Timestamp?) -> JSONValue { t.map { .string($0.iso8601) } ?? .null }
}
