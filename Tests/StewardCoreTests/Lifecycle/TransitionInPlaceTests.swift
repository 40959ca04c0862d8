import XCTest
@testable import StewardCore
@testable import StewardKit

/// Replay applies events to one state in place; these compare that form with the copying
/// one and with the reference data-key table.
final class TransitionInPlaceTests: XCTestCase {
    typealias F = Fixture

    /// The data keys each event may carry, as the contract lists them (required ones marked true).
    static let dataKeys: [EventKind: [String: Bool]] = [
        .request: ["spec": true], .approve: [:], .reject: ["reason": true],
        .activate: ["credentialId": false, "secretRef": false], .rotate: ["credentialId": false],
        .confirmRotation: ["evidence": true], .recertify: [:], .amend: ["spec": true],
        .decommission: ["reason": true], .closeTask: ["task": true, "evidence": true],
        .expire: ["reason": true, "tasks": false], .lapse: ["reason": true, "tasks": false],
        .reviewDue: ["reason": true, "tasks": false], .reviewOverdue: ["reason": true, "tasks": false],
        .windowEnd: ["reason": true, "tasks": false], .openTask: ["reason": true, "tasks": true],
    ]

    func testAnUnknownTaskKindIsNamedWithTheKindsTheWorkflowHas() throws {
        let b = try ConnectorBuilder.active()
        var s = b.current
        let v = expectRefusal("event-data") {
            _ = try Transition.apply(to: &s, event: .openTask, actor: Event.runnerActor, at: F.t0.plus(days: 1),
                                     data: ["reason": .string("r"), "tasks": .array([.string("no-such-kind")])],
                                     workflow: b.workflow, roles: nil, file: "f")
        }
        XCTAssertTrue(v?.message.contains("'no-such-kind'") ?? false, v?.message ?? "")
        XCTAssertTrue(v?.message.contains("rotate-credential") ?? false, "lists the workflow's kinds: \(v?.message ?? "")")
    }

    func testDataKeyListIsTheDataKeysTableInKeyOrder() {
        for kind in EventKind.allCases {
            let list = Transition.dataKeyList(kind)
            let reference = Self.dataKeys[kind] ?? [:]
            XCTAssertEqual(list.count, reference.count, kind.rawValue)
            for (key, required) in list { XCTAssertEqual(reference[key], required, "\(kind.rawValue).\(key)") }
            XCTAssertEqual(list.map(\.key), list.map(\.key).sorted(), kind.rawValue)
        }
    }

    /// Each refused event leaves the state exactly as it was (every check runs before the first change).
    func testARefusedEventLeavesTheStateUntouched() throws {
        let b = try ConnectorBuilder.active()
        let refusals: [(EventKind, String, [String: JSONValue], RuleID)] = [
            (.approve, F.alice, [:], "illegal-transition"),                               // nothing pending
            (.closeTask, F.alice, ["task": .string("nope"), "evidence": .string("x")], "unknown-task"),
            (.decommission, F.rita, ["reason": .string("  ")], "reason-required"),
            (.openTask, Event.runnerActor, ["reason": .string("r"), "tasks": .array([.string("no-such-kind")])], "event-data"),
            (.recertify, F.lee, [:], "approver-role"),                                    // a guard
            (.rotate, F.alice, ["bogus": .string("x")], "event-data"),
        ]
        for (kind, actor, data, rule) in refusals {
            var s = b.current
            expectRefusal(rule) {
                _ = try Transition.apply(to: &s, event: kind, actor: actor, at: F.t0.plus(days: 1), data: data,
                                         workflow: b.workflow, roles: F.roles, file: "f")
            }
            XCTAssertEqual(s, b.current, "\(kind.rawValue) changed the state it refused")
        }
    }

    /// Replay (in place) reaches the state the builder reached through `Append` (the copying
    /// form), across approvals, a rotation, a widening amend and a decommission.
    func testReplayInPlaceEqualsAppendingOneByOne() throws {
        var b = try ConnectorBuilder.active(spec: F.spec(risk: .high))
        try b.perform(.rotate(credentialId: "key-2"), by: F.lee, at: F.t0.plus(days: 3))
        var widen = SpecChange()
        widen.addScopes = ["admin"]
        try b.perform(.amend(widen), by: F.rita, at: F.t0.plus(days: 4))
        try b.perform(.approve, by: F.alice, at: F.t0.plus(days: 5))
        try b.perform(.approve, by: F.bob, at: F.t0.plus(days: 5))
        try b.perform(.decommission(reason: "done"), by: F.rita, at: F.t0.plus(days: 6))
        let replayed = try Replay.run(b.document, workflow: b.workflow, file: "f").get()
        XCTAssertEqual(replayed, b.current)
        XCTAssertEqual(replayed.state, "decommissioned")
    }
}
