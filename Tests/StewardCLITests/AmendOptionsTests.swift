@testable import StewardCLI
import XCTest

/// `steward amend`'s options are derived from `steward new`'s: the same names and value
/// names, each list as an add and a remove option.
final class AmendOptionsTests: XCTestCase {
    func testTheAmendOptionsAreTheSpecFieldsAsAddRemoveAndReplace() {
        let rows = CommandTable.amendOptions.map { "\($0.name) \($0.valueName ?? "-") \($0.repeatable ? "*" : "1") \($0.help)" }
        XCTAssertEqual(rows, [
            "--add-scope X * add a scope (widening: needs a new approval)",
            "--remove-scope X * remove a scope",
            "--add-reach SYSTEM * add a reached system (widening)",
            "--remove-reach SYSTEM * remove a reached system",
            "--add-binding PLATFORM=REF * add a binding (widening)",
            "--remove-binding PLATFORM=REF * remove a binding",
            "--purpose TEXT 1 replace the purpose",
            "--kind K 1 replace the kind",
            "--environment ENV 1 replace the environment (widening)",
            "--risk low|medium|high 1 replace the risk tier (lowering it is widening; raising it is not)",
            "--secret-ref REF 1 replace the secret reference",
            "--until TIME 1 replace the end of a temporary window",
            "--business-owner EMAIL 1 replace the business owner (widening)",
            "--technical-owner EMAIL 1 replace the technical owner (widening)",
        ])
        XCTAssertFalse(CommandTable.amendOptions.contains(where: \.required), "amend requires nothing")
    }
}
