import Foundation
import Testing
@testable import DealersCore
import DealersTestSupport

/// Workbooks as office programs write them (issue 27, first item): Excel, LibreOffice, Google
/// Sheets, openpyxl and libxlsxwriter store no empty cells, so a row whose last columns are empty
/// is shorter than the header in the file. Such a row is padded with empty cells; only a value
/// beyond the header's last column makes a row ragged.
@Suite("Short workbook rows, end to end")
struct ShortRowsTests {
    static let asOf = ["run", "--as-of", "2026-11-24"]
    /// The users layout's fourteen Spanish columns, as the reproduction has them.
    static let header = ["Acción", "Colectivo", "Tipo documento", "Nº Documento", "Nombre", "Apellidos", "Email",
                         "Teléfono", "Fecha nacimiento", "Relación", "Documento titular", "Fecha inicio",
                         "Fecha fin", "Periodo"]
    /// A holder with nothing after `Relación` (10 cells), a dependant without `Fecha fin` and
    /// `Periodo` (12 cells), and a row with a value in a fifteenth column (ragged).
    static let rows: [[String]] = [
        ["ALTA", "NORTE", "DNI", "12345678Z", "Sofía", "Muñoz Peña", "usuario.0@example.es", "678 196 474", "19/01/1998", "TITULAR"],
        ["ALTA", "NORTE", "DNI", "23456789D", "Mateo", "Muñoz", "", "", "02/02/2015", "HIJO", "12345678Z", "01/11/2026"],
        ["ALTA", "NORTE", "DNI", "34567890V", "Eva", "Ruiz", "", "", "", "TITULAR", "", "", "", "", "sobra"],
    ]


    /// A workspace whose sample collectives are applied already.
    func workspace() throws -> TestWorkspace { try .withSampleCollectives() }

    /// Runs the workspace and checks the outcome every producer must give: the short rows
    /// applied, the long one RAGGED_ROW with its width, nothing else refused.
    func expectShortRowsAccepted(_ ws: TestWorkspace, _ name: String) throws {
        let result = try ws.run(Self.asOf)
        #expect(result.status == 65, "stderr: \(result.stderr)")
        let receipt = try ws.receipt("outbox/receipts/\(name).json")
        #expect(receipt.rows.applied == 2 && receipt.rows.rejected == 1, "\(receipt.rows)")
        #expect(receipt.errorCodes == ["RAGGED_ROW": 1])
        let errors = try ws.text(ws.output(of: name, endingWith: ".errors.csv"))
        #expect(errors.contains("4;;;;RAGGED_ROW;la fila tiene 15 celdas y la cabecera 14"), "\(errors)")
        #expect(try ws.user("12345678Z")?.phone != nil)
        #expect(try ws.user("23456789D")?.holder == "12345678Z")
    }

    @Test("a libxlsxwriter workbook whose rows stop at their last value is applied; a value beyond the header is RAGGED_ROW")
    func libxlsxwriterWorkbook() throws {
        let ws = try workspace()
        defer { ws.remove() }
        let writer = try XLSXWriter(url: ws.url("inbox/usuarios-cortas.xlsx"))
        let sheet = try writer.addSheet(name: "Hoja1", columns: Self.header.map { OutputColumn($0) })
        for row in Self.rows { try sheet.append(row.map { $0.isEmpty ? .empty : .text($0) }) }
        try writer.close()
        try expectShortRowsAccepted(ws, "usuarios-cortas.xlsx")
    }

    @Test("a workbook from openpyxl (rows of 10 and 12 cells under a 14-column header, header with empty trailing cells) is applied")
    func openpyxlWorkbook() throws {
        guard PythonModule.available("openpyxl") else {
            print("ShortRowsTests: SKIPPED openpyxl workbook: python3 has no openpyxl (scripts/setup.sh installs it)")
            return
        }
        let ws = try workspace()
        defer { ws.remove() }
        let data = try JSONSerialization.data(withJSONObject: ["header": Self.header + ["", ""], "rows": Self.rows])
        try data.write(to: ws.url("rows.json"))
        // openpyxl writes only the cells it is given; `None` and "" cells are left out.
        let script = """
            import json, sys, openpyxl
            spec = json.load(open(sys.argv[1]))
            wb = openpyxl.Workbook(); sh = wb.active
            sh.append(spec["header"])
            for row in spec["rows"]: sh.append([v or None for v in row])
            wb.save(sys.argv[2])
            """
        let made = try PythonModule.run(script, arguments: [ws.url("rows.json").path, ws.url("inbox/usuarios-openpyxl.xlsx").path])
        #expect(made.status == 0, "\(made.stderr)")
        try expectShortRowsAccepted(ws, "usuarios-openpyxl.xlsx")
    }

    @Test("a workbook LibreOffice converted from CSV is applied, where LibreOffice is installed")
    func libreOfficeWorkbook() throws {
        guard let soffice = PythonModule.executable(named: ["soffice", "libreoffice"]) else {
            print("ShortRowsTests: SKIPPED LibreOffice workbook: no soffice on PATH (Debian: libreoffice-calc-nogui)")
            return
        }
        let ws = try workspace()
        defer { ws.remove() }
        let csv = ([Self.header] + Self.rows).map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n"
        try ws.write("convert/usuarios-lo.csv", csv)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: soffice)
        // The CSV import filter's options: comma, double quote, UTF-8 (76); without them LibreOffice
        // 7.4 reads the file in its system character set and the header comes out garbled.
        process.arguments = ["--headless", "--infilter=CSV:44,34,76", "--convert-to", "xlsx", "--outdir", ws.url("inbox").path,
                             ws.url("convert/usuarios-lo.csv").path]
        process.environment = ProcessInfo.processInfo.environment.merging(["HOME": ws.url("convert").path]) { $1 }
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        try expectShortRowsAccepted(ws, "usuarios-lo.xlsx")
    }
}
