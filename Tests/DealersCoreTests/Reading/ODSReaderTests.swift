import Foundation
import Testing
@testable import DealersCore

@Suite("ODSReader")
struct ODSReaderTests {
    typealias F = ODSFixture

    static func records(_ content: String, sheet: String? = nil, limits: XLSXLimits = .init()) throws -> [SourceRecord] {
        let url = try F.write(content: content)
        defer { try? FileManager.default.removeItem(at: url) }
        var out: [SourceRecord] = []
        try WorkbookReader(url: url, sheet: sheet, limits: limits).read { out.append($0) }
        return out
    }

    static func date(_ iso: String) -> Cell { CivilDate(iso: iso).map(Cell.date) ?? .empty }

    @Test("value types: string, float, percentage, currency, date, boolean, time; formulas give their values")
    func valueTypes() throws {
        let rows = try Self.records(F.content([("Hoja1", false, F.row(
            F.text("Acción"), F.float("9.899999999999999", shown: "9,90"),
            "<table:table-cell office:value-type=\"percentage\" office:value=\"0.15\"><text:p>15 %</text:p></table:table-cell>",
            "<table:table-cell office:value-type=\"currency\" office:currency=\"EUR\" office:value=\"1234.5\"><text:p>1.234,50 €</text:p></table:table-cell>",
            F.date("2024-01-19"), F.date("2024-02-29T13:45:00"),
            "<table:table-cell office:value-type=\"boolean\" office:boolean-value=\"true\"><text:p>VERDADERO</text:p></table:table-cell>",
            "<table:table-cell office:value-type=\"time\" office:time-value=\"PT13H45M00S\"><text:p>13:45</text:p></table:table-cell>",
            "<table:table-cell table:formula=\"of:=[.B1]*2\" office:value-type=\"float\" office:value=\"19.8\"><text:p>19,8</text:p></table:table-cell>",
            "<table:table-cell table:formula=\"of:=1/0\" office:value-type=\"string\" office:string-value=\"\" calcext:value-type=\"error\"><text:p>#DIV/0!</text:p></table:table-cell>"))]))
        #expect(rows.map(\.line) == [1])
        #expect(rows.first?.cells == [.text("Acción"), .number("9.9"), .number("0.15"), .number("1234.5"), Self.date("2024-01-19"),
                                      Self.date("2024-02-29"), .boolean(true), .text("13:45"), .number("19.8"), .text("#DIV/0!")])
    }

    @Test("text: paragraphs as lines, text:s, text:tab, text:line-break and spans; annotations left out; string-value wins")
    func text() throws {
        let cell = "<table:table-cell office:value-type=\"string\"><office:annotation><text:p>a note</text:p></office:annotation>"
            + "<text:p>Peña<text:s text:c=\"2\"/>de <text:span text:style-name=\"T1\">la</text:span><text:tab/>Cruz</text:p>"
            + "<text:p><text:s/>2ª<text:line-break/>línea &amp; más</text:p></table:table-cell>"
        let valued = "<table:table-cell office:value-type=\"string\" office:string-value=\"stored\"><text:p>shown</text:p></table:table-cell>"
        let rows = try Self.records(F.content([("S", false, F.row(cell, valued))]))
        #expect(rows.first?.cells == [.text("Peña  de la\tCruz\n 2ª\nlínea & más"), .text("stored")])
    }

    @Test("repeated columns and rows: empties only move the position, values repeat, a million empty rows cost nothing")
    func repetition() throws {
        let rows = try Self.records(F.content([("S", false,
            F.row(F.text("a"), F.empty(3), F.text("b"), F.empty(1019))
            + F.row(F.empty(1024), times: 3)
            + F.row("<table:table-cell table:number-columns-repeated=\"2\" office:value-type=\"float\" office:value=\"7\"/>", F.empty(), F.text("c"), times: 2)
            + F.row(F.empty(1024), times: 1_048_570))]))
        #expect(rows.map(\.line) == [1, 5, 6])
        #expect(rows[0].cells == [.text("a"), .empty, .empty, .empty, .text("b")])
        #expect(rows[1].cells == [.number("7"), .number("7"), .empty, .text("c")])
        #expect(rows[2].cells == rows[1].cells)
    }

    @Test("covered cells (the hidden part of a merge) are empty; header rows and row groups are rows")
    func coveredAndGroups() throws {
        let rows = try Self.records(F.content([("S", false,
            "<table:table-header-rows>" + F.row(F.text("h1"), F.text("h2"), F.text("h3")) + "</table:table-header-rows>"
            + "<table:table-row-group>" + F.row(
                "<table:table-cell table:number-columns-spanned=\"2\" office:value-type=\"string\"><text:p>wide</text:p></table:table-cell>",
                "<table:covered-table-cell office:value-type=\"string\"><text:p>hidden</text:p></table:covered-table-cell>",
                F.text("z")) + "</table:table-row-group>")]))
        #expect(rows.map(\.cells) == [[.text("h1"), .text("h2"), .text("h3")], [.text("wide"), .empty, .text("z")]])
    }

    @Test("the first visible sheet by default; a named one exactly or ignoring case; an unknown name lists the sheets")
    func sheets() throws {
        let content = F.content([("Oculta", true, F.row(F.text("hidden"))), ("Hoja1", false, F.row(F.text("first"))),
                                 ("Datos", false, F.row(F.text("second")))])
        #expect(try Self.records(content).first?.cells == [.text("first")])
        #expect(try Self.records(content, sheet: "datos").first?.cells == [.text("second")])
        #expect(try Self.records(content, sheet: "Oculta").first?.cells == [.text("hidden")])
        let error = try #require(throws: DealersError.self) { try Self.records(content, sheet: "Otra") }
        #expect(error.message.contains("no sheet named \"Otra\"") && error.message.contains("\"Oculta\", \"Hoja1\", \"Datos\""))
    }

    @Test("limits: a value beyond the columns or rows allowed is refused with the limit; empty repetition is not")
    func limits() throws {
        let limits = XLSXLimits(maxColumns: 5, maxRows: 10)
        #expect(try Self.records(F.content([("S", false, F.row(F.text("a"), F.empty(1023)) + F.row(F.empty(), times: 100))]),
                                 limits: limits).count == 1)
        let wide = try #require(throws: DealersError.self) {
            try Self.records(F.content([("S", false, F.row(F.empty(5), F.text("x")))]), limits: limits)
        }
        #expect(wide.message.contains("has the cell F1 beyond column 5, the limit"), "\(wide.message)")
        let long = try #require(throws: DealersError.self) {
            try Self.records(F.content([("S", false, F.row(F.empty(), times: 10) + F.row(F.text("x")))]), limits: limits)
        }
        #expect(long.message.contains("row 11 of the sheet, beyond row 10, the limit"), "\(long.message)")
    }

    @Test("bad values and counts are refused naming the cell", arguments: [
        (F.row("<table:table-cell office:value-type=\"float\" office:value=\"abc\"/>"), "number cell A1 holding \"abc\""),
        (F.row("<table:table-cell office:value-type=\"boolean\" office:boolean-value=\"maybe\"/>"), "boolean cell A1 holding \"maybe\""),
        ("<table:table-row table:number-rows-repeated=\"0\">\(F.text("x"))</table:table-row>", "number-rows-repeated=\"0\""),
      ])
    func badValues(rows: String, expected: String) throws {
        let error = try #require(throws: DealersError.self) { try Self.records(F.content([("S", false, rows)])) }
        #expect(error.message.contains(expected), "\(error.message)")
    }

    @Test("an ODS is told apart by its mimetype, whatever its name; an OpenDocument text is refused")
    func detection() throws {
        let url = try F.write(content: F.content([("S", false, F.row(F.text("x")))]), to: XLSXFixture.temporaryURL("xlsx"))
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(OfficeFileKind.sniff(url) == .ods)
        var cells: [[Cell]] = []
        try WorkbookReader(url: url).read { cells.append($0.cells) }
        #expect(cells == [[.text("x")]])
        let text = try F.write(content: F.content([]), mimetype: "application/vnd.oasis.opendocument.text")
        defer { try? FileManager.default.removeItem(at: text) }
        let error = try #require(throws: DealersError.self) { try WorkbookReader(url: text).read { _ in } }
        #expect(error.message.contains("not a spreadsheet"))
    }

    @Test("the ODS writer's package reads back with the same values; mimetype comes first, stored")
    func writerRoundTrip() throws {
        let url = XLSXFixture.temporaryURL("ods")
        defer { try? FileManager.default.removeItem(at: url) }
        let leapDay = try #require(CivilDate(year: 2024, month: 2, day: 29))
        let writer = try ODSWriter(url: url, sheet: "Rechazadas", columns: ["Acción", "Importe", "Fecha"])
        try writer.append([.text("  dos  espacios\ty\nlínea <&>"), .decimal(Decimal(string: "9.9") ?? 0), .date(leapDay)])
        try writer.append([.boolean(true), .money(Decimal(string: "12.50") ?? 0, currency: "EUR"), .empty, .integer(42)])
        try writer.close()
        let bytes = [UInt8](try Data(contentsOf: url))
        #expect(bytes.count > 38 && Array(bytes[30..<38]) == Array("mimetype".utf8) && bytes[8] == 0, "mimetype first, stored")
        var rows: [[Cell]] = []
        try ODSReader(url: url).read { rows.append($0.cells) }
        #expect(rows == [[.text("Acción"), .text("Importe"), .text("Fecha")],
                         [.text("  dos  espacios\ty\nlínea <&>"), .number("9.9"), Self.date("2024-02-29")],
                         [.boolean(true), .number("12.5"), .empty, .number("42")]])
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dealers-lo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        guard let csv = try F.convert(url, to: "csv:Text - txt - csv (StarCalc):44,34,76", into: folder) else { return }
        let text = try String(contentsOf: csv, encoding: .utf8)
        #expect(text.hasPrefix("Acción,Importe,Fecha"), "LibreOffice opens it: \(text)")
        #expect(text.contains("29/02/2024") || text.contains("02/29/2024") || text.contains("2024-02-29"), "\(text)")
    }
}

