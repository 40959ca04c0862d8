import XCTest
@testable import StewardCore

/// One walk of a history gives, before every event, the state that applying the events
/// before it one by one from the start gives (its reference form), on every connector of
/// the shipped example estate. The gate takes the state before each appended event from it.
final class HistoryWalkStatesTests: XCTestCase {
    private var root: GovernanceRoot { Fixture.exampleRoot }

    /// The reference: the events before `e` applied in order from an empty state.
    private func reference(before e: Event, _ c: FileChange) -> LifecycleState? {
        var s = LifecycleState(connector: c.head.id)
        for p in c.head.history.prefix(e.seq - 1) {
            guard let kind = EventKind(rawValue: p.event),
                  let step = try? Transition.apply(s, event: kind, actor: p.actor, at: p.at, data: p.data,
                                                   workflow: c.workflow, roles: nil, file: c.file) else { return nil }
            s = step.next
            s.head = p.hash
        }
        return s
    }

    private func changes() throws -> [FileChange] {
        let store = StateStore(root: root)
        let workflows = try WorkflowSet.load(root)
        let ids = try store.listing().ids
        XCTAssertGreaterThan(ids.count, 5)
        return try ids.map { id in
            let doc = try store.load(id)
            let file = StateStore.shown(id)
            return FileChange(file: file, base: nil, head: doc, versions: [],
                              workflow: try workflows.workflow(named: doc.workflow, for: file),
                              roles: Roles(approvers: [], logins: [:]), approvingLogins: [],
                              mergeBaseTime: Timestamp(seconds: 0))
        }
    }

    func testForwardStatesEqualTheReplayFromTheStart() throws {
        var events = 0
        for c in try changes() {
            let walk = HistoryWalk.walk(c.head, workflow: c.workflow)
            XCTAssertNil(walk.problem, c.file)
            for e in c.head.history {
                let got = e.seq == 1 ? LifecycleState(connector: c.head.id) : walk.before(e.seq - 1)
                let want = reference(before: e, c)
                XCTAssertNotNil(want, "\(c.file) event \(e.seq)")
                XCTAssertEqual(got, want, "\(c.file) event \(e.seq)")
                events += 1
            }
        }
        XCTAssertGreaterThan(events, 20)
    }

    func testAHistoryThatStopsReplayingGivesNoStateAfterTheBreak() throws {
        var c = try XCTUnwrap(changes().first { $0.head.history.count >= 3 })
        c.head.history[1].event = "no-such-event"
        let walk = HistoryWalk.walk(c.head, workflow: c.workflow)
        XCTAssertNotNil(walk.before(1), "the events before the break still replay")
        XCTAssertNil(walk.before(2))
        XCTAssertNotNil(walk.problem)
        XCTAssertNil(reference(before: c.head.history[2], c))
    }
}
