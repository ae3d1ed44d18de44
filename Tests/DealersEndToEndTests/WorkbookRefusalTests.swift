import Foundation
import Testing
@testable import DealersCore
import DealersTestSupport

/// Files that are no workbook the readers take, or break a limit (issue 27, "Bad input"): each
/// refused as MALFORMED_FILE naming what it is and what to save it as, nothing applied. And a
/// formula's cached amount read as Excel shows it.
@Suite("Workbooks refused, end to end")
struct WorkbookRefusalTests {
    static let asOf = ["run", "--as-of", "2026-11-24"]
    static let header = ["Acción", "Colectivo", "Nº Documento", "Nombre"]
    static let good = ["ALTA", "NORTE", "12345678Z", "José"]


    /// A workspace whose sample collectives are applied already.
    func workspace() throws -> TestWorkspace { try .withSampleCollectives() }

    /// Runs the workspace and checks that `name` was refused as MALFORMED_FILE with all of
    /// `words` in its message, and nothing of it applied.
    func expectRefused(_ ws: TestWorkspace, _ name: String, _ words: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let result = try ws.run(Self.asOf)
        #expect(result.status == 65, "stderr: \(result.stderr)", sourceLocation: sourceLocation)
        let receipt = try ws.receipt("outbox/receipts/\(name).json")
        #expect(receipt.status == .rejected && receipt.rows.applied == 0, sourceLocation: sourceLocation)
        #expect(receipt.errorCodes == ["MALFORMED_FILE": 1], "\(receipt.errorCodes)", sourceLocation: sourceLocation)
        let errors = try ws.text(ws.output(of: name, endingWith: ".errors.csv"))
        for word in words { #expect(errors.contains(word), "\(word) in \(errors)", sourceLocation: sourceLocation) }
        #expect(try ws.user("12345678Z") == nil, "nothing applied", sourceLocation: sourceLocation)
        #expect(!receipt.outputs.contains { $0.contains(".rejected.") }, sourceLocation: sourceLocation)
    }

    @Test("a password-protected workbook (an OLE2 file with EncryptionInfo) named .xlsx")
    func encrypted() throws {
        let ws = try workspace()
        defer { ws.remove() }
        try WorkbookFiles.compoundFile(streams: ["EncryptionInfo", "EncryptedPackage"]).write(to: ws.url("inbox/usuarios-clave.xlsx"))
        try expectRefused(ws, "usuarios-clave.xlsx", ["protegido con contraseña", "quite la contraseña y guárdelo como .xlsx"])
    }

    @Test("a workbook Excel really encrypted (msoffcrypto-tool), where python3 has it")
    func reallyEncrypted() throws {
        guard PythonModule.available("msoffcrypto"), PythonModule.available("openpyxl") else {
            print("WorkbookRefusalTests: SKIPPED real encrypted workbook: python3 lacks msoffcrypto-tool or openpyxl")
            return
        }
        let ws = try workspace()
        defer { ws.remove() }
        let script = """
            import io, sys, openpyxl, msoffcrypto.format.ooxml as ooxml
            wb = openpyxl.Workbook(); wb.active.append(["Acción", "Nº Documento"]); wb.active.append(["ALTA", "12345678Z"])
            plain = io.BytesIO(); wb.save(plain); plain.seek(0)
            with open(sys.argv[1], "wb") as out: ooxml.OOXMLFile(plain).encrypt("secreto", out)
            """
        let made = try PythonModule.run(script, arguments: [ws.url("inbox/usuarios-cifrado.xlsx").path])
        #expect(made.status == 0, "\(made.stderr)")
        try expectRefused(ws, "usuarios-cifrado.xlsx", ["protegido con contraseña"])
    }

    @Test("an Excel 97-2003 workbook (.xls, BIFF) renamed .xlsx, and one LibreOffice saved as .xls")
    func xls() throws {
        let ws = try workspace()
        defer { ws.remove() }
        try WorkbookFiles.compoundFile(streams: ["Workbook", "\u{5}SummaryInformation"]).write(to: ws.url("inbox/usuarios-viejo.xlsx"))
        try expectRefused(ws, "usuarios-viejo.xlsx", ["libro de Excel 97-2003 (.xls, BIFF)", "guárdelo como libro de Excel (.xlsx)"])
        guard let soffice = PythonModule.executable(named: ["soffice", "libreoffice"]) else {
            print("WorkbookRefusalTests: SKIPPED LibreOffice .xls: no soffice on PATH")
            return
        }
        try ws.write("convert/usuarios-lo.csv", (Self.header + Self.good).joined(separator: ","))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: soffice)
        process.arguments = ["--headless", "--infilter=CSV:44,34,76,1", "--convert-to", "xls", "--outdir", ws.url("convert").path, ws.url("convert/usuarios-lo.csv").path]
        process.environment = ProcessInfo.processInfo.environment.merging(["HOME": ws.url("convert").path]) { $1 }
        try process.run()
        process.waitUntilExit()
        try FileManager.default.moveItem(at: ws.url("convert/usuarios-lo.xls"), to: ws.url("inbox/usuarios-lo.xlsx"))
        try expectRefused(ws, "usuarios-lo.xlsx", ["(.xls, BIFF)"])
    }

