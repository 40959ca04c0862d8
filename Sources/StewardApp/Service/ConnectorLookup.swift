/// Finding the connector a user named on the command line.
public enum ConnectorLookup {
    /// Throws `not-found` when `State/<id>.json` does not exist, suggesting the nearest
    /// existing id (a few edits away, or one that starts with or contains what was typed),
    /// or else pointing at `steward list`.
    public static func require(_ id: ConnectorID, in store: StateStore) throws(RuleViolation) {
        guard !store.exists(id) else { return }
        let known = ((try? store.listing().ids) ?? []).map(\.rawValue)
        let hint = didYouMean(id.rawValue, among: known)
        throw RuleViolation(rule: "not-found", "no connector '\(id)' (\(StateStore.shown(id)) does not exist)"
                            + (hint.isEmpty ? "; 'steward list' shows the estate" : hint))
    }

    /// "; did you mean 'crm-sync'?" for the closest known id, or "".
    static func didYouMean(_ typed: String, among ids: [String]) -> String {
        let limit = max(2, typed.count / 3)
        let scored = ids.map { ($0, EditDistance.between(typed, $0)) }.filter { $0.1 <= limit }
        if let best = scored.min(by: { ($0.1, $0.0) < ($1.1, $1.0) }) { return "; did you mean '\(best.0)'?" }
        if let near = ids.sorted().first(where: { $0.hasPrefix(typed) || $0.contains(typed) }) { return "; did you mean '\(near)'?" }
        return ""
    }
}
