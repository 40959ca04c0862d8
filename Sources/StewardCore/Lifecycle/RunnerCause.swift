/// Why the runner appends an event: the typed cause behind each step of `RunPlan`.
///
/// The English `reason` an event carries is for people; code that needs to know what kind
/// of runner event it is (the gate, reports) uses this instead of reading the text.
public enum RunnerCause: String, Sendable, CaseIterable {
    /// `requested` longer than the request expiry: decommissioned.
    case requestExpired = "request-expired"
    /// `approved` and not activated within the approval lapse: back to `requested`.
    case approvalLapsed = "approval-lapsed"
    /// `due.review` passed: `active` or `rotated` goes `review-due`.
    case reviewDue = "review-due"
    /// `review-due` and the review grace ran out: decommissioned (fail closed).
    case reviewOverdue = "review-overdue"
    /// A widening still unapproved at `due.approval`: `review-due`.
    case wideningNotReapproved = "widening-not-reapproved"
    /// A widening still unapproved the grace after `due.approval`: decommissioned.
    case wideningNeverApproved = "widening-never-approved"
    /// A temporary connector's `spec.until` passed: decommissioned.
    case temporaryWindowEnded = "temporary-window-ended"
    /// The people directory lists an owner as gone (input-driven).
    case ownerDeparted = "owner-departed"
    /// Observed scopes beyond the spec (input-driven).
    case scopeDrift = "scope-drift"
    /// Unused for the dormancy period (input-driven).
    case dormant
    /// `due.rotation` passed: task `rotate-credential`.
    case rotationDue = "rotation-due"
    /// The platform says the credential is older than the rotation period (input-driven).
    case staleCredential = "stale-credential"
    /// The temporary window ends within the notice period: task `notify-expiry`.
    case expiryNotice = "expiry-notice"
    /// An export proves a decommissioned connector's bindings are gone (input-driven).
    case removalVerified = "removal-verified"
}

/// The task kinds the engine's rules name. Workflows list their kinds as data; these are
/// the ones the runner and the transitions treat specially.
public enum TaskKindName {
    public static let rotateCredential = "rotate-credential"
    public static let revokeOldCredential = "revoke-old-credential"
    public static let notifyExpiry = "notify-expiry"
    public static let reassignOwner = "reassign-owner"
    public static let reviewDormant = "review-dormant"
    public static let verifyRemoval = "verify-removal"
    public static let revokeCredential = "revoke-credential"

    /// Upkeep tasks: reminders that lose their point once the connector is decommissioned,
    /// so decommissioning closes them as superseded. Revocation obligations
    /// (`revoke-old-credential`, the offboarding tasks) are never among them.
    public static let upkeep: Set<String> = [rotateCredential, notifyExpiry, reassignOwner, reviewDormant]
}
