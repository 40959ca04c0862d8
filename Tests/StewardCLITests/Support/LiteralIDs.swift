import StewardCore

/// In the tests a connector id may be written as its text: `id: "crm-sync"` (a literal that
/// is not an id stops the test).
extension ConnectorID: ExpressibleByStringLiteral {
    public init(stringLiteral text: String) { self = try! ConnectorID(text) }
}