extension ODSReaderTests {
    /// `users-libreoffice.ods` is LibreOffice 7.4's conversion of `users-libxlsxwriter.xlsx`:
    /// the same cells, a formula's cached value, 16,384 repeated columns and 1,048,571 repeated
    /// empty rows; a hidden second sheet "Otra".
    @Test("LibreOffice's own file reads as the workbook it was converted from")
    func libreOfficeFixture() throws {
        let fixture = XLSXFixture.fixtures.appendingPathComponent("users-libreoffice.ods")
        var ods: [SourceRecord] = []
        try WorkbookReader(url: fixture).read { ods.append($0) }
        var xlsx: [SourceRecord] = []
        try XLSXReader(url: XLSXFixture.fixtures.appendingPathComponent("users-libxlsxwriter.xlsx")).read { xlsx.append($0) }
        #expect(ods.map(\.line) == xlsx.map(\.line))
        #expect(ods.first?.cells == xlsx.first?.cells)
        #expect(ods[1].cells == [.text("Peña  "), Self.date("2024-02-29"), .number("1234.56"), .number("1")], "TRUE() became 1")
        #expect(ods[2].cells == xlsx[2].cells)
        var other: [[Cell]] = []
        try WorkbookReader(url: fixture, sheet: "Otra").read { other.append($0.cells) }
        #expect(other == [[.text("x")]])
    }
}
