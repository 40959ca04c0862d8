/// The rules a spec carried by a `request` or `amend` event must meet beyond its format:
/// both owners are plain addresses (rule `identity`), and an `until` the event sets lies
/// after the event's own time (rule `until-past`), so nobody can ask for a window that has
/// already closed or back-date an end. Pure: the caller passes the event's time.
public enum SpecRules {
    /// Throws the first rule `new` (the spec the event leaves) breaks; `old` is the spec
    /// before the event (nil for a request).
    public static func check(old: Spec?, new: Spec?, event: EventKind, at: Timestamp) throws(RuleViolation) {
        guard let new else { return }
        if let p = Identity.problem(new.owners.business) {
            throw RuleViolation(rule: Identity.rule, "the business owner \(p)")
        }
        if let p = Identity.problem(new.owners.technical) {
            throw RuleViolation(rule: Identity.rule, "the technical owner \(p)")
        }
        if let until = new.until, until != old?.until, until <= at {
            throw RuleViolation(rule: "until-past", "until \(until) is not after now (\(at)); a connector's end must lie in the future")
        }
    }
}
