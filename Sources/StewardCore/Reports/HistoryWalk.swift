/// The replay states a history passes through, for the reports: where each event left the
/// connector. Pure: the document and its workflow in, states out. Unlike `Replay` it does
/// not compare the stored projection and it may stop early (at a time, or at the first
/// event that does not apply), so a report can show what holds up to that point.
public struct HistoryWalk: Sendable {
    /// `states[i]` is the connector after `events[i]`.
    public var states: [LifecycleState] = []
    /// The events applied, in order (a prefix of the history).
    public var events: [Event] = []
    /// Why the walk stopped before the end of the history (not counting the time limit).
    public var problem: String?

    /// The state after the last event applied, nil when none was.
    public var last: LifecycleState? { states.last }

    /// The state before event `index` (nil before the first).
    public func before(_ index: Int) -> LifecycleState? { index > 0 && index - 1 < states.count ? states[index - 1] : nil }

    /// Walks `doc`'s history through `workflow`, applying only events dated at or before
    /// `limit` when one is given. Hashes are not checked here (the evidence pack reports the
    /// chain separately); role guards are not applied (roles change over time).
    public static func walk(_ doc: ConnectorDocument, workflow: Workflow, through limit: Timestamp? = nil) -> HistoryWalk {
        var w = HistoryWalk()
        var s = LifecycleState(connector: doc.id)
        for e in doc.history {
            if let limit, e.at > limit { break }
            guard let kind = EventKind(rawValue: e.event) else {
                w.problem = "event \(e.seq): unknown event '\(e.event.prefix(40))'"
                return w
            }
            do {
                _ = try Transition.apply(stored: e, kind: kind, to: &s, workflow: workflow, roles: nil, file: "State/\(doc.id).json")
                s.head = e.hash
            } catch {
                w.problem = "event \(e.seq) (\(e.event)): \(error.message) (rule \(error.rule))"
                return w
            }
            w.states.append(s)
            w.events.append(e)
        }
        return w
    }
}

/// The estate as it stood at a past time, rebuilt from the histories alone.
public enum EstateAsOf {
    /// What one connector file gives at `time`.
    public enum Outcome: Sendable {
        /// The connector as it stood: its projection after the events dated at or before `time`.
        case existed(ConnectorDocument)
        /// Its first event is later than `time`: it did not exist yet and is not counted.
        case notYet
        /// Its history up to `time` does not replay.
        case broken(String)
    }

    /// Replays `doc`'s events dated at or before `time` and returns the document they project.
    public static func rebuild(_ doc: ConnectorDocument, workflow: Workflow, at time: Timestamp) -> Outcome {
        guard let first = doc.history.first, first.at <= time else { return .notYet }
        let w = HistoryWalk.walk(doc, workflow: workflow, through: time)
        if let problem = w.problem { return .broken(problem) }
        guard let s = w.last, let rebuilt = s.document(workflow: doc.workflow, history: w.events) else {
            return .broken("history does not start with a request")
        }
        return .existed(rebuilt)
    }
}
