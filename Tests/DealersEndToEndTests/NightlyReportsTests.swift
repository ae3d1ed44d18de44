import Foundation
import Testing
@testable import DealersCore
import DealersTestSupport

/// The nightly run leaves the reports as they are when nothing changed them (docs/outbox.md,
/// "When the reports are written"): a differential test against a twin workspace whose every
/// nightly regenerates them in full.
@Suite("dealers nightly: reports only when changed", .serialized)
struct NightlyReportsTests {
    static let users = """
    Acción;Colectivo;Nº Documento;Nombre;Fecha inicio;Fecha fin;Fecha baja\r
    ALTA;NORTE;12345678Z;Caduca pronto;01/01/2026;05/12/2026;\r
    ALTA;NORTE;23456789D;Programado;03/12/2026;;\r
    ALTA;SUR;34567890V;Baja futura;;;\r
    ALTA;PYME;45678901G;Sigue;;;\r
    ALTA;SUR;56789012B;Ventana;01/02/2026;31/12/2026;\r

    """

    /// Files dropped into both workspaces before the nightly of a date.
    static let files: [String: [(String, String)]] = [
        "2026-11-25": [("usuarios.csv", users)],
        "2026-11-27": [("bajas.csv", "Acción;Nº Documento;Fecha baja\r\nBAJA;34567890V;10/12/2026\r\n")],
        "2026-11-28": [("pagos.csv", "Id pago;Fecha;Contrato;Nº Documento;Importe;Moneda;Método;Periodo;Tipo;Pago original\r\nP1;28/11/2026;;45678901G;12,50;EUR;tarjeta;1M;;\r\n")],
        "2026-12-15": [("tarde.csv", "Acción;Colectivo;Nº Documento;Nombre;Fecha inicio;Fecha fin\r\nALTA;PYME;67890123B;Ya vencido;01/01/2025;31/12/2025\r\n")],
    ]

    @Test("a sequence of nightlies with files in between: the outbox is what a full regeneration writes, every night; quiet nights leave the reports")
    func skipEqualsFullRegeneration() throws {
        let skipping = try TestWorkspace.withSampleCollectives()
        let full = try TestWorkspace.withSampleCollectives()
        defer { skipping.remove(); full.remove() }
        var day = try #require(CivilDate(iso: "2026-11-25"))
        let last = try #require(CivilDate(iso: "2027-01-02"))
        var left = 0, written = 0
        while day <= last {
            for ws in [skipping, full] {
                for (name, text) in Self.files[day.description] ?? [] {
                    try ws.write("inbox/\(name)", text)
                    let run = try ws.run(["run", "--as-of", "\(day)"])
                    #expect(run.status == 0, "\(day) \(name): \(run.stderr)")
                }
            }
            // The twin forgets what its reports were built from, so its nightly writes them all.
            try? FileManager.default.removeItem(at: full.url("outbox/reports/.built.json"))
            let nightly = try skipping.run(["nightly", "--as-of", "\(day)", "--verbose"])
            #expect(nightly.status == 0, "\(day): \(nightly.stderr)")
            #expect(try full.run(["nightly", "--as-of", "\(day)"]).status == 0)
            if nightly.stderr.contains("left as they are") { left += 1 } else { written += 1 }
            let a = try Self.outbox(skipping), b = try Self.outbox(full)
            #expect(a == b, "\(day): the outboxes differ in \(Set(a).symmetricDifference(b).map { $0.prefix(200) })")
            day = day.adding(days: 1)
        }
        // Both paths were taken: nights that changed nothing, and nights whose date moved something in.
        #expect(left >= 10 && written >= 5, "left \(left), written \(written)")
        // The same documents but the records of when (nightly runs) and how (inputs' inode, times) things ran.
        let stores = try [skipping, full].map { ws in
            try ws.run(["store", "export"]).stdout.split(separator: "\n")
                .filter { !$0.hasPrefix("{\"k\":\"nightly/") && !$0.hasPrefix("{\"k\":\"inputs/") }
        }
        #expect(stores[0] == stores[1])
        #expect(try skipping.run(["store", "verify", "--as-of", "\(last)"]).status == 0)
    }

    @Test("store verify finds a date-index entry removed by hand; the next nightly's rebuild mends it after the marker is removed")
    func verifyChecksTheIndex() throws {
        let ws = try TestWorkspace.withSampleCollectives()
        defer { ws.remove() }
        try ws.write("inbox/usuarios.csv", Self.users)
        #expect(try ws.run(["run", "--as-of", "2026-11-25"]).status == 0)
        #expect(ws.hasDocument(DateIndex.markerPath))
        let entry = "due/2026-12-03/\(StoreLayout.bucket("23456789D"))/23456789D.json"
        #expect(ws.hasDocument(entry), "the scheduled start is filed under its date")
        #expect(try ws.run(["store", "delete", entry]).status == 0)
        let verify = try ws.run(["store", "verify", "--as-of", "2026-11-25"])
        #expect(verify.status != 0)
        #expect(verify.stdout.contains("\(entry): missing from the date index") || verify.stderr.contains("\(entry): missing from the date index"),
                "\(verify.stdout)\(verify.stderr)")
        #expect(try ws.run(["store", "delete", DateIndex.markerPath]).status == 0)
        #expect(try ws.run(["nightly", "--as-of", "2026-11-26"]).status == 0)
        #expect(ws.hasDocument(entry) && ws.hasDocument(DateIndex.markerPath))
        #expect(try ws.run(["store", "verify", "--as-of", "2026-11-26"]).status == 0)
        #expect(try ws.run(["nightly", "--as-of", "2026-12-03"]).status == 0)
        #expect(try ws.user("23456789D")?.history.map(\.kind.rawValue) == ["ALTA", "INICIO"])
        #expect(!ws.hasDocument(entry), "an event once added leaves the index")
    }

    /// The outbox as compared: every file but the stamp, the workbooks' parts with the as-of date
    /// of their subtitle left out (a report left as it was keeps the date it was written for).
    static func outbox(_ ws: TestWorkspace) throws -> [String] {
        var contents = try OutboxContents(ws.url("outbox"))
        contents.files = contents.files.filter { !$0.key.hasSuffix(".built.json") }
        let subtitle = try Regex("Fecha de referencia: [0-9/]+")
        return contents.normalised([(ws.root.path, "WS")]).map { $0.replacing(subtitle, with: "Fecha de referencia: …") }
    }
}
