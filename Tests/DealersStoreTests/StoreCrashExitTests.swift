import DealersTestSupport
import Foundation
import Testing
@testable import DealersCore
@testable import DealersStore

/// The folder a child copy of the test binary commits into (set only for that child).
private let childDirectoryVariable = "DEALERS_STORE_TEST_CHILD_DIR"
private let childDirectory = ProcessInfo.processInfo.environment[childDirectoryVariable]
private let testBinary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()

/// `DEALERS_CRASH_AT` ends a real process with status 137 at the named point; a later open sees the
/// store before or after the transaction, never between. The child is this test binary, re-run on ``StoreCrashChild``.
@Suite("Store crash exit", .serialized)
struct StoreCrashExitTests {
    @Test("DEALERS_CRASH_AT kills the process at the point; the next open recovers",
          .enabled(if: childDirectory == nil && FileManager.default.fileExists(atPath: testBinary.path)),
          arguments: [CrashPoint.afterSegment, .afterCommit, .midCompaction, .afterCompaction])
    func crashExit(point: CrashPoint) throws {
        let box = try StoreSandbox()
        defer { box.cleanUp() }
        try runChild(in: box, crashAt: nil)
        try runChild(in: box, crashAt: point)
        let store = try box.open()
        let expected = point == .afterSegment ? nil : data("\"new\"")
        #expect(try store.read(key("k/1.json")) == data("\"first\""))
        #expect(try store.read(key("k/2.json")) == expected)
        #expect(try store.read(key("k/3.json")) == expected)
        #expect(box.journalNames().isEmpty)
        // Files of an unlisted segment, or of merged ones, are gone; a merge interrupted before
        // its manifest leaves the two segments it was merging.
        let segments = point == .afterCommit || point == .midCompaction ? 2 : 1
        #expect(box.segmentFiles().count == 2 * segments, "\(box.segmentFiles())")
    }

    /// Runs ``StoreCrashChild`` in a new process: without a point it commits the first
    /// transaction; with `DEALERS_CRASH_AT=point` the second, and expects status 137.
    private func runChild(in box: StoreSandbox, crashAt point: CrashPoint?) throws {
        let child = Process()
        child.executableURL = testBinary
        child.arguments = ["--testing-library", "swift-testing", "--filter", "StoreCrashChild"]
        var environment = ProcessInfo.processInfo.environment
        environment[childDirectoryVariable] = box.store.path
        environment[CrashPoint.environmentVariable] = point?.rawValue
        child.environment = environment
        child.standardOutput = FileHandle.nullDevice
        child.standardError = FileHandle.nullDevice
        try child.run()
        child.waitUntilExit()
        #expect(child.terminationReason == .exit)
        #expect(child.terminationStatus == (point == nil ? 0 : 137))
    }
}

/// Runs only inside the child process started above.
@Suite("StoreCrashChild")
struct StoreCrashChild {
    @Test("child: commit the first transaction, or (with a crash point) the second", .enabled(if: childDirectory != nil))
    func commitInChild() throws {
        let directory = try #require(childDirectory)
        let store = try DocumentStore(directory: URL(fileURLWithPath: directory), logger: testLogger)
        guard CrashPoint.fromEnvironment() != nil else {
            let first = store.beginTransaction()
            try first.write(try key("k/1.json"), data("\"first\""))
            try first.commit()
            return
        }
        // The second commit adds a small segment, which the first small one is merged with.
        let tx = store.beginTransaction()
        try tx.write(try key("k/2.json"), data("\"new\""))
        try tx.write(try key("k/3.json"), data("\"new\""))
        try tx.commit()
    }
}
