import Foundation
import Testing
import ZIPFoundation
@testable import DealersCore
import DealersTestSupport

@Suite("Outbox: reports, sync feed and receipts, end to end")
struct OutboxCommandTests {
    func feedFiles(_ ws: TestWorkspace, _ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: ws.url(folder).path)) ?? []).sorted()
    }

    func feedLines(_ ws: TestWorkspace, _ path: String) throws -> [SyncFeedLine] {
        try ws.text(path).split(separator: "\n").map { try JSONDecoder().decode(SyncFeedLine.self, from: Data($0.utf8)) }
    }

    @Test("each run's feed continues where the last ended; nothing is re-sent; an idle run writes no feed")
    func syncFeedAcrossRuns() throws {
        let ws = try TestWorkspace()
        defer { ws.remove() }
        try ws.write("inbox/colectivos.csv", Samples.collectives)
        try ws.write("inbox/usuarios.csv", Samples.users)
        let first = try ws.run(["run", "--as-of", "2026-11-24"])
        #expect(first.status == 65)
        // The one-line summary of each file is in the log.
        #expect(first.stderr.contains("usuarios.csv: PARTIAL layout=users rows=4 applied=2 rejected=2 ALTA=2 errors="))
        let feeds1 = feedFiles(ws, "outbox/sync")
        #expect(feeds1 == ["feed-0000000001-0000000001.jsonl"])
        let lines1 = try feedLines(ws, "outbox/sync/\(feeds1[0])")
        #expect(Set(lines1.map(\.user.document)) == ["12345678Z", "23456789D"])
        #expect(lines1.allSatisfy { $0.kind == .created && $0.sequence == 1 && $0.feed == 1 })
        #expect(feedFiles(ws, "outbox/ACME/sync") == feeds1)
        #expect(feedFiles(ws, "outbox/IBERIA/sync").isEmpty)

        try ws.write("inbox/bajas.csv", "Acción;Colectivo;Nº Documento;Nombre\r\nBAJA;NORTE;12345678Z;José\r\n")
        #expect(try ws.run(["run", "--as-of", "2026-11-25"]).status == 0)
        let feeds2 = feedFiles(ws, "outbox/sync")
        #expect(feeds2 == ["feed-0000000001-0000000001.jsonl", "feed-0000000002-0000000002.jsonl"])
        let lines2 = try feedLines(ws, "outbox/sync/\(feeds2[1])")
        // The holder's baja deactivates the dependant too; both once, with the next sequence.
        #expect(Set(lines2.map(\.user.document)) == ["12345678Z", "23456789D"])
        #expect(lines2.allSatisfy { $0.kind == .deactivated && $0.sequence == 2 && $0.feed == 2 })
        #expect(lines2.allSatisfy { $0.user.contract?.status == .cancelled })

        // The same content again: a duplicate changes nothing, so no feed.
        try ws.write("inbox/bajas-otra-vez.csv", "Acción;Colectivo;Nº Documento;Nombre\r\nBAJA;NORTE;12345678Z;José\r\n")
        #expect(try ws.run(["run", "--as-of", "2026-11-26"]).status == 0)
        #expect(feedFiles(ws, "outbox/sync") == feeds2)
    }

    @Test("dealers report writes the named reports in the chosen format, read-only, without touching the feed")
    func reportCommand() throws {
        let ws = try TestWorkspace()
        defer { ws.remove() }
        try ws.write("inbox/colectivos.csv", Samples.collectives)
        try ws.write("inbox/usuarios.csv", Samples.users)
        try ws.run(["run", "--as-of", "2026-11-24"])
        try FileManager.default.removeItem(at: ws.url("outbox/reports"))
        try FileManager.default.removeItem(at: ws.url("outbox/ACME/reports"))

        let csvOnly = try ws.run(["report", "collective-status", "--format", "csv", "--as-of", "2026-11-30"])
        #expect(csvOnly.status == 0, "stderr: \(csvOnly.stderr)")
        #expect(ws.exists("outbox/reports/collective-status.csv"))
        #expect(!ws.exists("outbox/reports/collective-status.xlsx"))
        #expect(!ws.exists("outbox/reports/users.csv"))
        #expect(try ws.text("outbox/ACME/reports/collective-status.csv").contains("NORTE;Empresa Norte;ES;SÍ;2;0;0;0;0;0"))

        let all = try ws.run(["report", "--as-of", "2026-11-30"])
        #expect(all.status == 0, "stderr: \(all.stderr)")
        for name in ["contract-history", "collective-status", "users"] {
            #expect(ws.exists("outbox/reports/\(name).xlsx") && ws.exists("outbox/ACME/reports/\(name).csv"))
        }
        let history = try Archive(url: ws.url("outbox/reports/contract-history.xlsx"), accessMode: .read)
        var xml = Data()
        _ = try history.extract(try #require(history["xl/worksheets/sheet1.xml"])) { xml.append($0) }
        #expect(String(decoding: xml, as: UTF8.self).contains("Fecha de referencia: 30/11/2026"))
        #expect(feedFiles(ws, "outbox/sync").count == 1)

        #expect(try ws.run(["report", "payroll"]).status == 64)
        #expect(try ws.run(["report", "--format", "pdf"]).status == 64)
    }
}
