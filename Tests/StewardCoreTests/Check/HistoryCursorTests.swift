import XCTest
@testable import StewardCore

/// The gate's forward-only replay gives, before every event, the state that applying the
/// events before it one by one from the start gives (its reference form), on every
/// connector of the shipped example estate.
final class HistoryCursorTests: XCTestCase {
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
            var cursor = HistoryCursor(c)
            for e in c.head.history {
                let got = cursor.state(before: e), want = reference(before: e, c)
                XCTAssertNotNil(want, "\(c.file) event \(e.seq)")
                XCTAssertEqual(got, want, "\(c.file) event \(e.seq)")
                events += 1
            }
        }
        XCTAssertGreaterThan(events, 20)
    }

    func testAskingForAnEarlierEventStartsAgain() throws {
        let c = try XCTUnwrap(changes().first { $0.head.history.count >= 3 })
        var cursor = HistoryCursor(c)
        let last = c.head.history.last!, second = c.head.history[1]
        XCTAssertEqual(cursor.state(before: last), reference(before: last, c))
        XCTAssertEqual(cursor.state(before: second), reference(before: second, c))
        XCTAssertEqual(cursor.state(before: second)?.seq, 1)
    }

    func testAHistoryThatStopsReplayingGivesNoStateAfterTheBreak() throws {
        var c = try XCTUnwrap(changes().first { $0.head.history.count >= 3 })
        c.head.history[1].event = "no-such-event"
        var cursor = HistoryCursor(c)
        XCTAssertNotNil(cursor.state(before: c.head.history[1]), "the events before the break still replay")
        XCTAssertNil(cursor.state(before: c.head.history[2]))
        XCTAssertNil(reference(before: c.head.history[2], c))
    }
}
