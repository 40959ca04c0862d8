import Foundation

/// Work started on another thread now and collected later. The gate uses it to run the
/// one git process whose cost grows with the estate (the walk of the range, which reads
/// both `State/` trees) while it does the rest of its set-up, which waits on other git
/// processes rather than on the CPU.
public final class Background<Value: Sendable>: @unchecked Sendable {
    private let group = DispatchGroup()
    // Written once by the worker before `leave`; read only after `wait`.
    private var result: Result<Value, any Error>?

    /// Starts `work` at once on a thread of its own (not a global dispatch queue, whose few
    /// threads the work's blocking reads would take from other work).
    public init(_ work: @escaping @Sendable () throws -> Value) {
        group.enter()
        Thread.detachNewThread { [self] in
            do { result = .success(try work()) } catch { result = .failure(error) }
            group.leave()
        }
    }

    /// Waits for the work to finish; its value, or the error it threw.
    public func value() throws -> Value {
        group.wait()
        return try result!.get()
    }
}
