import Foundation
import Testing
@testable import DealersCore
import DealersTestSupport

/// Crash safety, one writer at a time and `store verify`, with real `dealers` processes.
@Suite("Store safety with real processes", .serialized)
struct StoreSafetyTests {
    /// Every domain document of a store, path → content, without the per-run input records and
    /// the store's creation stamp.
    static func snapshot(_ ws: TestWorkspace) throws -> [String: Data] {
        var result: [String: Data] = [:]
        try ws.store().forEachDocument(under: "") { key, value in
            if !key.path.hasPrefix("inputs/") { result[key.path] = Data(value) }
        }
        return result
    }

    static func journal(_ ws: TestWorkspace) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: ws.url("store/journal").path)) ?? []
    }

    static func usersOfFile(_ ws: TestWorkspace) -> Int {
        ws.documentCount(under: "users")
    }

    @Test("SIGKILL at random moments leaves a verified store holding none or all of the file; finishing equals an uninterrupted run")
    func killAtRandomMoments() throws {
        let rows = 3000
        let file = Samples.bigUsersFile(rows)
        let reference = try TestWorkspace()
        defer { reference.remove() }
        try reference.write("inbox/colectivos.csv", Samples.plainCollectives)
        #expect(try reference.run(["run", "--as-of", "2026-11-24"]).status == 0)
        try reference.write("inbox/usuarios-grande.csv", file)
        #expect(try reference.run(["run", "--as-of", "2026-11-24"]).status == 0)
        let expected = try Self.snapshot(reference)
        #expect(Self.usersOfFile(reference) == rows)

        let ws = try TestWorkspace()
        defer { ws.remove() }
        try ws.write("inbox/colectivos.csv", Samples.plainCollectives)
        #expect(try ws.run(["run", "--as-of", "2026-11-24"]).status == 0)
        try ws.write("inbox/usuarios-grande.csv", file)
        var generator = SystemRandomNumberGenerator()
        var kills = 0
        for attempt in 0..<9 where ws.exists("inbox/usuarios-grande.csv") {
            let process = try ws.start(["run", "--as-of", "2026-11-24"])
            _ = try eventually { (try? String(contentsOf: ws.url("store/lock"), encoding: .utf8))?.contains(String(process.pid)) == true }
            // Kill at a random moment of each phase in turn: reading and applying rows, writing
            // the journal, and writing the documents after the commit point.
            switch attempt % 3 {
            case 0:
                Thread.sleep(forTimeInterval: Double.random(in: 0...0.3, using: &generator))
            case 1:
                _ = try eventually { Self.journal(ws).contains { $0.hasSuffix(".pending") } }
            default:
                _ = try eventually { Self.journal(ws).contains { $0.hasSuffix(".committed") } }
                Thread.sleep(forTimeInterval: Double.random(in: 0...0.1, using: &generator))
            }
            process.kill()
            if process.wait().signalled { kills += 1 }
            let verify = try ws.run(["store", "verify", "--as-of", "2026-11-24"])
            #expect(verify.status == 0, "after a kill: \(verify.stdout) \(verify.stderr)")
            let users = Self.usersOfFile(ws)
            #expect(users == 0 || users == rows, "the store holds \(users) of \(rows) users: half a file")
        }
        #expect(kills > 0)
        let finish = try ws.run(["run", "--as-of", "2026-11-24"])
        #expect(finish.status == 0, "stderr: \(finish.stderr)")
        #expect(!ws.exists("inbox/usuarios-grande.csv"))
        let actual = try Self.snapshot(ws)
        let differing = Set(actual.keys).union(expected.keys).filter { actual[$0] != expected[$0] }.sorted()
        #expect(differing.isEmpty, "documents that differ from the uninterrupted run: \(differing.prefix(5)) \(differing.first.map { String(decoding: actual[$0] ?? Data(), as: UTF8.self) + " vs " + String(decoding: expected[$0] ?? Data(), as: UTF8.self) } ?? "")")
        #expect(try ws.receipt("outbox/receipts/usuarios-grande.csv.json").status == .applied)
    }

    @Test("a crash at each step of the commit protocol is recovered on the next start", arguments: CrashPoint.allCases.filter { $0 != .midMigration })
    func crashPoints(point: CrashPoint) throws {
        let ws = try TestWorkspace()
        defer { ws.remove() }
        try ws.write("inbox/colectivos.csv", Samples.plainCollectives)
        #expect(try ws.run(["run", "--as-of", "2026-11-24"]).status == 0)
        try ws.write("inbox/usuarios.csv", Samples.bigUsersFile(50))
        let crashed = try ws.run(["run", "--as-of", "2026-11-24"], environment: [CrashPoint.environmentVariable: point.rawValue])
        #expect(crashed.status == 137)
        let finish = try ws.run(["run", "--as-of", "2026-11-24"])
        #expect(finish.status == 0, "stderr: \(finish.stderr)")
        #expect(Self.usersOfFile(ws) == 50)
        #expect(try ws.run(["store", "verify", "--as-of", "2026-11-24"]).status == 0)
        #expect(try ws.receipt("outbox/receipts/usuarios.csv.json").status == .applied)
        #expect(!ws.exists("inbox/usuarios.csv"))
        // Answered under the names the crashed run chose: one processing, one name.
        #expect(try ws.receipt("outbox/receipts/2026-11-24/usuarios.csv.json").archivedTo == "archive/_operator/2026-11-24/usuarios.csv")
        #expect(!ws.exists("outbox/receipts/2026-11-24/usuarios.2.csv.json") && !ws.exists("archive/_operator/2026-11-24/usuarios.2.csv"))
    }

    @Test("a file committed before a crash is answered under its first names, even when the next run has a later date")
    func crashKeepsNames() throws {
        let ws = try TestWorkspace()
        defer { ws.remove() }
        try ws.write("inbox/colectivos.csv", Samples.plainCollectives)
        #expect(try ws.run(["run", "--as-of", "2026-11-24"]).status == 0)
        try ws.write("inbox/usuarios.csv", Samples.bigUsersFile(20))
        let crashed = try ws.run(["run", "--as-of", "2026-11-24"], environment: [CrashPoint.environmentVariable: CrashPoint.afterCommit.rawValue])
        #expect(crashed.status == 137)
        let finish = try ws.run(["run", "--as-of", "2026-11-25"])
        #expect(finish.status == 0, "stderr: \(finish.stderr)")
        let receipt = try ws.receipt("outbox/receipts/2026-11-24/usuarios.csv.json")
        #expect(receipt.status == .applied && receipt.archivedTo == "archive/_operator/2026-11-24/usuarios.csv")
        #expect(ws.exists("archive/_operator/2026-11-24/usuarios.csv"))
        #expect(!ws.exists("outbox/receipts/2026-11-25/usuarios.csv.json") && !ws.exists("archive/_operator/2026-11-25"))
        #expect(try Data(contentsOf: ws.url("outbox/receipts/usuarios.csv.json")) == Data(contentsOf: ws.url("outbox/receipts/2026-11-24/usuarios.csv.json")))
    }

    @Test("two runs at once: the second says who holds the store and exits 75, or waits with --wait")
    func oneWriterAtATime() throws {
        let ws = try TestWorkspace()
        defer { ws.remove() }
        try ws.write("inbox/colectivos.csv", Samples.plainCollectives)
        #expect(try ws.run(["run", "--as-of", "2026-11-24"]).status == 0)
        try ws.write("inbox/usuarios.csv", Samples.bigUsersFile(4000))
        let first = try ws.start(["run", "--as-of", "2026-11-24"])
        let holding = try eventually {
            (try? String(contentsOf: ws.url("store/lock"), encoding: .utf8))?.contains(String(first.pid)) == true
        }
        #expect(holding)
        let second = try ws.run(["run", "--as-of", "2026-11-24"])
        let waiting = try ws.start(["run", "--wait", "--as-of", "2026-11-24"])
        #expect(first.wait().status == 0)
        #expect(second.status == 75)
        #expect(second.stderr.contains(String(first.pid)))
        let waited = waiting.wait()
        #expect(waited.status == 0, "stderr: \(waited.stderr)")
        #expect(Self.usersOfFile(ws) == 4000)
    }

    @Test("store verify finds a store edited by hand into an inconsistent state")
    func verifyFindsDamage() throws {
        let ws = try TestWorkspace()
        defer { ws.remove() }
        try ws.write("inbox/colectivos.csv", Samples.plainCollectives)
        try ws.write("inbox/usuarios.csv", Samples.bigUsersFile(4))
        #expect(try ws.run(["run", "--as-of", "2026-11-24"]).status == 0)
        #expect(try ws.run(["store", "verify", "--as-of", "2026-11-24"]).status == 0)
        let holder = try #require(try ws.user("10000014M"))
        #expect(holder.collective == "SUR")
        var moved = holder
        moved.collective = "NORTE"
        moved.contracts.append(moved.contracts[0])
        let key = try StoreLayout.user(holder.document)
        try ws.write("moved.json", String(decoding: try JSONEncoder().encode(moved), as: UTF8.self))
        #expect(try ws.run(["store", "put", key.path, ws.url("moved.json").path]).status == 0)
        let verify = try ws.run(["store", "verify", "--as-of", "2026-11-24"])
        #expect(verify.status == 65)
        #expect(verify.stdout.contains("two current contracts"))
        #expect(verify.stdout.contains("missing from the members of NORTE"))
        #expect(verify.stdout.contains("belongs to"))
    }
}
