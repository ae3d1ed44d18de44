import DealersTestSupport
import Foundation
import Testing
@testable import DealersCore

/// Appends a row to a file the moment its rows start being read.
private final class AppendWhenReadingStarts: ProgressReporter {
    let box: InboxSandbox
    let name: String

    init(_ box: InboxSandbox, name: String) {
        self.box = box
        self.name = name
    }

    func started(file: String, totalBytes: Int64) {
        _ = try? box.append("ALTA;ACME-1;12345678Z;Tarde;Núñez;tarde@example.es;TITULAR;;;;\r\n", to: name)
    }

    func advanced(rows: Int, bytesRead: Int64) {}

    func finished(rows: Int) {}
}

/// A file that changes while a run reads it: the change is made when the run starts reading
/// its rows (no timer racing the run), and the run leaves it alone.
@Suite("An input changed while it is read")
struct ChangedInputTests {
    @Test("a file appended to while it is read is not applied and stays in the inbox for the next run")
    func appendedWhileRead() throws {
        let box = try InboxSandbox(settings: #"{"stabilitySeconds": 0}"#)
        defer { box.remove() }
        try box.append(RuleMixFiles.collectives, to: "colectivos.csv")
        let store = try box.openStore()
        defer { store.close() }
        let runner = Runner(context: try box.context())
        #expect(try runner.run(store: store).exitCode == 0)

        try box.append(RuleMixFiles.stored(families: 3), to: "usuarios.csv")
        let summary = try runner.run(store: store, progress: AppendWhenReadingStarts(box, name: "usuarios.csv"))
        #expect(summary.exitCode == 65)
        #expect(summary.failed == ["usuarios.csv: the file changed while it was being read; nothing was applied and it stays in the inbox for the next run"])
        #expect(summary.receipts.isEmpty)
        #expect(box.exists("inbox/usuarios.csv"))
        #expect(!box.exists("outbox/receipts/usuarios.csv.json"))
        #expect(try store.readJSON(User.self, StoreLayout.user(RuleMixFiles.dni(20_000_000))) == nil)
    }
}
