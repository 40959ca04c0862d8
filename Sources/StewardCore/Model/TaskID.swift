/// The id of a task, `<connector>#<seq>-<kind>`: seq is the event that opened it, so the id
/// is stable across runs and machines. The one place that builds and reads the format.
public struct TaskID: Sendable, Equatable, CustomStringConvertible {
    public var connector: ConnectorID
    public var seq: Int
    public var kind: String

    public init(connector: ConnectorID, seq: Int, kind: String) { (self.connector, self.seq, self.kind) = (connector, seq, kind) }

    public var description: String { TaskID.prefix(connector: connector, seq: seq) + kind }

    /// What the id of every task opened by event `seq` of `connector` starts with.
    public static func prefix(connector: ConnectorID, seq: Int) -> String { "\(connector)#\(seq)-" }

    /// True when `id` names a task opened by event `seq` of `connector`.
    public static func isOpened(_ id: String, byEvent seq: Int, of connector: ConnectorID) -> Bool {
        id.hasPrefix(prefix(connector: connector, seq: seq))
    }

    /// The connector part of a task id (before its `#`), or nil when the text has no `#`.
    public static func connector(of text: String) -> String? {
        guard let hash = text.firstIndex(of: "#") else { return nil }
        return String(text[..<hash])
    }

    /// The seq part of a task id (after the last `#`, up to the first `-`), or nil.
    public static func seq(of text: String) -> Int? {
        Int(text.split(separator: "#").last?.split(separator: "-").first ?? "")
    }
}
