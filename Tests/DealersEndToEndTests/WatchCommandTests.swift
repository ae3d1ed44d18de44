import Foundation
import Testing
@testable import DealersCore
import DealersTestSupport

/// `dealers watch` as a real process: complete files only, once, in order; SIGTERM between files.
@Suite("dealers watch", .serialized)
struct WatchCommandTests {
    /// The latest receipts (`outbox/receipts/<input>.json`; the dated folders left out).
    static func receipts(_ ws: TestWorkspace) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: ws.url("outbox/receipts").path)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
    }

    static func archived(_ ws: TestWorkspace) -> [String] {
        ((try? FileManager.default.subpathsOfDirectory(atPath: ws.url("archive").path)) ?? [])
            .filter { $0.hasSuffix(".csv") }.map { ($0 as NSString).lastPathComponent }.sorted()
    }

    /// Appends bytes to a file in one open-write-close, like a slow copy does piece by piece.
    static func append(_ bytes: Data, to url: URL) throws {
        if !FileManager.default.fileExists(atPath: url.path) { FileManager.default.createFile(atPath: url.path, contents: nil) }
        let handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
        try handle.write(contentsOf: bytes)
        try handle.close()
    }

    @Test("A file copied slowly in pieces is processed once, whole, only after it is complete; .part waits for its rename; a bad file does not stop the watcher; SIGTERM exits 0")
    func slowCopyPartAndBadFile() throws {
        let ws = try TestWorkspace(settings: #"{"dealers": ["ACME"], "stabilitySeconds": 1}"#)
        defer { ws.remove() }
        let watch = try ws.start(["watch", "--as-of", "2026-11-24"])
        defer { watch.kill() }
        try FileManager.default.createDirectory(at: ws.url("inbox"), withIntermediateDirectories: true)

        // Written in pieces, each well inside the stability window: nothing happens until it is
        // complete. (How long the watcher waits, piece by piece, is tested on a clock the test
        // moves: SettlingTests in DealersCoreTests.)
        let target = ws.url("inbox/colectivos.csv")
        let pieces = Array(Samples.collectives.utf8).split(separator: 0x0A).map { Data($0) + Data([0x0A]) }
        #expect(pieces.count == 4)
        for piece in pieces {
            try Self.append(piece, to: target)
            #expect(Self.receipts(ws).isEmpty, "processed while still being written")
        }
        guard eventually({ Self.receipts(ws) == ["colectivos.csv.json"] }) else {
            watch.kill(SIGTERM)
            Issue.record("not processed; receipts \(Self.receipts(ws)); inbox \((try? FileManager.default.contentsOfDirectory(atPath: ws.url("inbox").path)) ?? []); watch said: \(watch.wait().stderr)")
            return
        }
        let receipt = try ws.receipt("outbox/receipts/colectivos.csv.json")
        #expect(receipt.status == .applied && receipt.rows.applied == 3)

        // A .part file is left alone until it is renamed: a bad file (no layout matches it)
        // written with it settles and is answered, the .part stays; the watcher goes on.
        try ws.write("inbox/usuarios.csv.part", Samples.users)
        try ws.write("inbox/notas.txt", "esto no es un fichero de usuarios\n")
        #expect(eventually { Self.receipts(ws) == ["colectivos.csv.json", "notas.txt.json"] })
        #expect(ws.exists("inbox/usuarios.csv.part"))
        try FileManager.default.moveItem(at: ws.url("inbox/usuarios.csv.part"), to: ws.url("inbox/usuarios.csv"))
        #expect(eventually { Self.receipts(ws) == ["colectivos.csv.json", "notas.txt.json", "usuarios.csv.json"] })
        #expect(try ws.receipt("outbox/receipts/notas.txt.json").status == .rejected)
        #expect(try ws.receipt("outbox/receipts/usuarios.csv.json").rows.applied == 2)
        // The input is archived just after its receipt is published: wait for it.
        #expect(eventually { Self.archived(ws) == ["colectivos.csv", "usuarios.csv"] }, "archived: \(Self.archived(ws))")

        watch.kill(SIGTERM)
        let result = watch.wait()
        #expect(result.status == 0 && !result.signalled, "\(result.stderr)")
        #expect(Self.receipts(ws).count == 3, "each file processed once")
    }

    @Test("SIGTERM during a large file: exit 0, store verified, the file whole or untouched and picked up at the next start")
    func sigtermDuringLargeFile() throws {
        let ws = try TestWorkspace(settings: #"{"dealers": ["ACME"], "stabilitySeconds": 0}"#)
        defer { ws.remove() }
        let rows = 2500
        try ws.write("inbox/colectivos.csv", Samples.plainCollectives)
        try ws.write("inbox/usuarios-grande.csv", Samples.bigUsersFile(rows))
        let watch = try ws.start(["watch", "--as-of", "2026-11-24"])
        defer { watch.kill() }
        #expect(eventually { ws.exists("outbox/receipts/colectivos.csv.json") })
        watch.kill(SIGTERM)
        let result = watch.wait()
        #expect(result.status == 0 && !result.signalled, "\(result.stderr)")
        #expect(try ws.run(["store", "verify"]).status == 0)
        let users = StoreSafetyTests.usersOfFile(ws)
        if ws.exists("inbox/usuarios-grande.csv") {
            #expect(users == 0, "untouched")
            let again = try ws.start(["watch", "--as-of", "2026-11-24"])
            defer { again.kill() }
            #expect(eventually(timeout: .seconds(120)) { ws.exists("outbox/receipts/usuarios-grande.csv.json") })
            again.kill(SIGTERM)
            #expect(again.wait().status == 0)
        }
        #expect(StoreSafetyTests.usersOfFile(ws) == rows, "applied whole")
        #expect(try ws.receipt("outbox/receipts/usuarios-grande.csv.json").rows.applied == rows)
        #expect(try ws.run(["store", "verify"]).status == 0)
    }

    @Test("With --poll and requireDoneMarker a file waits for its .done marker, and the marker is removed after")
    func doneMarkerWithPolling() throws {
        let ws = try TestWorkspace(settings: #"{"dealers": ["ACME"], "requireDoneMarker": true, "pollSeconds": 0.2}"#)
        defer { ws.remove() }
        let watch = try ws.start(["watch", "--poll", "--as-of", "2026-11-24"])
        defer { watch.kill() }
        try ws.write("inbox/ACME/colectivos.csv", Samples.collectives)
        #expect(!(eventually(timeout: .milliseconds(800)) { ws.exists("outbox/ACME/receipts/colectivos.csv.json") }))
        try ws.write("inbox/ACME/colectivos.csv.done", "")
        #expect(eventually { ws.exists("outbox/ACME/receipts/colectivos.csv.json") })
        #expect(eventually { !ws.exists("inbox/ACME/colectivos.csv.done") })
        watch.kill(SIGINT)
        #expect(watch.wait().status == 0)
    }

    @Test("Bad settings stop watch, run and nightly with exit 78 and the key named")
    func badSettings() throws {
        for (settings, key) in [(#"{"stabilitySeconds": "dos"}"#, "stabilitySeconds"), (#"{"pollSecs": 2}"#, "pollSecs"),
                                (#"{"archiveRetentionDays": 0}"#, "archiveRetentionDays")] {
            let ws = try TestWorkspace(settings: settings)
            defer { ws.remove() }
            for command in [["watch"], ["run"], ["nightly"]] {
                let result = try ws.run(command)
                #expect(result.status == 78, "\(command) \(settings)")
                #expect(result.stderr.contains(key), "\(result.stderr)")
            }
        }
    }
}

@Suite("dealers watch: report refresh", .serialized)
struct WatchReportTests {
    static func usersReport(_ ws: TestWorkspace) -> String {
        (try? ws.text("outbox/reports/users.csv")) ?? ""
    }

    @Test("reports are regenerated after the first batch, then at most every reportIntervalSeconds, and once more on stop")
    func reportInterval() throws {
        let ws = try TestWorkspace(settings: #"{"stabilitySeconds": 0, "reportIntervalSeconds": 3600}"#)
        defer { ws.remove() }
        try ws.write("inbox/colectivos.csv", Samples.collectives)
        let watch = try ws.start(["watch", "--as-of", "2026-11-24"])
        defer { watch.kill() }
        #expect(eventually { ws.exists("outbox/reports/users.csv") })
        try ws.write("inbox/usuarios.csv", Samples.users)
        #expect(eventually { ws.exists("outbox/receipts/usuarios.csv.json") })
        // Within the interval the reports wait …
        #expect(!Self.usersReport(ws).contains("12345678Z"))
        // … and a stop refreshes them before the watcher exits.
        watch.kill(SIGTERM)
        #expect(watch.wait().status == 0)
        #expect(Self.usersReport(ws).contains("12345678Z"))
    }
}
