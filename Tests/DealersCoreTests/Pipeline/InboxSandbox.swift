import DealersTestSupport
import Foundation
import Testing
@testable import DealersCore

/// A temporary workspace (the repository's layouts, operator files only) whose runs and watcher
/// read the time from a ``ManualClock``: what a test writes into the inbox gets the clock's
/// moment as its modification time, the way a writer's file gets the moment it was written.
struct InboxSandbox {
    let root: URL
    let workspace: Workspace
    let clock: ManualClock

    /// Creates the workspace with `dealers.json` holding `settings`.
    init(settings: String, clock: ManualClock = ManualClock()) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("dealers-inbox-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("inbox"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: DryRunTests.repository.appendingPathComponent("layouts"),
                                         to: root.appendingPathComponent("layouts"))
        try Data(settings.utf8).write(to: root.appendingPathComponent("dealers.json"))
        workspace = try Workspace(root: root)
        self.clock = clock
    }

    func url(_ path: String) -> URL { root.appendingPathComponent(path) }

    func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: url(path).path) }

    /// Appends `text` (in Windows-1252) to an inbox file, creating it, and stamps it with the
    /// clock's now, `age` seconds ago.
    @discardableResult
    func append(_ text: String, to name: String, age: TimeInterval = 0) throws -> URL {
        let file = url("inbox/\(name)")
        if !FileManager.default.fileExists(atPath: file.path) { FileManager.default.createFile(atPath: file.path, contents: nil) }
        let handle = try FileHandle(forWritingTo: file)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(TextEncoding.windows1252.encode(text)))
        try handle.close()
        try FileManager.default.setAttributes([.modificationDate: clock.now.addingTimeInterval(-age)], ofItemAtPath: file.path)
        return file
    }

    /// A run's context as of 2026-11-24 on the sandbox's clock.
    func context() throws -> RunContext {
        RunContext(workspace: workspace, asOf: try #require(CivilDate(iso: "2026-11-24")), logger: testLogger, clock: clock)
    }

    /// The store, opened for writing.
    func openStore() throws -> DocumentStore {
        try DocumentStore(directory: workspace.store, clock: clock, logger: testLogger)
    }

    /// The receipts of processed files (`outbox/receipts/<input>.json`).
    var receipts: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: url("outbox/receipts").path)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
}
