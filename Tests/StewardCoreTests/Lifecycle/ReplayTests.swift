import XCTest
@testable import StewardCore

/// Replay is how tampering is caught: history is the truth, the projection must match it,
/// and every event must be a legal, guarded transition of the workflow.
final class ReplayTests: XCTestCase {
    typealias F = Fixture

    /// request, approve, activate, rotate, confirm-rotation, recertify: six events.
    private func sample() throws -> ConnectorDocument {
        var b = try ConnectorBuilder.active()
        try b.perform(.rotate(credentialId: "key-2"), by: F.lee, at: F.t0.plus(days: 10), note: "scheduled rotation")
        try b.perform(.confirmRotation(evidence: "old key deleted"), by: F.lee, at: F.t0.plus(days: 11))
        try b.perform(.recertify, by: F.bob, at: F.t0.plus(days: 12))
        return b.document
    }

    private func problem(_ doc: ConnectorDocument, workflow: Workflow = F.standard, roles: Roles? = nil,
                         file: StaticString = #filePath, line: UInt = #line) -> ReplayProblem? {
        switch Replay.run(doc, workflow: workflow, file: "State/\(doc.id).json", options: .init(roles: roles)) {
        case .success: XCTFail("replay accepted a tampered document", file: file, line: line); return nil
        case .failure(let p): return p
        }
    }

    func testAnUntouchedDocumentReplaysToItsProjection() throws {
        let doc = try sample()
        let s = try Replay.run(doc, workflow: F.standard, file: "State/crm-sync.json", options: .init(roles: F.roles)).get()
        XCTAssertEqual(s.state, doc.state)
        XCTAssertEqual(s.spec, doc.spec)
        XCTAssertEqual(s.due, doc.due)
        XCTAssertEqual(s.tasks, doc.tasks)
        XCTAssertEqual(s.head, doc.headHash)
        XCTAssertEqual(s.seq, 6)
        // And it survives the trip through the on-disk bytes.
        let back = try DocumentDecoding.document(StrictJSON.parse(DocumentEncoding.bytes(doc)), file: "State/crm-sync.json")
        XCTAssertEqual(back, doc)
        XCTAssertNoThrow(try Replay.run(back, workflow: F.standard, file: "x").get())
    }

    func testAnEditedOldEventBreaksItsHash() throws {
        var doc = try sample()
        doc.history[0].data["spec"] = DocumentEncoding.spec(F.spec(scopes: ["*"]))
        let p = problem(doc)
        XCTAssertEqual(p?.rule, "hash-chain")
        XCTAssertEqual(p?.location, "history[0]")
    }

    func testAnEditedNoteBreaksItsHash() throws {
        var doc = try sample()
        doc.history[3].note = "unscheduled rotation"
        let p = problem(doc)
        XCTAssertEqual(p?.rule, "hash-chain")
        XCTAssertEqual(p?.location, "history[3]")
        XCTAssertTrue(p?.message.contains("edited") ?? false)
    }

    func testAnEditedEventWithItsOwnHashRecomputedBreaksTheNextPrev() throws {
        var doc = try sample()
        doc.history[3].actor = "someone-else@x.example"
        doc.history[3].hash = DocumentEncoding.hash(of: doc.history[3])
        let p = problem(doc)
        XCTAssertEqual(p?.rule, "hash-chain")
        XCTAssertEqual(p?.location, "history[4]", "the next event's prev no longer matches")
    }

    func testReorderedEventsAreCaught() throws {
        var doc = try sample()
        doc.history.swapAt(4, 5)
        let p = problem(doc)
        XCTAssertEqual(p?.rule, "sequence")
        XCTAssertEqual(p?.location, "history[4]")
    }

    func testARemovedEventIsCaught() throws {
        var doc = try sample()
        doc.history.remove(at: 3)
        doc.version = 5
        let p = problem(doc)
        XCTAssertEqual(p?.rule, "sequence")
        XCTAssertEqual(p?.location, "history[3]")
    }

    func testASeqGapIsCaughtEvenWhenRechained() throws {
        var doc = try sample()
        doc.history[5].seq = 7
        doc.history = F.rechained(doc.history)
        let p = problem(doc)
        XCTAssertEqual(p?.rule, "sequence")
        XCTAssertEqual(p?.location, "history[5]")
    }

    func testAVersionMismatchIsCaught() throws {
        var doc = try sample()
        doc.version = 7
        let p = problem(doc)
        XCTAssertEqual(p?.rule, "version")
        XCTAssertEqual(p?.location, "version")
    }

