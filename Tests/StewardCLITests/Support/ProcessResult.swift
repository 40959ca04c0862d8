import Foundation

/// What one spawned process did.
struct ProcessResult {
    var status: Int32
    var stdout: String
    var stderr: String

    /// stdout parsed as one JSON document (nil when it is not exactly one).
    var json: Any? { try? JSONSerialization.jsonObject(with: Data(stdout.utf8), options: [.fragmentsAllowed]) }
    var object: [String: Any]? { json as? [String: Any] }

    /// `check --format json`: the rule ids of the violations / warnings.
    var violationRules: [String] { rules("violations") }
    var warningRules: [String] { rules("warnings") }
    func rules(_ key: String) -> [String] { findings(key).compactMap { $0["rule"] as? String } }
    func findings(_ key: String) -> [[String: Any]] { object?[key] as? [[String: Any]] ?? [] }
}
