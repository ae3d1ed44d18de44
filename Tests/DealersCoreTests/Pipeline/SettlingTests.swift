import DealersTestSupport
import Foundation
import Testing
@testable import DealersCore

/// The stability window of `run` and `watch` on a clock the test moves: a file is taken once it
/// has stayed unchanged for `stabilitySeconds`, and nobody sleeps to find out.
@Suite("Files settling, on a clock the test moves")
struct SettlingTests {
    /// `RuleMixFiles.collectives` line by line, each with its line end: the pieces of a slow copy.
    static let pieces = RuleMixFiles.collectives.components(separatedBy: "\r\n").dropLast().map { $0 + "\r\n" }

    @Test("a run waits on its clock for a file written moments ago until the window has passed, then takes it")
    func runWaitsForAFileStillSettling() throws {
        let box = try InboxSandbox(settings: #"{"stabilitySeconds": 2}"#)
        defer { box.remove() }
        try box.append(RuleMixFiles.collectives, to: "colectivos.csv", age: 0.5)
        let found = try Runner(context: box.context()).settledScan()
        #expect(found.ready.map(\.url.lastPathComponent) == ["colectivos.csv"])
        #expect(found.unstable.isEmpty)
        // One pause, until the file had been unchanged for 2 s (1.5 s left, and 10 ms to be sure).
        #expect(box.clock.sleeps.count == 1)
        #expect(abs((box.clock.sleeps.first ?? 0) - 1.51) < 0.001, "\(box.clock.sleeps)")
    }

    @Test("a run leaves a file still being written when the window ends, having waited no longer than the window")
    func runLeavesAFileThatKeepsChanging() throws {
        let box = try InboxSandbox(settings: #"{"stabilitySeconds": 2}"#)
        defer { box.remove() }
        let start = box.clock.now
        try box.append(Self.pieces[0], to: "colectivos.csv")
        // The copy goes on while the run waits.
        box.clock.onSleep { _ in _ = try? box.append(Self.pieces[1], to: "colectivos.csv") }
        let found = try Runner(context: box.context()).settledScan()
        #expect(found.ready.isEmpty)
        #expect(found.unstable == ["colectivos.csv"])
        let waited = box.clock.seconds(since: start)
        #expect(waited >= 2 && waited < 2.1, "waited \(waited) s")
    }

    @Test("the watcher takes a file copied in pieces once, whole, when it has stayed unchanged for stabilitySeconds")
    func watcherWaitsForTheLastPiece() throws {
        let box = try InboxSandbox(settings: #"{"stabilitySeconds": 1}"#)
        defer { box.remove() }
        let asOf = try box.context().asOf
        let watcher = try Watcher(workspace: box.workspace, mode: .polling, asOf: { asOf }, logger: testLogger, clock: box.clock)
        #expect(Self.pieces.count == 4)
        for piece in Self.pieces {
            try box.append(piece, to: "colectivos.csv")
            let next = try #require(try watcher.pass(), "the watcher should look again once the file may have settled")
            #expect(abs(next.timeIntervalSince(box.clock.now) - 1) < 0.001)
            #expect(box.receipts.isEmpty, "processed while still being written")
            box.clock.advance(by: 0.3)
        }
        // 0.3 s after the last piece: not yet.
        let settled = try #require(try watcher.pass())
        #expect(box.receipts.isEmpty)
        box.clock.advance(by: settled.timeIntervalSince(box.clock.now))
        #expect(try watcher.pass() == nil)
        #expect(box.receipts == ["colectivos.csv.json"])
        let receipt = try JSONDecoder().decode(Receipt.self, from: Data(contentsOf: box.url("outbox/receipts/colectivos.csv.json")))
        #expect(receipt.status == .applied && receipt.rows.applied == 3)
        #expect(!box.exists("inbox/colectivos.csv"))
        #expect(box.clock.sleeps.isEmpty)
    }
}
