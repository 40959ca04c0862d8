/// A failure of the file system or the lock. Nothing was changed when this is thrown.
public struct StoreError: StewardFailure, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Another writer holds `State/.lock`.
        case busy
        /// A system call failed (disk full, read-only, permissions, I/O error).
        case io
    }
    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var exitStatus: ExitStatus { kind == .busy ? .busy : .violation }
    public var description: String { message }
}
