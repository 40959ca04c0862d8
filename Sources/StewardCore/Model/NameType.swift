/// A word from an open vocabulary (rule ids, task kinds): a type of its own, so one kind of
/// name cannot be passed where another is meant, yet written as a string literal where a
/// name is spelt out. What every such name does lives here; a conforming type only holds
/// its `rawValue`.
public protocol NameType: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible,
                          ExpressibleByStringLiteral where RawValue == String, StringLiteralType == String {
    init(rawValue: String)
}

extension NameType {
    public init(stringLiteral word: String) { self.init(rawValue: word) }
    public var description: String { rawValue }
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}
