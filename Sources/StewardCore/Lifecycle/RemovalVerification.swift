/// Who may close a `verify-removal` task: the proof that a decommissioned connector's
/// credential is really gone must not rest on the word of anyone who held it.
///
/// The runner closes it when every export that covers the connector's platforms no longer
/// shows its bindings. A person may close it only if they are an approver (judged when the
/// event is added, like every role guard), not the technical owner, not anyone who issued,
/// rotated or confirmed a rotation of its credential, and not the person who closed the
/// same decommission's `revoke-credential`. This is built in: no workflow can switch it off.
public enum RemovalVerification {
    /// The task kind this rule protects.
    public static let taskKind = TaskKind.verifyRemoval
    /// The rule id a refusal names.
    public static let rule: RuleID = "independent-verification"

    /// Throws when `actor` may not close the `verify-removal` task `taskID` of the state `s`.
    public static func checkCloser(_ actor: String, taskID: String, state s: LifecycleState, roles: Roles?) throws(RuleViolation) {
        if actor == Event.runnerActor { return }
        func refuse(_ why: String) -> RuleViolation {
            RuleViolation(rule: rule, "\(actor) \(why), so may not close \(taskID): removal must be verified by someone independent (an approver who neither held nor revoked the credential), or proven by 'steward run --observed'")
        }
        if let t = s.spec?.owners.technical, Identity.same(t, actor) { throw refuse("is the technical owner of \(s.connector)") }
        if s.credentialHandlers.contains(where: { Identity.same($0, actor) }) { throw refuse("handled the credential of \(s.connector)") }
        // The revoke-credential task opened by the same event as this verify-removal.
        if let seq = TaskID.seq(of: taskID) {
            let revokeID = TaskID(connector: s.connector, seq: seq, kind: .revokeCredential).description
            if let revoker = s.taskClosers[revokeID], Identity.same(revoker, actor) { throw refuse("closed \(revokeID)") }
        }
        if let roles, !roles.isApprover(actor) { throw refuse("is not listed in Workflows/roles.json \"approvers\"") }
    }
}
