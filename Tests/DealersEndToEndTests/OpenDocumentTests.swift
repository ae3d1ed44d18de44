import Foundation
import Testing
@testable import DealersCore
import DealersTestSupport

/// LibreOffice's own format (issue 27, item 3): an `.ods` is read like an `.xlsx` — told apart
/// by its content, title rows, header search, dates, numbers, short rows — and its rejected rows
/// come back as an `.ods`.
@Suite("OpenDocument spreadsheets, end to end")
struct OpenDocumentTests {
    static let asOf = ["run", "--as-of", "2026-11-24"]


    /// A workspace whose sample collectives are applied already.
    func workspace() throws -> TestWorkspace { try .withSampleCollectives() }

    /// The rows of the rejected-rows spreadsheet of an input.
    func rejectedRows(_ ws: TestWorkspace, _ input: String) throws -> [[String]] {
        let path = try ws.output(of: input, endingWith: ".rejected.ods")
        #expect(OfficeFileKind.sniff(ws.url(path)) == .ods)
        var rows: [[String]] = []
        try ODSReader(url: ws.url(path)).read { rows.append($0.cells.map(\.text)) }
        return rows
    }

    @Test("an .ods LibreOffice saved from the issue's rows: short rows applied, the long one RAGGED_ROW, rejected rows back as .ods")
    func libreOfficeSpreadsheet() throws {
        guard let soffice = PythonModule.executable(named: ["soffice", "libreoffice"]) else {
            print("OpenDocumentTests: SKIPPED LibreOffice spreadsheet: no soffice on PATH (Debian: libreoffice-calc-nogui)")
            return
        }
        let ws = try workspace()
        defer { ws.remove() }
        let csv = ([ShortRowsTests.header] + ShortRowsTests.rows).map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n"
        try ws.write("convert/usuarios-lo.csv", csv)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: soffice)
        process.arguments = ["--headless", "--infilter=CSV:44,34,76,1", "--convert-to", "ods", "--outdir", ws.url("inbox").path, ws.url("convert/usuarios-lo.csv").path]
        process.environment = ProcessInfo.processInfo.environment.merging(["HOME": ws.url("convert").path]) { $1 }
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        try ShortRowsTests().expectShortRowsAccepted(ws, "usuarios-lo.ods")
        let rejected = try rejectedRows(ws, "usuarios-lo.ods")
        #expect(rejected.first == ShortRowsTests.header, "in the layout's columns, the header's")
        #expect(rejected.dropFirst().first?.last == "sobra" && rejected.count == 2)
    }

    @Test("a hand-made .ods: a title above the header, date cells, a repeated row, a million empty rows; errors keep the sheet's rows")
    func titleRowsDatesAndRepeats() throws {
        let ws = try workspace()
        defer { ws.remove() }
        typealias W = WorkbookFiles
        let header = ["Acción", "Colectivo", "Nº Documento", "Nombre", "Fecha inicio"].map(W.odsText)
        try W.ods(rows: [
            W.odsRow([W.odsText("Listado de altas - noviembre")]),
            W.odsRow(["<table:table-cell table:number-columns-repeated=\"1024\"/>"]),
            W.odsRow(header),
            W.odsRow([W.odsText("ALTA"), W.odsText("NORTE"), W.odsText("12345678Z"), W.odsText("José"), W.odsDate("2026-11-01")]),
            W.odsRow([W.odsText("ALTA"), W.odsText("NORTE"), W.odsText("12345678A"), W.odsText("Ana"), W.odsDate("2026-11-02")], times: 2),
        ], to: ws.url("inbox/usuarios-titulo.ods"))
        let result = try ws.run(Self.asOf)
        #expect(result.status == 65, "stderr: \(result.stderr)")
        let receipt = try ws.receipt("outbox/receipts/usuarios-titulo.ods.json")
        #expect(receipt.layout == "users" && receipt.rows.read == 3 && receipt.rows.applied == 1, "\(receipt.rows)")
        #expect(receipt.preamble == Receipt.Preamble(headerLine: 3, rows: ["Listado de altas - noviembre"]))
        let errors = try ws.text(ws.output(of: "usuarios-titulo.ods", endingWith: ".errors.csv"))
        #expect(errors.contains("5;3;Nº Documento;12345678A;INVALID_FORMAT") && errors.contains("6;3;Nº Documento;12345678A;"), "\(errors)")
        #expect(try ws.user("12345678Z")?.contracts.last?.start == CivilDate(iso: "2026-11-01"))
        let rejected = try rejectedRows(ws, "usuarios-titulo.ods")
        #expect(rejected == [["Acción", "Colectivo", "Nº Documento", "Nombre", "Fecha inicio"],
                             ["ALTA", "NORTE", "12345678A", "Ana", "2026-11-02"], ["ALTA", "NORTE", "12345678A", "Ana", "2026-11-02"]])
    }

    @Test("an .ods named .xlsx is read as what it is; an .xlsx named .ods too")
    func contentNotName() throws {
        let ws = try workspace()
        defer { ws.remove() }
        typealias W = WorkbookFiles
        try W.ods(rows: [W.odsRow(["Acción", "Colectivo", "Nº Documento", "Nombre"].map(W.odsText)),
                         W.odsRow(["ALTA", "NORTE", "12345678Z", "José"].map(W.odsText))], to: ws.url("inbox/usuarios-a.xlsx"))
        try W.xlsx(rows: [["Acción", "Colectivo", "Nº Documento", "Nombre"].map(W.s), ["ALTA", "SUR", "23456789D", "María"].map(W.s)],
                   to: ws.url("inbox/usuarios-b.ods"))
        let result = try ws.run(Self.asOf)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(try ws.user("12345678Z")?.firstName == "José")
        #expect(try ws.user("23456789D")?.firstName == "María")
    }

    @Test("dealers layouts names a copied layout whose pattern takes .xlsx but not .ods, with the line to change")
    func layoutsHint() throws {
        let ws = try TestWorkspace()
        defer { ws.remove() }
        let path = ws.url("layouts/users.json")
        let old = try String(contentsOf: path, encoding: .utf8).replacingOccurrences(of: "xlsx|ods", with: "xlsx")
        try Data(old.utf8).write(to: path)
        let result = try ws.run(["layouts"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let note = try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix("note: users.json") }, "\(result.stdout)")
        #expect(note.contains(#"change "fileNamePattern": "^(usuarios|users|altas|bajas|extensiones|listado)[^/]*\\.(csv|txt|xlsx)$" to "fileNamePattern": "^(usuarios|users|altas|bajas|extensiones|listado)[^/]*\\.(csv|txt|xlsx|ods)$""#), "\(note)")
        #expect(result.stdout.split(separator: "\n").filter { $0.hasPrefix("note:") }.count == 1, "the other layouts take .ods already")
    }
}
