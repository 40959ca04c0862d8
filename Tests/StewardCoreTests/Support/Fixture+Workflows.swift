import Foundation
import XCTest
@testable import StewardCore

/// The shipped workflows (read from the package's `Workflows/`), edited copies of them, and
/// a forger's rechaining of an edited history.
extension Fixture {
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

    /// A shipped workflow, decoded.
    static func workflow(_ name: String) -> Workflow { try! decode(workflowJSON(name), name: name) }

    /// A shipped workflow with some of its `lints` levels replaced (nil removes one), decoded
    /// from JSON like a repository's modified file would be.
    static func workflow(_ name: String, lints changes: [String: String?]) -> Workflow {
        guard case .object(var o) = workflowJSON(name), case .object(var lints)? = o["lints"] else { fatalError("bad workflow") }
        for (k, v) in changes { lints[k] = v.map(JSONValue.string) }
        o["lints"] = .object(lints)
        return try! decode(.object(o), name: name)
    }

    static let standard: Workflow = workflow("standard")
    static let temporary: Workflow = workflow("temporary")

    /// Both shipped workflows with `roles`, as a repository's Workflows/ loads.
    static var workflowSet: WorkflowSet { WorkflowSet(workflows: ["standard": standard, "temporary": temporary], roles: roles) }

    /// The shipped standard workflow's JSON with one value replaced at a key path.
    static func standardJSON(setting path: [String], to value: JSONValue?) -> JSONValue {
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
