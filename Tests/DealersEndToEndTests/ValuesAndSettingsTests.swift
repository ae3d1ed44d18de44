import Foundation
import Testing
@testable import DealersCore
import DealersTestSupport

@Suite("Values keep their meaning, reports speak the workspace's language, settings errors are located")
struct ValuesAndSettingsTests {
    static let collectives = """
    Acción;Código;Nombre;País;Distribuidor;Precio mensual;Precio anual;Moneda;Duración;Activo\r
    ALTA;NORTE;Empresa Norte;ES;ACME;9,90;99,00;EUR;12 meses;sí\r
    ALTA;TRIM;Trimestral;ES;ACME;9,90;99,00;EUR;trimestral;sí\r

    """

    static let users = """
    Acción;Colectivo;Nº Documento;Nombre;Apellidos;Relación;Documento titular;Fecha inicio;Periodo\r
    ALTA;NORTE;12345678Z;José;Núñez;TITULAR;;01/11/2026;\r
    ALTA;NORTE;23456789D;Lucía;Núñez;hija;12345678Z;01/11/2026;\r
    ALTA;TRIM;34567890V;Ana;Ruiz;TITULAR;;01/11/2026;\r
    EXTENSION;;12345678Z;;;;;;12 meses\r
    EXTENSION;;34567890V;;;;;;1 año\r

    """

    /// The sync feed's lines, as text.
    func feed(_ ws: TestWorkspace) throws -> String {
        let folder = ws.url("outbox/sync")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        return try names.map { try ws.text("outbox/sync/\($0)") }.joined()
    }

    @Test("HIJA is stored and reported as HIJA; 12 meses is a users file's period and a collective's length")
    func valuesKeepTheirMeaning() throws {
        let ws = try TestWorkspace()
        defer { ws.remove() }
        try ws.write("inbox/colectivos.csv", Self.collectives)
        try ws.write("inbox/usuarios.csv", Self.users)
        let result = try ws.run(["run", "--as-of", "2026-11-24"])
        #expect(result.status == 0, "stderr: \(result.stderr)")

        let daughter = try #require(try ws.user("23456789D"))
        #expect(daughter.relationship == .hija && daughter.holder == "12345678Z")
        #expect(try ws.text("outbox/reports/users.csv").contains(";HIJA;12345678Z;"))
        #expect(try feed(ws).contains("\"relationship\":\"HIJA\""))

        // A collective of 12 meses gives a year; the extension of 12 meses another year.
        #expect(try ws.user("12345678Z")?.contracts.last?.end == CivilDate(iso: "2028-11-01"))
        // A collective of `trimestral` gives 3 months; 1 año extends them by a year.
        #expect(try ws.user("34567890V")?.contracts.last?.end == CivilDate(iso: "2028-02-01"))
    }

    @Test("a period outside the vocabulary is refused, saying what is expected")
    func badPeriod() throws {
        let ws = try TestWorkspace()
        defer { ws.remove() }
        try ws.write("inbox/colectivos.csv", Self.collectives)
        try ws.write("inbox/usuarios.csv", "Acción;Colectivo;Nº Documento;Nombre;Relación;Periodo\r\nALTA;NORTE;12345678Z;José;TITULAR;\r\nEXTENSION;;12345678Z;;;12 mesecitos\r\n")
        #expect(try ws.run(["run", "--as-of", "2026-11-24"]).status == 65)
        // Applied from the as-of date for 12 meses, and not extended.
        #expect(try ws.user("12345678Z")?.contracts.last?.end == CivilDate(iso: "2027-11-24"))
        let outbox = try FileManager.default.subpathsOfDirectory(atPath: ws.url("outbox").path)
            .filter { $0.hasSuffix("errors.csv") }
            .map { try ws.text("outbox/\($0)") }.joined()
        #expect(outbox.contains("12 mesecitos") && outbox.contains("12 meses") && outbox.contains("trimestral"))
    }

    @Test("a Spanish report says ACTIVO and SÍ, an English one ACTIVE and YES; the sync feed keeps the codes")
    func reportValuesInTheLanguage() throws {
        for (language, active, yes, separator) in [("es", "ACTIVO", "SÍ", ";"), ("en", "ACTIVE", "YES", ",")] {
            let ws = try TestWorkspace(settings: #"{"dealers": ["ACME"], "stabilitySeconds": 0, "language": "\#(language)"}"#)
            defer { ws.remove() }
            try ws.write("inbox/colectivos.csv", Self.collectives)
            try ws.write("inbox/usuarios.csv", Self.users)
            #expect(try ws.run(["run", "--as-of", "2026-11-24"]).status == 0)
            let users = try ws.text("outbox/reports/users.csv")
            #expect(users.contains("\(separator)\(active)\r\n"), "\(language): \(users)")
            let status = try ws.text("outbox/reports/collective-status.csv")
            #expect(status.contains("NORTE\(separator)Empresa Norte\(separator)ES\(separator)ACME\(separator)\(yes)\(separator)"), "\(status)")
            #expect(!status.contains("TRUE"))
            let feed = try feed(ws)
            #expect(feed.contains("\"status\":\"ACTIVE\"") && !feed.contains("ACTIVO"))
        }
    }

    @Test("dealers.json with a trailing comma or a syntax error is refused at line and column, exit 78", arguments: [
        ("{\n  \"dealers\": [\"ACME\"],\n  \"stabilitySeconds\": 0,\n}\n", "dealers.json:4:1: not valid JSON: a comma before '}'"),
        ("{\n  \"dealers\": [\"ACME\"]\n  \"stabilitySeconds\": 0\n}\n", "dealers.json:3:3: not valid JSON: expected ',' or '}'"),
    ])
    func settingsSyntax(settings: String, message: String) throws {
        let ws = try TestWorkspace(settings: settings)
        defer { ws.remove() }
        try ws.write("inbox/colectivos.csv", Samples.collectives)
        let result = try ws.run(["run", "--as-of", "2026-11-24"])
        #expect(result.status == 78)
        #expect(result.stderr.contains(message), "stderr: \(result.stderr)")
        #expect(ws.exists("inbox/colectivos.csv"))
    }

    @Test("a layout file that is not JSON is refused at line and column, exit 78")
    func layoutSyntax() throws {
        let ws = try TestWorkspace()
        defer { ws.remove() }
        var layout = try ws.text("layouts/payments.json")
        let at = try #require(layout.range(of: "\"errorPolicy\""))
        let line = layout[..<at.lowerBound].filter { $0 == "\n" }.count + 1
        layout.insert(",", at: at.lowerBound)   // `…,\n  ,"errorPolicy"`: a comma where a key must be
        try ws.write("layouts/payments.json", layout)
        let result = try ws.run(["layouts"])
        #expect(result.status == 78)
        #expect(result.stderr.contains("payments.json:\(line):"), "stderr: \(result.stderr)")
        #expect(result.stderr.contains("not valid JSON"))
    }
}
