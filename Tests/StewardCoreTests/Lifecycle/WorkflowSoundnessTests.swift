import Foundation
import XCTest
@testable import StewardCore

/// Workflows are data, so a broken one must be refused when it is loaded, with a DataError
/// that names the file and the field.
final class WorkflowSoundnessTests: XCTestCase {
    typealias F = Fixture

    /// Index of the `rotate` transition (active, review-due → rotated) in the shipped file.
    private lazy var rotate: String = {
        guard case .array(let ts)? = F.workflowJSON("standard").objectValue?["transitions"],
              let i = ts.firstIndex(where: { $0.objectValue?["event"] == .string("rotate") }) else { fatalError("no rotate") }
        return String(i)
    }()

    private func refused(_ value: JSONValue, file: StaticString = #filePath, line: UInt = #line) -> DataError? {
        let e = expectDataError(file: file, line: line) { _ = try F.decode(value) }
        XCTAssertEqual(e?.file, "Workflows/standard.json", file: file, line: line)
        XCTAssertTrue(e?.description.hasPrefix("Workflows/standard.json: ") ?? false, file: file, line: line)
        return e
    }

    private func appending(_ key: String, _ items: [JSONValue], to v: JSONValue) -> JSONValue {
        guard case .array(let a)? = v.objectValue?[key] else { fatalError("no array \(key)") }
        return F.edit(v, path: [key], value: .array(a + items))
    }

    private func transition(_ event: String, from: [String], to: String?, guards: [String] = []) -> JSONValue {
        .object(["event": .string(event), "from": .array(from.map(JSONValue.string)), "to": to.map(JSONValue.string) ?? .null,
                 "guards": .array(guards.map(JSONValue.string))])
    }

    func testTheShippedWorkflowsLoad() throws {
        XCTAssertEqual(F.standard.name, "standard")
        XCTAssertEqual(F.standard.states, ["requested", "approved", "active", "review-due", "rotated", "decommissioned"])
        XCTAssertEqual(F.standard.initial, "requested")
        XCTAssertEqual(F.standard.terminal, "decommissioned")
        XCTAssertEqual(F.standard.timers.review, [.high: .days(30), .medium: .days(90), .low: .days(180)])
        XCTAssertEqual(F.standard.timers.requestExpiry, .days(30))
        XCTAssertEqual(F.standard.timers.approvalLapse, .days(14))
        XCTAssertEqual(F.standard.timers.reviewGrace, .days(14))
        XCTAssertEqual(F.standard.timers.rotation, .days(90))
        XCTAssertEqual(F.standard.timers.expiryNotice, .days(7))
        XCTAssertEqual(F.standard.offboarding, ["revoke-credential", "delete-secret", "verify-removal", "notify-owners"])
        XCTAssertEqual(F.standard.offboardingWithoutCredential, ["notify-owners"])
        XCTAssertEqual(F.temporary.name, "temporary")
        XCTAssertEqual(F.temporary.timers.maxWindow, .days(90))
        XCTAssertTrue(F.temporary.transitions(of: .request, from: nil).allSatisfy { $0.guards.contains(.untilRequired) })
        let roles = try WorkflowDecoding.roles(F.workflowJSON("roles"), file: "Workflows/roles.json")
        XCTAssertFalse(roles.approvers.isEmpty)
    }

    func testUnknownStateInATransition() {
        let to = refused(F.standardJSON(setting: ["transitions", rotate, "to"], to: .string("limbo")))
        XCTAssertEqual(to?.location, "transitions[\(rotate)].to")
        XCTAssertTrue(to?.message.contains("unknown state 'limbo'") ?? false)
        let from = refused(F.standardJSON(setting: ["transitions", rotate, "from"], to: .array([.string("active"), .string("limbo")])))
        XCTAssertEqual(from?.location, "transitions[\(rotate)].from[1]")
    }

    func testUnknownGuard() {
        let e = refused(F.standardJSON(setting: ["transitions", rotate, "guards"], to: .array([.string("human-only"), .string("be-nice")])))
        XCTAssertEqual(e?.location, "transitions[\(rotate)].guards[1]")
        XCTAssertTrue(e?.message.contains("unknown guard 'be-nice'") ?? false)
        XCTAssertTrue(e?.message.contains("not-requester") ?? false, "lists the known guards")
    }

    func testUnknownEvent() {
        let e = refused(F.standardJSON(setting: ["transitions", rotate, "event"], to: .string("teleport")))
        XCTAssertEqual(e?.location, "transitions[\(rotate)].event")
        XCTAssertTrue(e?.message.contains("unknown event 'teleport'") ?? false)
    }

    func testAStateUnreachableFromInitial() {
        var v = appending("states", [.string("orphan")], to: F.workflowJSON("standard"))
        v = appending("transitions", [transition("decommission", from: ["orphan"], to: "decommissioned", guards: ["reason-required"])], to: v)
        let e = refused(v)
        XCTAssertEqual(e?.location, "states")
        XCTAssertTrue(e?.message.contains("'orphan' cannot be reached from 'requested'") ?? false, e?.message ?? "")
    }

    func testAStateFromWhichTheTerminalCannotBeReached() {
        var v = appending("states", [.string("limbo")], to: F.workflowJSON("standard"))
        v = appending("transitions", [transition("rotate", from: ["active"], to: "limbo")], to: v)
        let e = refused(v)
        XCTAssertEqual(e?.location, "states")
        XCTAssertTrue(e?.message.contains("'decommissioned' cannot be reached from state 'limbo'") ?? false, e?.message ?? "")
    }

