import Foundation
import Testing
@testable import DealersCore

/// The folder a child copy of the test binary commits into (set only for that child).
private let childDirectoryVariable = "DEALERS_STORE_TEST_CHILD_DIR"
private let childDirectory = ProcessInfo.processInfo.environment[childDirectoryVariable]
private let testBinary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()

/// `DEALERS_CRASH_AT` ends a real process with status 137 at the named point; a later open completes
/// (or discards) the transaction. The child is this test binary, re-run on ``StoreCrashChild``.
@Suite("Store crash exit", .serialized)
struct StoreCrashExitTests {
    @Test("DEALERS_CRASH_AT kills the process at the point; the next open recovers",
          .enabled(if: childDirectory == nil && FileManager.default.fileExists(atPath: testBinary.path)),
          arguments: [CrashPoint.afterPending, .afterCommit, .midApply, .afterApply])
    func crashExit(point: CrashPoint) throws {
        let box = try StoreSandbox()
        defer { box.cleanUp() }
        try runChild(in: box, crashAt: point)
        let store = try box.open()
        let expected = point == .afterPending ? nil : data("new")
        #expect(try store.read(key("k/1.json")) == expected)
        #expect(try store.read(key("k/2.json")) == expected)
        #expect(box.journalNames().isEmpty)
    }

    @Test("a crash during recovery is recovered by the next open",
          .enabled(if: childDirectory == nil && FileManager.default.fileExists(atPath: testBinary.path)))
    func crashDuringRecovery() throws {
        let box = try StoreSandbox()
        defer { box.cleanUp() }
        try runChild(in: box, crashAt: .afterCommit)
        try runChild(in: box, crashAt: .midRecovery)
        #expect(box.journalNames().count == 1)
        #expect(box.contents("k/1.json") == "new")
        #expect(box.contents("k/2.json") == nil)
        let store = try box.open()
        #expect(try store.read(key("k/2.json")) == data("new"))
        #expect(box.journalNames().isEmpty)
    }

    /// Runs ``StoreCrashChild`` in a new process with `DEALERS_CRASH_AT=point`; expects status 137.
    private func runChild(in box: StoreSandbox, crashAt point: CrashPoint) throws {
        let child = Process()
        child.executableURL = testBinary
        child.arguments = ["--testing-library", "swift-testing", "--filter", "StoreCrashChild"]
        var environment = ProcessInfo.processInfo.environment
        environment[childDirectoryVariable] = box.store.path
        environment[CrashPoint.environmentVariable] = point.rawValue
        child.environment = environment
        child.standardOutput = FileHandle.nullDevice
        child.standardError = FileHandle.nullDevice
        try child.run()
        child.waitUntilExit()
        #expect(child.terminationReason == .exit)
        #expect(child.terminationStatus == 137)
    }
}

/// Runs only inside the child process started above.
@Suite("StoreCrashChild")
struct StoreCrashChild {
    @Test("child: commit one transaction", .enabled(if: childDirectory != nil))
    func commitInChild() throws {
        let directory = try #require(childDirectory)
        let store = try DocumentStore(directory: URL(fileURLWithPath: directory), logger: testLogger)
        let tx = store.beginTransaction()
        try tx.write(try key("k/1.json"), data("new"))
        try tx.write(try key("k/2.json"), data("new"))
        try tx.commit()
    }
}
