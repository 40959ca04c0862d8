/// A parsed JSON value, as produced by `StrictJSON` and consumed by the document model.
///
/// Numbers keep their distinction: a plain integer literal that fits in `Int64` is `.int`;
/// every other number (fraction, exponent, too large) is `.number` with its literal text,
/// so the model can refuse it where an integer is expected without silent rounding.
/// Objects are dictionaries: duplicate keys are refused by the parser, and every writer
/// emits keys sorted, so source order carries no meaning.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])
}

extension JSONValue {
    /// The string payload, or nil when this is not a string.
    public var stringValue: String? { if case .string(let s) = self { return s } else { return nil } }
    /// The integer payload, or nil when this is not a plain integer.
    public var intValue: Int64? { if case .int(let i) = self { return i } else { return nil } }
    /// The object payload, or nil when this is not an object.
    public var objectValue: [String: JSONValue]? { if case .object(let o) = self { return o } else { return nil } }
    /// The array payload, or nil when this is not an array.
    public var arrayValue: [JSONValue]? { if case .array(let a) = self { return a } else { return nil } }
    /// True for `.null`.
    public var isNull: Bool { if case .null = self { return true } else { return false } }

    /// A short name of the value's JSON type, for error messages ("a string", "an object").
    public var typeDescription: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .int: return "an integer"
        case .number: return "a non-integer number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}