    @Test("an Excel binary workbook (.xlsb) renamed .xlsx")
    func xlsb() throws {
        let ws = try workspace()
        defer { ws.remove() }
        try WorkbookFiles.xlsb(to: ws.url("inbox/usuarios-binario.xlsx"))
        try expectRefused(ws, "usuarios-binario.xlsx", ["libro binario de Excel (.xlsb)", "(.xlsx)"])
    }

    @Test("a damaged ZIP (a workbook cut short) and damaged XML")
    func damaged() throws {
        let ws = try workspace()
        defer { ws.remove() }
        try WorkbookFiles.xlsx(rows: [Self.header.map(WorkbookFiles.s), Self.good.map(WorkbookFiles.s)], to: ws.url("whole.xlsx"))
        let whole = try Data(contentsOf: ws.url("whole.xlsx"))
        try whole.prefix(whole.count * 2 / 3).write(to: ws.url("inbox/usuarios-cortado.xlsx"))
        try expectRefused(ws, "usuarios-cortado.xlsx", ["dañado o incompleto", "vuelva a guardarlo como .xlsx"])
        try WorkbookFiles.xlsx(rows: [Self.header.map(WorkbookFiles.s), Self.good.map(WorkbookFiles.s),
                                      ["<c t=\"inlineStr\"><is><t>roto</is></c>"]], to: ws.url("inbox/usuarios-xml.xlsx"))
        try expectRefused(ws, "usuarios-xml.xlsx", ["xl/worksheets/sheet1.xml is not well-formed XML near line 1", "</is> does not close <t>",
                                                    "save it again as .xlsx"])
    }

    @Test("a sheet with more columns or rows than the layout allows is refused with the limit")
    func limits() throws {
        let ws = try workspace()
        defer { ws.remove() }
        let layout = try String(contentsOf: ws.url("layouts/users.json"), encoding: .utf8)
            .replacingOccurrences(of: #""name": "users""#, with: #""name": "users-small""#)
            .replacingOccurrences(of: #"^(usuarios|users|altas|bajas|extensiones|listado)[^/]*\\.(csv|txt|xlsx|ods)$"#, with: #"^pequeno"#)
            .replacingOccurrences(of: #""format": { "type": "delimited", "delimiter": ";", "quote": "\"", "encoding": "auto", "headerRow": 1 }"#,
                                  with: #""format": { "type": "xlsx", "maxColumns": 20, "maxRows": 3 }"#)
        try Data(layout.utf8).write(to: ws.url("layouts/users-small.json"))
        typealias W = WorkbookFiles
        try W.xlsx(rows: [Self.header.map(W.s), Self.good.map(W.s), ["ALTA", "NORTE", "23456789D", "María"].map(W.s),
                          ["ALTA", "NORTE", "34567890V", "Eva"].map(W.s)], to: ws.url("inbox/pequeno-filas.xlsx"))
        try expectRefused(ws, "pequeno-filas.xlsx", ["has the row 4 beyond row 3, the limit"])
        try W.xlsx(rows: [Self.header.map(W.s), Self.good.map(W.s) + ["<c r=\"U2\" t=\"inlineStr\"><is><t>x</t></is></c>"]],
                   to: ws.url("inbox/pequeno-columnas.xlsx"))
        try expectRefused(ws, "pequeno-columnas.xlsx", ["has the cell U2 beyond column 20, the limit"])
        try W.ods(rows: [W.odsRow(Self.header.map(W.odsText)), W.odsRow(Self.good.map(W.odsText), times: 5)], to: ws.url("inbox/pequeno.ods"))
        try expectRefused(ws, "pequeno.ods", ["beyond row 3, the limit"])
    }

    @Test("a formula's cached amount is read as Excel shows it: 9.899999999999999 is 9,90 and matches the plan")
    func formulaAmount() throws {
        let ws = try TestWorkspace()
        defer { ws.remove() }
        try ws.write("inbox/colectivos.csv", Samples.collectives, windows1252: true)
        try ws.write("inbox/usuarios.csv", Samples.users, windows1252: true)
        try ws.run(Self.asOf)
        typealias W = WorkbookFiles
        try W.xlsx(rows: [["Id pago", "Fecha", "Nº Documento", "Importe", "Moneda", "Periodo"].map(W.s),
                          [W.s("P1"), W.d("2026-11-21"), W.s("12345678Z"), "<c><f>3.3*3</f><v>9.899999999999999</v></c>", W.s("EUR"), W.s("1M")]],
                   to: ws.url("inbox/pagos-formula.xlsx"))
        let result = try ws.run(Self.asOf)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let receipt = try ws.receipt("outbox/receipts/pagos-formula.xlsx.json")
        #expect(receipt.rows.applied == 1 && receipt.errorCodes.isEmpty, "\(receipt.errorCodes)")
    }
}
