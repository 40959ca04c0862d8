import XCTest
@testable import StewardApp

/// The estate questions `list` and `tasks` ask, over the shipped example estate.
final class EstateQueriesTests: XCTestCase {
    private var root: GovernanceRoot { Fixture.exampleRoot }

    func testTasksComeDueSoonestFirstAndAllAddsTheClosedOnes() throws {
        let open = try EstateQueries.tasks(root, all: false)
        XCTAssertEqual(open.errors.count, 0)
        XCTAssertFalse(open.rows.isEmpty)
        XCTAssertTrue(open.rows.allSatisfy { $0.task.status == .open })
        let dues = open.rows.map { $0.task.dueAt?.seconds ?? .max }
        XCTAssertEqual(dues, dues.sorted(), "soonest first, undated last")
        let all = try EstateQueries.tasks(root, all: true)
        XCTAssertGreaterThan(all.rows.count, open.rows.count, "the example estate has closed tasks too")
        XCTAssertTrue(all.rows.allSatisfy { TaskID.connector(of: $0.task.id) == $0.connector.rawValue })
    }

    func testAStateNoWorkflowHasIsRefusedWithTheStatesThatExist() throws {
        XCTAssertThrowsError(try EstateQueries.list(root, filter: ConnectorFilter(state: "actve", system: nil, owner: nil)) { _ in }) { e in
            let unknown = e as? EstateQueries.UnknownState
            XCTAssertEqual(unknown?.state, "actve")
            XCTAssertTrue(unknown?.known.contains("active") ?? false)
        }
    }

    func testListHandsOverOnlyMatchesAndSeesEverySystem() throws {
        var ids: [ConnectorID] = []
        let seen = try EstateQueries.list(root, filter: ConnectorFilter(state: nil, system: "no-such-system", owner: nil)) { ids.append($0.id) }
        XCTAssertEqual(ids, [])
        XCTAssertGreaterThan(seen.systems.count, 2, "every system is seen, so a typo can be told apart")
        var every: [ConnectorID] = []
        _ = try EstateQueries.list(root, filter: ConnectorFilter(state: nil, system: nil, owner: nil)) { every.append($0.id) }
        XCTAssertEqual(every, every.sorted(), "in id order")
        XCTAssertEqual(every.count, try StateStore(root: root).listing().ids.count)
    }

    func testATaskIsOverdueOnlyWhenOpenAndPastItsDueDate() {
        let due = Timestamp(seconds: 1_000_000)
        var t = ConnectorTask(id: "x#1-rotate-credential", kind: .rotateCredential, openedAt: Timestamp(seconds: 0), dueAt: due)
        XCTAssertFalse(t.isOverdue(at: due), "due at that second is not yet overdue")
        XCTAssertTrue(t.isOverdue(at: Timestamp(seconds: due.seconds + 1)))
        t.status = .done
        XCTAssertFalse(t.isOverdue(at: Timestamp(seconds: due.seconds + 1)))
        t.status = .open
        t.dueAt = nil
        XCTAssertFalse(t.isOverdue(at: Timestamp(seconds: .max / 2)), "an undated task is never overdue")
    }
}