    func testATransitionOutOfTheTerminalState() {
        let e = refused(F.standardJSON(setting: ["transitions", rotate, "from"], to: .array([.string("active"), .string("decommissioned")])))
        XCTAssertEqual(e?.location, "transitions[\(rotate)]")
        XCTAssertTrue(e?.message.contains("terminal") ?? false)
    }

    func testAnOffboardingTaskKindNotDescribed() {
        let kinds: JSONValue = .array(["revoke-credential", "shred-disk", "notify-owners"].map(JSONValue.string))
        let e = refused(F.standardJSON(setting: ["offboarding", "credentialIssued"], to: kinds))
        XCTAssertEqual(e?.location, "tasks")
        XCTAssertTrue(e?.message.contains("'shred-disk'") ?? false)
        // The kinds the engine opens itself must be described too.
        let r = refused(F.standardJSON(setting: ["tasks", "rotate-credential"], to: nil))
        XCTAssertTrue(r?.message.contains("'rotate-credential'") ?? false)
    }

    func testEmptyOffboardingIsRefused() {
        let e = refused(F.standardJSON(setting: ["offboarding", "noCredential"], to: .array([])))
        XCTAssertEqual(e?.location, "offboarding")
    }

    func testUnknownLintIdAndLevel() {
        let id = refused(F.standardJSON(setting: ["lints", "no-such-lint"], to: .string("error")))
        XCTAssertEqual(id?.location, "lints.no-such-lint")
        XCTAssertTrue(id?.message.contains("secret-in-file") ?? false, "lists the known rules")
        let level = refused(F.standardJSON(setting: ["lints", "overprivileged"], to: .string("loud")))
        XCTAssertEqual(level?.location, "lints.overprivileged")
    }

    func testBadDurationText() {
        for text in ["30 days", "30", "d", "0d", "-5d", "1w", "1.5d"] {
            let e = refused(F.standardJSON(setting: ["timers", "review", "high"], to: .string(text)))
            XCTAssertEqual(e?.location, "timers.review.high", text)
            XCTAssertTrue(e?.message.contains("duration") ?? false, text)
        }
        let task = refused(F.standardJSON(setting: ["tasks", "delete-secret", "due"], to: .string("soon")))
        XCTAssertEqual(task?.location, "tasks.delete-secret.due")
        let missing = refused(F.standardJSON(setting: ["timers", "review", "low"], to: nil))
        XCTAssertEqual(missing?.location, "timers.review.low")
    }

    func testDurationsAreReadFromTheWorkflow() throws {
        let wf = try F.decode(F.standardJSON(setting: ["timers", "review", "medium"], to: .string("36h")))
        XCTAssertEqual(wf.timers.review[.medium], Duration(seconds: 36 * 3600))
        XCTAssertEqual(Duration(text: "45m")?.seconds, 2700)
        XCTAssertEqual(Duration(text: "10s")?.seconds, 10)
        XCTAssertEqual(Duration.days(2).description, "2d")
    }

    func testUnknownFieldsAndWrongSchemaAreRefused() {
        let extra = refused(F.standardJSON(setting: ["timers", "snooze"], to: .string("1d")))
        XCTAssertEqual(extra?.location, "timers.snooze")
        XCTAssertTrue(extra?.message.contains("unknown field") ?? false)
        XCTAssertEqual(refused(F.standardJSON(setting: ["schema"], to: .int(2)))?.location, "schema")
        XCTAssertEqual(refused(F.standardJSON(setting: ["initial"], to: .string("dreaming")))?.location, "initial")
        XCTAssertEqual(refused(F.standardJSON(setting: ["states", "1"], to: .string("requested")))?.location, "states[1]")
    }

    func testAWorkflowWithoutARequestTransitionIsRefused() {
        guard case .array(let ts)? = F.workflowJSON("standard").objectValue?["transitions"] else { return XCTFail() }
        let rest = ts.filter { $0.objectValue?["event"] != .string("request") }
        let e = refused(F.standardJSON(setting: ["transitions"], to: .array(rest)))
        XCTAssertEqual(e?.location, "transitions")
    }

    // MARK: the set on disk

    func testAWorkflowFileMustBeNamedAsItsWorkflow() throws {
        let root = F.governanceRoot(self)
        try FileManager.default.copyItem(atPath: root.workflowsPath + "/standard.json", toPath: root.workflowsPath + "/legacy.json")
        let e = expectDataError { _ = try WorkflowSet.load(root) }
        XCTAssertEqual(e?.file, "Workflows/legacy.json")
        XCTAssertEqual(e?.location, "name")
    }

    func testRolesAreRequiredAndHoldEmailAddresses() throws {
        let root = F.governanceRoot(self)
        try Data(#"{"approvers": ["alice@x.example", "bob"]}"#.utf8).write(to: URL(fileURLWithPath: root.workflowsPath + "/roles.json"))
        let bad = expectDataError { _ = try WorkflowSet.load(root) }
        XCTAssertEqual(bad?.file, "Workflows/roles.json")
        XCTAssertEqual(bad?.location, "approvers[1]")
        try FileManager.default.removeItem(atPath: root.workflowsPath + "/roles.json")
        let missing = expectDataError { _ = try WorkflowSet.load(root) }
        XCTAssertEqual(missing?.file, "Workflows/roles.json")
        XCTAssertTrue(missing?.message.contains("missing") ?? false)
    }

    func testTheShippedSetLoadsFromDisk() throws {
        let set = try WorkflowSet.load(F.governanceRoot(self))
        XCTAssertEqual(Set(set.workflows.keys), ["standard", "temporary"])
        XCTAssertEqual(set.workflows["standard"], F.standard)
        let e = expectDataError { _ = try set.workflow(named: "bespoke", for: "State/x.json") }
        XCTAssertEqual(e?.file, "State/x.json")
        XCTAssertEqual(e?.location, "workflow")
    }
}
