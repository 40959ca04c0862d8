import Dispatch

/// Maps over an array on every CPU, keeping the input order.
public enum ParallelMap {
    /// `transform` applied to each element, concurrently; results in input order.
    public static func map<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
        if items.count < 64 { return items.map(transform) }
        let results = UnsafeMutableBufferPointer<R>.allocate(capacity: items.count)
        defer { results.deallocate() }
        let chunks = min(items.count, 256)
        let box = UnsafeSendable(results)
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            let lo = items.count * c / chunks
            let hi = items.count * (c + 1) / chunks
            for i in lo..<hi { (box.value.baseAddress! + i).initialize(to: transform(items[i])) }
        }
        // Every slot was initialized once (the chunks cover 0..<count; `transform` cannot
        // throw, and a trap ends the process); each result is moved out, not copied, so the
        // buffer is left uninitialized for `deallocate`. A throwing `transform` would need
        // to track which slots it filled.
        return (0..<items.count).map { results.moveElement(from: $0) }
    }
}

/// Wraps a buffer that concurrent workers write at disjoint indices.
struct UnsafeSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
