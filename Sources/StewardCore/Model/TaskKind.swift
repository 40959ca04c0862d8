/// The kind of a task: a word a workflow lists under `taskKinds` (`rotate-credential`,
/// `revoke-credential`, …). A workflow may add kinds of its own, so this is an open set of
/// names, not an enum; the kinds the engine's rules treat specially are its static members.
public struct TaskKind: NameType {
    /// The word, as files and tickets spell it.
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Upkeep reminders (see `upkeep`).
    public static let rotateCredential: TaskKind = "rotate-credential", notifyExpiry: TaskKind = "notify-expiry"
    public static let reassignOwner: TaskKind = "reassign-owner", reviewDormant: TaskKind = "review-dormant"
    /// Obligations: revoking a replaced or ended credential, and proving it gone.
    public static let revokeOldCredential: TaskKind = "revoke-old-credential", revokeCredential: TaskKind = "revoke-credential"
    public static let verifyRemoval: TaskKind = "verify-removal"

    /// Upkeep tasks: reminders that lose their point once the connector is decommissioned,
    /// so decommissioning closes them as superseded. Revocation obligations
    /// (`revoke-old-credential`, the offboarding tasks) are never among them.
    public static let upkeep: Set<TaskKind> = [rotateCredential, notifyExpiry, reassignOwner, reviewDormant]
}
