import Foundation
import Testing
@testable import DealersCore
import DealersTestSupport

/// Files as Excel, LibreOffice and Google Sheets really make them (issue 13): each is read, or
/// refused with a reason a person can act on, with the lines and columns the person sees.
@Suite("Office files, end to end")
struct OfficeFilesTests {
    static let asOf = ["run", "--as-of", "2026-11-24"]

    /// A workspace whose sample collectives are applied already.
    func workspace() throws -> TestWorkspace { try .withSampleCollectives() }

    /// errors.csv as rows of cells (line, column, field, value, code, message), header left out.
    func errors(_ ws: TestWorkspace, _ name: String) throws -> [[String]] {
        try ws.text(ws.output(of: name, endingWith: ".errors.csv")).split(whereSeparator: \.isNewline).dropFirst()
            .map { $0.components(separatedBy: ";") }
    }

    @Test("an XLSX with a title and an empty row above the header on row 3 is applied; the title is a preamble and errors keep the sheet's row numbers")
    func xlsxTitleRows() throws {
        let ws = try workspace()
        defer { ws.remove() }
        let writer = try XLSXWriter(url: ws.url("inbox/usuarios-titulo.xlsx"))
        let sheet = try writer.addSheet(name: "Hoja1", title: "Listado de altas - noviembre", subtitle: "",
                                        columns: ["Acción", "Colectivo", "Nº Documento", "Nombre", "Fecha inicio"].map { OutputColumn($0) })
        try sheet.append([.text("ALTA"), .text("NORTE"), .text("12345678Z"), .text("José"), .date(CivilDate(iso: "2026-11-01")!)])
        try sheet.append([.text("ALTA"), .text("NORTE"), .text("12345678A"), .text("Ana"), .date(CivilDate(iso: "2026-11-02")!)])
        try writer.close()
        let result = try ws.run(Self.asOf)
        #expect(result.status == 65, "stderr: \(result.stderr)")
        let receipt = try ws.receipt("outbox/receipts/usuarios-titulo.xlsx.json")
        #expect(receipt.layout == "users" && receipt.rows.read == 2 && receipt.rows.applied == 1)
        #expect(receipt.preamble == Receipt.Preamble(headerLine: 3, rows: ["Listado de altas - noviembre"]))
        #expect(receipt.errorCodes == ["INVALID_FORMAT": 1], "no MISSING_COLUMN nor the title as an unknown column")
        let rows = try errors(ws, "usuarios-titulo.xlsx")
        #expect(rows.count == 1)
        #expect(rows.first?.prefix(4) == ["5", "3", "Nº Documento", "12345678A"])
        #expect(try ws.user("12345678Z")?.firstName == "José")
    }

