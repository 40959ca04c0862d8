/// Why the runner appends an event: the typed cause behind each step of `RunPlan`.
///
/// The English `reason` an event carries is for people; code that needs to know what kind
/// of runner event it is (the gate, reports) uses this instead of reading the text.
public enum RunnerCause: String, Sendable, CaseIterable {
    /// The workflow's clocks, which the gate recomputes from the connector file alone:
    /// - `request-expired`: `requested` longer than the request expiry: decommissioned.
    /// - `approval-lapsed`: `approved` and not activated within the approval lapse: back
    ///   to `requested`.
    /// - `review-due`: `due.review` passed: `active` or `rotated` goes `review-due`.
    /// - `review-overdue`: `review-due` and the review grace ran out: decommissioned (fail
    ///   closed).
    /// - `widening-not-reapproved`: a widening still unapproved at `due.approval`:
    ///   `review-due`.
    /// - `widening-never-approved`: a widening still unapproved the grace after
    ///   `due.approval`: decommissioned.
    /// - `temporary-window-ended`: a temporary connector's `spec.until` passed:
    ///   decommissioned.
    /// - `rotation-due`: `due.rotation` passed: task `rotate-credential`.
    /// - `expiry-notice`: the temporary window ends within the notice period: task
    ///   `notify-expiry`.
    case requestExpired = "request-expired", approvalLapsed = "approval-lapsed", reviewDue = "review-due"
    case reviewOverdue = "review-overdue"
    case wideningNotReapproved = "widening-not-reapproved", wideningNeverApproved = "widening-never-approved"
    case temporaryWindowEnded = "temporary-window-ended", rotationDue = "rotation-due", expiryNotice = "expiry-notice"
    /// Input-driven (only `--people` or `--observed` input produces them, so a pull request
    /// never carries them: the gate recomputes the runner with no such input):
    /// - `owner-departed`: the people directory lists an owner as gone.
    /// - `scope-drift`: observed scopes beyond the spec.
    /// - `dormant`: unused for the dormancy period.
    /// - `stale-credential`: the platform says the credential is older than the rotation
    ///   period.
    /// - `removal-verified`: an export proves a decommissioned connector's bindings are gone.
    case ownerDeparted = "owner-departed", scopeDrift = "scope-drift", dormant
    case staleCredential = "stale-credential", removalVerified = "removal-verified"

}

/// The task kinds the engine's rules name. Workflows list their kinds as data; these are
/// the ones the runner and the transitions treat specially.
public enum TaskKindName {
    /// Upkeep reminders (see `upkeep`).
    public static let rotateCredential = "rotate-credential", notifyExpiry = "notify-expiry"
    public static let reassignOwner = "reassign-owner", reviewDormant = "review-dormant"
    /// Obligations: revoking a replaced or ended credential, and proving it gone.
    public static let revokeOldCredential = "revoke-old-credential", revokeCredential = "revoke-credential"
    public static let verifyRemoval = "verify-removal"

    /// Upkeep tasks: reminders that lose their point once the connector is decommissioned,
    /// so decommissioning closes them as superseded. Revocation obligations
    /// (`revoke-old-credential`, the offboarding tasks) are never among them.
    public static let upkeep: Set<String> = [rotateCredential, notifyExpiry, reassignOwner, reviewDormant]
}
