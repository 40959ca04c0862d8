/// The parser's stack of finished values whose container is still open.
///
/// A hand-managed buffer rather than `[JSONValue]`, so that closing a container can *move*
/// its members into the new array or dictionary instead of copying them (a retain and a
/// release per value). Non-copyable, so the buffer has exactly one owner, and `deinit`
/// cleans up whatever is left when parsing stops with an error.
struct JSONValueStack: ~Copyable {
    /// Storage for `capacity` values, of which the first `count` are initialized.
    private var base: UnsafeMutablePointer<JSONValue>
    /// How many values fit before the storage must grow.
    private var capacity: Int
    /// How many values are on the stack.
    private(set) var count = 0

    /// An empty stack with room for 64 values.
    init() {
        capacity = 64
        base = .allocate(capacity: capacity)
    }

    /// Destroys the values still on the stack (after an error) and frees the storage.
    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    /// Pushes a finished value.
    @inline(__always)
    mutating func push(_ value: consuming JSONValue) {
        if count == capacity { grow() }
        (base + count).initialize(to: value)
        count += 1
    }

    /// Doubles the capacity, moving the values over.
    private mutating func grow() {
        let newCapacity = capacity * 2
        let newBase = UnsafeMutablePointer<JSONValue>.allocate(capacity: newCapacity)
        newBase.moveInitialize(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    /// Moves the values from `start` to the top into a new array, popping them.
    mutating func popArray(from start: Int) -> [JSONValue] {
        let memberCount = count - start
        let source = base + start
        let array = [JSONValue](unsafeUninitializedCapacity: memberCount) { buffer, initialized in
            guard let target = buffer.baseAddress else { return }
            target.moveInitialize(from: source, count: memberCount)
            initialized = memberCount
        }
        count = start
        return array
    }

    /// Moves the values from `start` to the top into a dictionary under `keys` (parallel,
    /// from `keyStart`), popping them. On a duplicate key, pops everything from `start` and
    /// returns the index (relative to `start`) of the repeated key instead.
    mutating func popObject(from start: Int, keys: [String], keyStart: Int) -> Result<[String: JSONValue], DuplicateKey> {
        let memberCount = count - start
        var object = [String: JSONValue](minimumCapacity: memberCount)
        for index in 0..<memberCount {
            if object.updateValue((base + start + index).move(), forKey: keys[keyStart + index]) != nil {
                (base + start + index + 1).deinitialize(count: memberCount - index - 1)
                count = start
                return .failure(DuplicateKey(index: index))
            }
        }
        count = start
        return .success(object)
    }

    /// Which member of a closed object repeated an earlier key.
    struct DuplicateKey: Error {
        let index: Int
    }
}
