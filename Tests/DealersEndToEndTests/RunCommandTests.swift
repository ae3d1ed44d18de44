import Foundation
import Testing
import ZIPFoundation
@testable import DealersCore
import DealersTestSupport

@Suite("dealers run, end to end")
struct RunCommandTests {
    @Test("valid rows are applied, bad rows reported with line, field, value and reason, the input archived")
    func endToEnd() throws {
        let ws = try TestWorkspace()
        defer { ws.remove() }
        try ws.write("inbox/colectivos.csv", Samples.collectives, windows1252: true)
        try ws.write("inbox/usuarios.csv", Samples.users, windows1252: true)
        let result = try ws.run(["run", "--as-of", "2026-11-24"])
        #expect(result.status == 65, "stderr: \(result.stderr)")

        // The store: holder and dependant resolved although the dependant comes first.
        let holder = try #require(try ws.user("12345678Z"))
        #expect(holder.dependants == ["23456789D"])
        #expect(holder.contracts.first?.end == CivilDate(iso: "2027-11-01"))
        #expect(try ws.user("23456789D")?.holder == "12345678Z")
        #expect(try ws.user("45678901A") == nil)

        // The receipt.
        let receipt = try ws.receipt("outbox/receipts/usuarios.csv.json")
        #expect(receipt.status == .partial)
        #expect(receipt.rows.read == 4 && receipt.rows.applied == 2 && receipt.rows.rejected == 2)
        #expect(receipt.actions["ALTA"] == 2)
        #expect(receipt.checksum.count == 64)
        #expect(receipt.archivedTo == "archive/_operator/2026-11-24/usuarios.csv")
        #expect(ws.exists("archive/_operator/2026-11-24/usuarios.csv"))
        #expect(!ws.exists("inbox/usuarios.csv"))

        // The error file: line, column, field, value, code, message for every error.
        let errors = try ws.text(ws.output(of: "usuarios.csv", endingWith: ".errors.csv"))
        let lines = errors.split(whereSeparator: \.isNewline).map(String.init)
        #expect(lines.first?.hasSuffix("línea;columna;campo;valor;código;mensaje") == true)
        #expect(lines.contains { $0.hasPrefix("4;3;Nº Documento;45678901A;INVALID_FORMAT;") && $0.contains("G") })
        #expect(lines.contains { $0.hasPrefix("4;6;Email;lucia@example;INVALID_FORMAT;") })
        #expect(lines.contains { $0.hasPrefix("4;7;Fecha nacimiento;31/02/1975;TYPE_ERROR;") })
        #expect(lines.contains { $0.hasPrefix("5;2;Colectivo;NOEXISTE;UNKNOWN_COLLECTIVE;") })

        // The rejected rows, in the input's own encoding and dialect, with the header.
        let rejected = TextEncoding.windows1252.decode(Array(try Data(contentsOf: ws.url(ws.output(of: "usuarios.csv", endingWith: ".rejected.csv"))))) ?? ""
        #expect(rejected.hasPrefix("Acción;Colectivo;Nº Documento"))
        #expect(rejected.contains("ALTA;SUR;45678901A;Lucía") && rejected.contains("NOEXISTE"))
        #expect(!rejected.contains("12345678Z;José"))

        // The users report is a real workbook with text and date cells.
        let archive = try Archive(url: ws.url("outbox/reports/users.xlsx"), accessMode: .read)
        let sheet = try #require(archive["xl/worksheets/sheet1.xml"])
        var xml = Data()
        _ = try archive.extract(sheet) { xml.append($0) }
        let text = String(decoding: xml, as: UTF8.self)
        #expect(text.contains("12345678Z"))
        #expect(text.contains("state=\"frozen\""))
        #expect(!text.contains("<f>"))
        // 2026-11-01 is Excel serial 46327: a number cell, not text.
        #expect(text.contains("<v>46327</v>"))
        #expect(ws.exists("outbox/reports/users.csv"))
        #expect(ws.exists("outbox/ACME/reports/users.xlsx"))
    }

