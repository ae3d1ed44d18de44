import Foundation
import Testing
@testable import DealersCore
import DealersTestSupport

@Suite("dealers nightly and init", .serialized)
struct NightlyAndInitTests {
    static let users = """
    Acción;Colectivo;Nº Documento;Nombre;Fecha inicio;Fecha fin;Fecha baja\r
    ALTA;NORTE;12345678Z;Caduca;01/01/2026;30/11/2026;\r
    ALTA;NORTE;23456789D;Programado;01/12/2026;;\r
    ALTA;NORTE;34567890V;Baja futura;;;\r
    ALTA;NORTE;45678901G;Sigue;;;\r

    """

    @Test("nightly records EXPIRACION, INICIO and BAJA_EFECTIVA once each; a second run for the date changes nothing in the store")
    func nightlyTwiceIsNoOp() throws {
        let ws = try TestWorkspace()
        defer { ws.remove() }
        try ws.write("inbox/colectivos.csv", Samples.collectives)
        try ws.write("inbox/usuarios.csv", Self.users)
        #expect(try ws.run(["run", "--as-of", "2026-11-24"]).status == 0)
        try ws.write("inbox/bajas.csv", "Acción;Nº Documento;Fecha baja\r\nBAJA;34567890V;01/12/2026\r\n")
        #expect(try ws.run(["run", "--as-of", "2026-11-25"]).status == 0)

        let first = try ws.run(["nightly", "--as-of", "2026-12-01"])
        #expect(first.status == 0, "\(first.stderr)")
        let kinds = { (document: String) in try ws.user(document)?.history.map(\.kind.rawValue) ?? [] }
        #expect(try kinds("12345678Z") == ["ALTA", "EXPIRACION"])
        #expect(try kinds("23456789D") == ["ALTA", "INICIO"])
        #expect(try kinds("34567890V") == ["ALTA", "BAJA", "BAJA_EFECTIVA"])
        #expect(try kinds("45678901G") == ["ALTA"])
        #expect(ws.hasDocument("nightly/2026-12-01.json"))
        #expect(ws.exists("outbox/reports/users.csv"))

        let before = try StoreSafetyTests.snapshot(ws)
        #expect(try ws.run(["nightly", "--as-of", "2026-12-01"]).status == 0)
        #expect(try StoreSafetyTests.snapshot(ws) == before, "the second run changed the store")
        #expect(try ws.run(["nightly", "--as-of", "2026-12-02"]).status == 0)
        #expect(try kinds("12345678Z") == ["ALTA", "EXPIRACION"], "EXPIRACION once")
        #expect(try ws.run(["store", "verify", "--as-of", "2026-12-02"]).status == 0)
    }

    @Test("nightly deletes archived inputs older than archiveRetentionDays")
    func archiveRetention() throws {
        let ws = try TestWorkspace(settings: #"{"archiveRetentionDays": 30}"#)
        defer { ws.remove() }
        try ws.write("archive/_operator/2026-01-01/old.csv", "x")
        try ws.write("archive/_operator/2026-11-20/recent.csv", "x")
        #expect(try ws.run(["nightly", "--as-of", "2026-11-24"]).status == 0)
        #expect(!ws.exists("archive/_operator/2026-01-01"))
        #expect(ws.exists("archive/_operator/2026-11-20/recent.csv"))
    }

    @Test("init makes a workspace that runs; a non-empty folder is refused without --force")
    func initWorkspace() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dealers-init-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let made = RunningProcess.self
        let create = try made.init(arguments: ["init", dir.path], environment: [:]).wait()
        #expect(create.status == 0, "\(create.stderr)")
        for folder in ["inbox", "outbox", "store", "archive", "layouts/users.json", "dealers.json"] {
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(folder).path), "\(folder)")
        }
        #expect(try made.init(arguments: ["init", dir.path], environment: [:]).wait().status == 73)
        #expect(try made.init(arguments: ["init", "--force", dir.path], environment: [:]).wait().status == 0)
        let settings = try Data(contentsOf: dir.appendingPathComponent("dealers.json"))
        let parsed = try Settings.parse(data: settings, file: "dealers.json")
        // README: archived inputs are kept for ever unless archiveRetentionDays is set.
        #expect(parsed.archiveRetentionDays == nil)
        #expect(!String(decoding: settings, as: UTF8.self).contains("archiveRetentionDays"))

        try Data("Acción;Código;Nombre;País;Moneda\r\nALTA;NORTE;Norte;ES;EUR\r\n".utf8).write(to: dir.appendingPathComponent("inbox/colectivos.csv"))
        let env = ["DEALERS_ROOT": dir.path]
        // Dropped a minute ago: past the example's 2-second stability window without waiting.
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-60)],
                                              ofItemAtPath: dir.appendingPathComponent("inbox/colectivos.csv").path)
        let run = try made.init(arguments: ["run"], environment: env).wait()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("outbox/receipts/colectivos.csv.json").path))
    }
}
