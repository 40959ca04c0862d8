/// `future-event`: an event dated after NOW plus the allowed clock skew. A date in the
/// future would freeze a connector (the runner never writes before the last event) and
/// can be typed by anyone, so both checks refuse it. Pure.
public enum FutureEvents {
    /// Allowed clock skew, in seconds.
    public static let skew: Int64 = 300

    /// One finding per event of `doc` dated after `now` + 5 minutes.
    public static func findings(_ doc: ConnectorDocument, file: String, now: Timestamp, from index: Int = 0) -> [CheckFinding] {
        doc.history.dropFirst(index).filter { $0.at.seconds > now.seconds + skew }.map { e in
            CheckFinding(file: file, rule: GateRule.futureEvent.rawValue,
                         message: "event \(e.seq) (\(e.event)) is dated \(e.at), more than 5 minutes after now (\(now)); an event cannot happen in the future: fix the clock that wrote it")
        }
    }
}