    @Test("the same content dropped again, also under another name, is applied once")
    func idempotency() throws {
        let ws = try TestWorkspace()
        defer { ws.remove() }
        try ws.write("inbox/colectivos.csv", Samples.collectives)
        try ws.write("inbox/usuarios.csv", Samples.users)
        #expect(try ws.run(["run", "--as-of", "2026-11-24"]).status == 65)
        let before = try ws.user("12345678Z")
        try ws.write("inbox/usuarios.csv", Samples.users)
        try ws.write("inbox/otra-vez-usuarios.csv", Samples.users)
        let second = try ws.run(["run", "--as-of", "2026-11-25"])
        #expect(second.status == 0, "stderr: \(second.stderr)")
        #expect(try ws.receipt("outbox/receipts/usuarios.csv.json").status == .duplicate)
        let renamed = try ws.receipt("outbox/receipts/otra-vez-usuarios.csv.json")
        #expect(renamed.status == .duplicate && renamed.duplicateOf == "usuarios.csv")
        #expect(try ws.user("12345678Z") == before)
        #expect(ws.exists("archive/_operator/2026-11-25/otra-vez-usuarios.csv"))
    }

    @Test("a fixed rejected file dropped again is applied")
    func redropFixedRejectedFile() throws {
        let ws = try TestWorkspace()
        defer { ws.remove() }
        try ws.write("inbox/colectivos.csv", Samples.collectives, windows1252: true)
        try ws.write("inbox/usuarios.csv", Samples.users, windows1252: true)
        try ws.run(["run", "--as-of", "2026-11-24"])
        let rejected = try Data(contentsOf: ws.url(ws.output(of: "usuarios.csv", endingWith: ".rejected.csv")))
        let fixed = (TextEncoding.windows1252.decode(Array(rejected)) ?? "")
            .replacingOccurrences(of: "45678901A", with: "45678901G")
            .replacingOccurrences(of: "lucia@example;31/02/1975", with: "lucia@example.es;28/02/1975")
            .replacingOccurrences(of: "NOEXISTE", with: "SUR")
        try ws.write("inbox/usuarios.rejected.csv", fixed, windows1252: true)
        let result = try ws.run(["run", "--as-of", "2026-11-24"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(try ws.receipt("outbox/receipts/usuarios.rejected.csv.json").status == .applied)
        #expect(try ws.user("45678901G")?.birthDate == CivilDate(iso: "1975-02-28"))
        #expect(try ws.user("67890123B")?.collective == "SUR")
    }

    @Test("a dealer's file cannot touch another dealer's collective; unknown dealer folders are reported")
    func dealerIsolation() throws {
        let ws = try TestWorkspace()
        defer { ws.remove() }
        try ws.write("inbox/colectivos.csv", Samples.collectives)
        try ws.run(["run", "--as-of", "2026-11-24"])
        try ws.write("inbox/ACME/altas.csv", """
        Acción;Colectivo;Nº Documento;Nombre\r
        ALTA;NORTE;12345678Z;José\r
        ALTA;PYME;23456789D;María\r

        """)
        try ws.write("inbox/DESCONOCIDO/altas.csv", "Acción;Colectivo;Nº Documento;Nombre\r\nALTA;PYME;34567890V;Íñigo\r\n")
        let result = try ws.run(["run", "--as-of", "2026-11-24"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("DESCONOCIDO"))
        #expect(ws.exists("inbox/DESCONOCIDO/altas.csv"))
        #expect(try ws.user("12345678Z")?.collective == "NORTE")
        #expect(try ws.user("23456789D") == nil)
        #expect(try ws.user("34567890V") == nil)
        let errors = try ws.text(ws.output(of: "altas.csv", dealer: "ACME", endingWith: ".errors.csv"))
        // Another dealer's collective is, to this dealer, one that does not exist.
        #expect(errors.contains("3;2;Colectivo;PYME;UNKNOWN_COLLECTIVE;"))
        #expect(try ws.receipt("outbox/ACME/receipts/altas.csv.json").dealer == "ACME")
        // The dealer's report holds only the dealer's users.
        let report = try ws.text("outbox/ACME/reports/users.csv")
        #expect(report.contains("12345678Z"))
        let iberia = try ws.text("outbox/IBERIA/reports/users.csv")
        #expect(!iberia.contains("12345678Z"))
    }

    @Test("bad usage is 64, a missing file 66, an unknown layout is reported with the candidates")
    func exitCodes() throws {
        let ws = try TestWorkspace()
        defer { ws.remove() }
        #expect(try ws.run(["run", "--as-of", "2026-13-01"]).status == 64)
        #expect(try ws.run(["validate", ws.url("nope.csv").path]).status == 66)
        try ws.write("inbox/cosas.csv", "a;b\r\n1;2\r\n")
        let result = try ws.run(["run", "--as-of", "2026-11-24"])
        #expect(result.status == 65)
        let receipt = try ws.receipt("outbox/receipts/cosas.csv.json")
        #expect(receipt.status == .rejected && receipt.layout == nil)
        #expect(try ws.text(ws.output(of: "cosas.csv", endingWith: ".errors.csv")).contains("UNKNOWN_LAYOUT"))
        #expect(receipt.message?.contains("users") == true)
    }

    @Test("validate writes the error files and changes nothing")
    func validateIsADryRun() throws {
        let ws = try TestWorkspace()
        defer { ws.remove() }
        try ws.write("inbox/colectivos.csv", Samples.collectives)
        try ws.run(["run", "--as-of", "2026-11-24"])
        let file = try ws.write("elsewhere/usuarios.csv", Samples.users)
        let result = try ws.run(["validate", file.path, "--as-of", "2026-11-24"])
        #expect(result.status == 65)
        #expect(result.stdout.contains("VALIDATED"))
        #expect(try ws.text("outbox/validate/usuarios.csv.errors.csv").contains("UNKNOWN_COLLECTIVE"))
        #expect(try ws.receipt("outbox/validate/usuarios.csv.json").status == .validated)
        #expect(!ws.exists("outbox/receipts/usuarios.csv.json") && !ws.exists("outbox/errors"))
        #expect(try ws.user("12345678Z") == nil)
        #expect(FileManager.default.fileExists(atPath: file.path))
    }

    @Test("a layout that asks for .done markers leaves its files until the marker exists, then removes it")
    func layoutDoneMarker() throws {
        let ws = try TestWorkspace()
        defer { ws.remove() }
        var layout = try ws.text("layouts/collectives.json")
        layout = layout.replacingOccurrences(of: "\"errorPolicy\": \"reject-row\",", with: "\"errorPolicy\": \"reject-row\",\n  \"doneMarker\": true,")
        try ws.write("layouts/collectives.json", layout)
        try ws.write("inbox/colectivos.csv", Samples.collectives)
        #expect(try ws.run(["run", "--as-of", "2026-11-24"]).status == 0)
        #expect(ws.exists("inbox/colectivos.csv") && !ws.hasDocument("collectives/NORTE.json"))
        try ws.write("inbox/colectivos.csv.done", "")
        #expect(try ws.run(["run", "--as-of", "2026-11-24"]).status == 0)
        #expect(ws.hasDocument("collectives/NORTE.json"))
        #expect(!ws.exists("inbox/colectivos.csv") && !ws.exists("inbox/colectivos.csv.done"))
    }

    @Test("validate works in a new workspace without a store and creates none")
    func validateWithoutStore() throws {
        let ws = try TestWorkspace()
        defer { ws.remove() }
        let file = try ws.write("elsewhere/colectivos.csv", Samples.collectives)
        let result = try ws.run(["validate", file.path, "--as-of", "2026-11-24"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("VALIDATED") && result.stdout.contains("rows=3"))
        #expect(!ws.exists("store"))
    }

    @Test("layouts lists and checks the layouts, and says which one a file matches")
    func layoutsCommand() throws {
        let ws = try TestWorkspace()
        defer { ws.remove() }
        let list = try ws.run(["layouts"])
        #expect(list.status == 0)
        #expect(list.stdout.contains("users") && list.stdout.contains("collectives"))
        let file = try ws.write("x/mis-altas.csv", "Nº Documento;Acción;Nombre\r\n")
        let match = try ws.run(["layouts", file.path])
        #expect(match.stdout.contains("users (header has"))
        try ws.write("layouts/broken.json", #"{"kind":"users","schema":{"fields":[{"name":"a","type":"texto"}]}}"#)
        let broken = try ws.run(["layouts"])
        #expect(broken.status == 78)
        #expect(broken.stderr.contains("broken.json") && broken.stderr.contains("$.schema.fields[0].type"))
    }
}