    func testEachProjectionFieldEditedWithoutAnEventIsCaught() throws {
        let doc = try sample()
        var state = doc
        state.state = "review-due"
        var spec = doc
        spec.spec.scopes.append("write:Account")
        var due = doc
        due.due.review = F.t0.plus(days: 900)
        var tasks = doc
        tasks.tasks[0].status = .open
        var dropped = doc
        dropped.tasks.removeAll()
        for (field, d) in [("state", state), ("spec", spec), ("due", due), ("tasks", tasks), ("tasks", dropped)] {
            let p = problem(d)
            XCTAssertEqual(p?.rule, "projection", field)
            XCTAssertEqual(p?.location, field)
            XCTAssertTrue(p?.message.contains("amend") ?? false, "the message says how to change it properly")
        }
    }

    func testAnEventWhoseToDisagreesWithTheWorkflowIsCaught() throws {
        var doc = try sample()
        doc.history[3].to = "active"   // rotate goes to rotated
        doc.history = F.rechained(doc.history)
        let p = problem(doc)
        XCTAssertEqual(p?.rule, "illegal-transition")
        XCTAssertEqual(p?.location, "history[3].to")
    }

    func testAnEventWhoseFromDisagreesIsCaught() throws {
        var doc = try sample()
        doc.history[2].from = "requested"
        doc.history = F.rechained(doc.history)
        let p = problem(doc)
        XCTAssertEqual(p?.rule, "illegal-transition")
        XCTAssertEqual(p?.location, "history[2].from")
    }

    func testAnInventedEventIsCaught() throws {
        var doc = try sample()
        doc.history[5].event = "bless"
        doc.history = F.rechained(doc.history)
        XCTAssertEqual(problem(doc)?.rule, "unknown-event")
    }

    func testASelfApprovalWithACorrectChainIsCaughtByTheGuard() throws {
        var b = ConnectorBuilder()
        try b.perform(.request(F.spec()), by: F.alice, at: F.t0)
        var doc = b.document
        // Forged: alice approves her own request. The chain is correct; the projection is
        // what an approval would give; only the rule is broken.
        let forged = Event(seq: 2, event: "approve", from: "requested", to: "approved", actor: F.alice,
                           at: F.t0.plus(hours: 1), note: "", data: [:], prev: doc.headHash)
        doc.history = F.rechained(doc.history + [forged])
        doc.version = 2
        doc.state = "approved"
        doc.due.approval = F.t0.plus(days: 14, hours: 1)
        let p = problem(doc, roles: F.roles)
        XCTAssertEqual(p?.rule, "separation-of-duties")
        XCTAssertEqual(p?.location, "history[1]")
        XCTAssertTrue(p?.message.contains(F.alice) ?? false)
        // Without roles (old history) the separation of duties still holds.
        XCTAssertEqual(problem(doc, roles: nil)?.rule, "separation-of-duties")
    }

    func testARunnerEventForgedByAHumanIsCaught() throws {
        var doc = try ConnectorBuilder.active().document
        let forged = Event(seq: 4, event: "review-due", from: "active", to: "review-due", actor: F.lee,
                           at: F.t0.plus(days: 1), note: "", data: ["reason": .string("bored")], prev: doc.headHash)
        doc.history = F.rechained(doc.history + [forged])
        doc.version = 4
        doc.state = "review-due"
        let p = problem(doc)
        XCTAssertEqual(p?.rule, "runner-only")
        XCTAssertEqual(p?.location, "history[3]")
    }

    func testAnEmptyHistoryIsRefused() throws {
        var doc = try sample()
        doc.history = []
        doc.version = 0
        XCTAssertEqual(problem(doc)?.rule, "history")
    }

    func testHashVerificationCanBeSkippedButTheChainIsNot() throws {
        var doc = try sample()
        doc.history[3].note = "edited"
        let fast = Replay.Options(verifyHashes: false)
        XCTAssertNoThrow(try Replay.run(doc, workflow: F.standard, file: "x", options: fast).get(),
                         "without hash verification a note edit that keeps prev is not seen")
        doc.history[3].prev = String(repeating: "1", count: 64)
        guard case .failure(let p) = Replay.run(doc, workflow: F.standard, file: "x", options: fast) else {
            return XCTFail("a broken prev link must be caught even without hashing")
        }
        XCTAssertEqual(p.rule, "hash-chain")
    }
}