    @Test("Excel's Texto Unicode (UTF-16LE with a BOM, tab-separated) is read; the rejected rows keep UTF-16LE and the BOM")
    func utf16TextExport() throws {
        let ws = try workspace()
        defer { ws.remove() }
        let text = "Acción\tColectivo\tNº Documento\tNombre\tFecha inicio\r\n"
            + "ALTA\tNORTE\t12345678Z\tJosé Núñez\t01/11/2026\r\n"
            + "ALTA\tNORTE\t12345678A\tAna Peña\t01/11/2026\r\n"
        let bytes: [UInt8] = [0xFF, 0xFE] + TextEncoding.utf16le.encode(text)
        try Data(bytes).write(to: ws.url("inbox/usuarios-unicode.txt"))
        let result = try ws.run(Self.asOf)
        #expect(result.status == 65, "stderr: \(result.stderr)")
        let receipt = try ws.receipt("outbox/receipts/usuarios-unicode.txt.json")
        #expect(receipt.rows.applied == 1 && receipt.rows.rejected == 1)
        #expect(receipt.dialect == Receipt.Dialect(delimiter: "\t", detected: true, encoding: "utf-16le", byteOrderMark: true))
        #expect(try ws.user("12345678Z")?.firstName == "José Núñez")
        #expect(try errors(ws, "usuarios-unicode.txt").first?.prefix(4) == ["3", "3", "Nº Documento", "12345678A"])
        let rejected = [UInt8](try Data(contentsOf: ws.url(ws.output(of: "usuarios-unicode.txt", endingWith: ".rejected.txt"))))
        #expect(rejected.starts(with: [0xFF, 0xFE]))
        #expect(TextEncoding.utf16le.decode(Array(rejected.dropFirst(2)))
                == "Acción\tColectivo\tNº Documento\tNombre\tFecha inicio\r\nALTA\tNORTE\t12345678A\tAna Peña\t01/11/2026\r\n")
    }

    @Test("a comma-separated CSV dropped where the layout says ';' is read with ',' and the receipt says so")
    func commaWhereSemicolonExpected() throws {
        let ws = try workspace()
        defer { ws.remove() }
        try ws.write("inbox/usuarios-sheets.csv", """
            Acción,Colectivo,Nº Documento,Nombre,Fecha inicio
            ALTA,NORTE,12345678Z,"Núñez, José",01/11/2026
            ALTA,NORTE,23456789D,María,31/02/2026

            """)
        let result = try ws.run(Self.asOf)
        #expect(result.status == 65, "stderr: \(result.stderr)")
        let receipt = try ws.receipt("outbox/receipts/usuarios-sheets.csv.json")
        #expect(receipt.rows.applied == 1 && receipt.rows.rejected == 1)
        #expect(receipt.dialect?.delimiter == "," && receipt.dialect?.detected == true)
        #expect(try ws.user("12345678Z")?.firstName == "Núñez, José")
        #expect(try errors(ws, "usuarios-sheets.csv").first?.prefix(5) == ["3", "5", "Fecha inicio", "31/02/2026", "TYPE_ERROR"])
        #expect(try ws.text(ws.output(of: "usuarios-sheets.csv", endingWith: ".rejected.csv"))
                == "Acción,Colectivo,Nº Documento,Nombre,Fecha inicio\nALTA,NORTE,23456789D,María,31/02/2026\n")
    }

    @Test("numbers in a comma-separated export follow its spelling where only it reads them; otherwise the layout's, and the error names it")
    func numbersFollowTheDetectedDialect() throws {
        let ws = try TestWorkspace()
        defer { ws.remove() }
        try ws.write("inbox/colectivos-sheets.csv", """
            Acción,Código,Nombre,País,Distribuidor,Precio mensual,Precio anual,Moneda,Duración,Activo
            ALTA,ESTE,Empresa Este,ES,ACME,9.90,"1.250",EUR,1A,sí
            ALTA,OESTE,Empresa Oeste,ES,ACME,9 euros,"99,50",EUR,1A,sí

            """)
        let result = try ws.run(Self.asOf)
        #expect(result.status == 65, "stderr: \(result.stderr)")
        let collective = try #require(try ws.store().readJSON(Collective.self, StoreLayout.collective("ESTE")))
        #expect(collective.plan.monthlyPrice == Decimal(string: "9.90"))
        #expect(collective.plan.annualPrice == 1250, "read both ways: the layout decides")
        let row = try #require(try errors(ws, "colectivos-sheets.csv").first)
        #expect(Array(row.prefix(5)) == ["3", "6", "Precio mensual", "9 euros", "TYPE_ERROR"])
        #expect(row[5].contains("1.234,56"))
    }

    @Test("a `sep=;` first line is honoured, reported as preamble, and errors keep the editor's line numbers")
    func sepLine() throws {
        let ws = try workspace()
        defer { ws.remove() }
        try ws.write("inbox/usuarios-sep.csv", "sep=|\r\nAcción|Colectivo|Nº Documento|Nombre\r\nALTA|NORTE|12345678Z|José\r\nALTA|NORTE|1234|Ana\r\n")
        let result = try ws.run(Self.asOf)
        #expect(result.status == 65, "stderr: \(result.stderr)")
        let receipt = try ws.receipt("outbox/receipts/usuarios-sep.csv.json")
        #expect(receipt.rows.applied == 1 && receipt.rows.rejected == 1)
        #expect(receipt.dialect == Receipt.Dialect(delimiter: "|", detected: true, encoding: "utf-8", sepLine: true))
        #expect(receipt.preamble == Receipt.Preamble(headerLine: 2, rows: ["sep=|"]))
        #expect(try errors(ws, "usuarios-sep.csv").map { Array($0.prefix(3)) } == [["4", "3", "Nº Documento"]])
        #expect(!(try ws.text(ws.output(of: "usuarios-sep.csv", endingWith: ".errors.csv")).contains("sep=")))
        #expect(try ws.text(ws.output(of: "usuarios-sep.csv", endingWith: ".rejected.csv")).hasPrefix("sep=|\r\nAcción|"))
    }

    @Test("a binary file named .csv is refused as not a text file, quoting nothing of it")
    func binaryFile() throws {
        let ws = try workspace()
        defer { ws.remove() }
        var generator = SystemRandomNumberGenerator()
        let garbage = [0x25, 0x50, 0x44, 0x46] + (0..<4000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        try Data(garbage).write(to: ws.url("inbox/usuarios-informe.csv"))
        let result = try ws.run(Self.asOf)
        #expect(result.status == 65, "stderr: \(result.stderr)")
        let receipt = try ws.receipt("outbox/receipts/usuarios-informe.csv.json")
        #expect(receipt.status == .rejected && receipt.errorCodes == ["MALFORMED_FILE": 1])
        let errorsCSV = try Data(contentsOf: ws.url(ws.output(of: "usuarios-informe.csv", endingWith: ".errors.csv")))
        let text = String(decoding: errorsCSV, as: UTF8.self)
        #expect(text.contains("no es un fichero de texto: parece un documento PDF"))
        #expect(!errorsCSV.contains(0), "no NUL quoted")
        #expect(!receipt.outputs.contains { $0.contains(".rejected.") })
        #expect(try errors(ws, "usuarios-informe.csv").first?.prefix(5) == ["0", "", "", "usuarios-informe.csv", "MALFORMED_FILE"])
    }

    @Test("a NUL inside a field is INVALID_CHARACTER on that cell; the byte reaches neither the store nor the error files")
    func nulInField() throws {
        let ws = try workspace()
        defer { ws.remove() }
        try ws.write("inbox/usuarios-nul.csv", "Acción;Colectivo;Nº Documento;Nombre\r\nALTA;NORTE;12345678Z;José\r\nALTA;NORTE;23456789D;Ma\u{0}ría\r\nALTA;NORTE;3456\u{0}7890V;Luis\r\n")
        let result = try ws.run(Self.asOf)
        #expect(result.status == 65, "stderr: \(result.stderr)")
        let receipt = try ws.receipt("outbox/receipts/usuarios-nul.csv.json")
        #expect(receipt.rows.applied == 1 && receipt.errorCodes["INVALID_CHARACTER"] == 2)
        let row = try #require(try errors(ws, "usuarios-nul.csv").first)
        #expect(Array(row.prefix(5)) == ["3", "4", "Nombre", "Ma<NUL>ría", "INVALID_CHARACTER"])
        #expect(row[5].contains("carácter de control"))
        #expect(!(try Data(contentsOf: ws.url(ws.output(of: "usuarios-nul.csv", endingWith: ".errors.csv")))).contains(0))
        #expect(try errors(ws, "usuarios-nul.csv").filter { $0[0] == "4" }.allSatisfy { $0[3] == "3456<NUL>7890V" && $0[2] == "Nº Documento" })
        #expect(try ws.user("23456789D") == nil)
    }

    @Test("a name typed on a Mac (NFD) is stored as the same bytes as on Windows (NFC); NFD headers match too")
    func decomposedNames() throws {
        let ws = try workspace()
        defer { ws.remove() }
        let nfd = "Acci\u{6F}\u{301}n;Colectivo;N\u{BA} Documento;Nombre;Apellidos\r\nALTA;NORTE;12345678Z;Jose\u{301};Nu\u{301}n\u{303}ez\r\n"
        try ws.write("inbox/usuarios-mac.csv", nfd)
        let result = try ws.run(Self.asOf)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let user = try #require(try ws.user("12345678Z"))
        #expect(Array(user.firstName.utf8) == Array("Jos\u{E9}".utf8))
        #expect(Array(user.lastName.utf8) == Array("N\u{FA}\u{F1}ez".utf8))
    }

    @Test("a header that is not the layout's names the likely cause and the closest layout with its columns")
    func headerHints() throws {
        let ws = try workspace()
        defer { ws.remove() }
        // A payments file under a users name.
        try ws.write("inbox/usuarios-cobros.csv", "Id pago;Fecha;Contrato;Importe;Moneda\r\nP1;01/11/2026;C1;9,90;EUR\r\n")
        // A comma file for a layout that forbids detecting another delimiter.
        let layout = try String(contentsOf: ws.url("layouts/users.json"), encoding: .utf8)
            .replacingOccurrences(of: #""name": "users""#, with: #""name": "users-strict""#)
            .replacingOccurrences(of: #"^(usuarios|users|altas|bajas|extensiones|listado)"#, with: #"^estricto"#)
            .replacingOccurrences(of: #""headerRow": 1"#, with: #""headerRow": 1, "detectDelimiter": false, "headerSearch": false"#)
        try Data(layout.utf8).write(to: ws.url("layouts/users-strict.json"))
        try ws.write("inbox/estricto.csv", "Acción,Colectivo,Nº Documento,Nombre\r\nALTA,NORTE,12345678Z,José\r\n")
        // Title rows above a header the layout pins on line 1.
        try ws.write("inbox/estricto-titulo.csv", "Listado de altas\r\n\r\nAcción;Colectivo;Nº Documento;Nombre\r\nALTA;NORTE;12345678Z;José\r\n")
        // UTF-8 for a layout that says Windows-1252.
        let latin = try String(contentsOf: ws.url("layouts/users.json"), encoding: .utf8)
            .replacingOccurrences(of: #""name": "users""#, with: #""name": "users-latin""#)
            .replacingOccurrences(of: #"^(usuarios|users|altas|bajas|extensiones|listado)"#, with: #"^latin"#)
            .replacingOccurrences(of: #""encoding": "auto""#, with: #""encoding": "windows-1252""#)
        try Data(latin.utf8).write(to: ws.url("layouts/users-latin.json"))
        try ws.write("inbox/latin.csv", "Acción;Nº Documento\r\nALTA;12345678Z\r\n")
        let result = try ws.run(Self.asOf)
        #expect(result.status == 65, "stderr: \(result.stderr)")

        let payments = try ws.text(ws.output(of: "usuarios-cobros.csv", endingWith: ".errors.csv"))
        #expect(payments.contains("HEADER_NOT_RECOGNISED"))
        #expect(payments.contains("parece un fichero del formato «payments»"))
        #expect(payments.contains("sus columnas: Id pago, Fecha, Contrato"))
        #expect(try ws.receipt("outbox/receipts/usuarios-cobros.csv.json").message?.contains("payments") == true)

        let strict = try ws.receipt("outbox/receipts/estricto.csv.json")
        #expect(strict.status == .rejected && strict.dialect?.delimiter == ";" && strict.dialect?.detected == false)
        let hint = try #require(try errors(ws, "estricto.csv").first { $0[4] == "HEADER_NOT_RECOGNISED" })
        #expect(hint[0] == "1")
        #expect(hint.joined(separator: ";").contains("las columnas parecen separadas por «,» y el formato «users-strict» espera «;»"))

        let titles = try #require(try errors(ws, "estricto-titulo.csv").first { $0[4] == "HEADER_NOT_RECOGNISED" })
        #expect(titles.joined(separator: ";").contains("la cabecera parece estar en la línea 3, pero el formato la fija en la línea 1"))

        let encoding = try #require(try errors(ws, "latin.csv").first { $0[4] == "HEADER_NOT_RECOGNISED" })
        #expect(encoding.joined(separator: ";").contains("otra codificación"))
    }
}
