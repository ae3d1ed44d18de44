import Foundation
import Testing
@testable import DealersCore

@Suite("XLSX Writer")
struct XLSXWriterTests {
    static let columns = [
        OutputColumn("Fecha"), OutputColumn("Importe"), OutputColumn("Nota"), OutputColumn("Enlace"),
        OutputColumn("Cantidad"), OutputColumn("Tasa", width: 20), OutputColumn("Activo"),
    ]

    static func sampleRow() throws -> [OutputValue] {
        [
            .date(try #require(CivilDate(year: 2026, month: 11, day: 24))),
            .money(Decimal(string: "12.5") ?? 0, currency: "EUR"),
            .text("=1+1"),
            .text("=HYPERLINK(\"http://evil.example\",\"pulse\")"),
            .integer(42),
            .decimal(Decimal(string: "0.125") ?? 0),
            .boolean(true),
        ]
    }

    @Test("cells keep their types; text never becomes a formula", arguments: [true, false])
    func cellTypes(constantMemory: Bool) throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let url = folder.file("informe.xlsx")
        let writer = try XLSXWriter(url: url, constantMemory: constantMemory)
        let sheet = try writer.addSheet(name: "Datos", title: "Cartera", subtitle: "Fecha de referencia: 24/11/2026",
                                        columns: Self.columns)
        try sheet.append(try Self.sampleRow())
        try sheet.append([.empty, .money(-3, currency: "USD"), .text("normal")])
        try writer.close()

        let xlsx = try XLSXPeek(url)
        let xml = try #require(try xlsx.part("xl/worksheets/sheet1.xml"))
        let styles = try #require(try xlsx.part("xl/styles.xml"))
        #expect(!xml.contains("<f>"))
        #expect(!xml.contains("<f "))

        // Title, subtitle, header on rows 1-3; data from row 4.
        let date = try #require(XLSXPeek.cell(xml, "A4"))
        #expect(!date.contains("t=\""))
        #expect(date.contains("<v>46350</v>"))  // 2026-11-24: 20781 days since 1970 + 25569
        let dateStyle = try #require(XLSXPeek.attribute("s", in: date).flatMap(Int.init))
        let dateFormat = try #require(XLSXPeek.numberFormat(styles: styles, styleIndex: dateStyle))
        #expect(dateFormat == "dd/mm/yyyy")

        let money = try #require(XLSXPeek.cell(xml, "B4"))
        #expect(money.contains("<v>12.5</v>"))
        #expect(!money.contains("t=\""))
        let moneyStyle = try #require(XLSXPeek.attribute("s", in: money).flatMap(Int.init))
        #expect(XLSXPeek.numberFormat(styles: styles, styleIndex: moneyStyle) == "#,##0.00 &quot;€&quot;")
        let dollars = try #require(XLSXPeek.cell(xml, "B5"))
        #expect(dollars.contains("<v>-3</v>"))
        let dollarStyle = try #require(XLSXPeek.attribute("s", in: dollars).flatMap(Int.init))
        #expect(XLSXPeek.numberFormat(styles: styles, styleIndex: dollarStyle) == "#,##0.00 &quot;USD&quot;")

        for ref in ["C4", "D4"] {
            let text = try #require(XLSXPeek.cell(xml, ref))
            let type = XLSXPeek.attribute("t", in: text)
            #expect(type == "s" || type == "inlineStr", "cell \(ref) is \(text)")
        }
        if constantMemory {
            #expect(xml.contains("=1+1"))
        } else {
            let strings = try #require(try xlsx.part("xl/sharedStrings.xml"))
            #expect(strings.contains("=1+1"))
            #expect(strings.contains("=HYPERLINK("))
        }
        #expect(try #require(XLSXPeek.cell(xml, "E4")).contains("<v>42</v>"))
        #expect(try #require(XLSXPeek.cell(xml, "F4")).contains("<v>0.125</v>"))
        let bool = try #require(XLSXPeek.cell(xml, "G4"))
        #expect(XLSXPeek.attribute("t", in: bool) == "b")

        // Frozen below the header, filter over header and data, widths set.
        #expect(xml.contains("state=\"frozen\""))
        #expect(xml.contains("topLeftCell=\"A4\""))
        #expect(xml.contains("<autoFilter ref=\"A3:G5\""))
        #expect(xml.contains("<cols>"))
        #expect(xml.contains("width=\"20.7109375\""))  // the given 20, as Excel stores it
        #expect(xml.contains("<col min=\"1\" max=\"1\" width=\"12.7109375\""))  // a date column
        #expect(try xlsx.part("xl/charts/chart1.xml") == nil)
    }

    @Test("a column chart becomes a chart part over the rows written")
    func chart() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let url = folder.file("grafico.xlsx")
        let writer = try XLSXWriter(url: url)
        let sheet = try writer.addSheet(name: "Resumen por mes", columns: [OutputColumn("Mes"), OutputColumn("Total")])
        for month in 1...6 {
            try sheet.append([.text("2026-0\(month)"), .money(Decimal(month * 100), currency: "EUR")])
        }
        try sheet.addColumnChart(title: "Total por mes", categoriesColumn: 0, valueColumns: [1], anchorRow: 1, anchorColumn: 3)
        try writer.close()

        let xlsx = try XLSXPeek(url)
        let chart = try #require(try xlsx.part("xl/charts/chart1.xml"))
        #expect(chart.contains("<c:barDir val=\"col\"/>"))
        #expect(chart.contains("'Resumen por mes'!$B$2:$B$7"))
        #expect(chart.contains("'Resumen por mes'!$A$2:$A$7"))
        #expect(chart.contains("'Resumen por mes'!$B$1"))
        #expect(chart.contains("Total por mes"))
        #expect(xlsx.paths.contains("xl/drawings/drawing1.xml"))
    }

    @Test("bad cells are highlighted and carry their message as a comment, rows held or streamed",
          arguments: [false, true])
    func commentsAndHighlight(constantMemory: Bool) throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let url = folder.file("errores.xlsx")
        let writer = try XLSXWriter(url: url, constantMemory: constantMemory)
        let sheet = try writer.addSheet(name: "Errores", columns: [OutputColumn("NIF"), OutputColumn("Importe")])
        try sheet.append([.text("X123"), .text("12,3,4")], highlight: [1, 3],
                         comments: [1: "Importe no numérico: «12,3,4»"])
        try sheet.append([.text("Y456"), .text("7")], comments: [0: "NIF sin letra"])
        try writer.close()

        let xlsx = try XLSXPeek(url)
        let comments = try #require(try xlsx.part("xl/comments1.xml"))
        #expect(comments.contains("Importe no numérico"))
        #expect(comments.contains("ref=\"B2\""))
        #expect(comments.contains("NIF sin letra"))
        #expect(comments.contains("ref=\"A3\""))
        let xml = try #require(try xlsx.part("xl/worksheets/sheet1.xml"))
        let styles = try #require(try xlsx.part("xl/styles.xml"))
        #expect(styles.contains("FFFFC7CE"))
        let bad = try #require(XLSXPeek.cell(xml, "B2"))
        let good = try #require(XLSXPeek.cell(xml, "A2"))
        #expect(XLSXPeek.attribute("s", in: bad) != nil)
        #expect(XLSXPeek.attribute("s", in: good) == nil)
        // A highlighted column past the row's values is a blank, filled cell.
        let blank = try #require(XLSXPeek.cell(xml, "D2"))
        #expect(XLSXPeek.attribute("s", in: blank) == XLSXPeek.attribute("s", in: bad))
    }

    @Test("past the row limit the sheet continues with the same title, header, pane and filter")
    func splitAtRowLimit() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let url = folder.file("grande.xlsx")
        let writer = try XLSXWriter(url: url, constantMemory: true, dateFormat: "yyyy-mm-dd", maxRowsPerSheet: 10)
        let sheet = try writer.addSheet(name: "Datos", title: "Cartera", subtitle: "Fecha de referencia: 2026-11-24",
                                        columns: [OutputColumn("N"), OutputColumn("Texto")])
        // 3 heading rows, so 7 data rows per worksheet: 20 rows need 3 worksheets.
        for n in 1...20 {
            try sheet.append([.integer(n), .text("fila \(n)")])
        }
        #expect(sheet.names == ["Datos", "Datos (2)", "Datos (3)"])
        try writer.close()

        let xlsx = try XLSXPeek(url)
        #expect(try xlsx.sheetNames() == ["Datos", "Datos (2)", "Datos (3)"])
        for (index, (first, last)) in [(1, 7), (8, 14), (15, 20)].enumerated() {
            let xml = try #require(try xlsx.part("xl/worksheets/sheet\(index + 1).xml"))
            #expect(xml.contains("Cartera"))
            #expect(xml.contains(">N<") && xml.contains(">Texto<"))
            #expect(xml.contains("state=\"frozen\""))
            #expect(xml.contains("<autoFilter ref=\"A3:B\(3 + last - first + 1)\""))
            #expect(try #require(XLSXPeek.cell(xml, "A4")).contains("<v>\(first)</v>"))
            #expect(XLSXPeek.cell(xml, "A11") == nil)
        }
    }

    @Test("sheet names are made valid and unique")
    func sheetNames() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let url = folder.file("nombres.xlsx")
        let writer = try XLSXWriter(url: url)
        let long = String(repeating: "x", count: 40)
        let names = try ["a/b:c*d?[e]\\f", "Datos", "datos", long, long, "'", "History"].map {
            try writer.addSheet(name: $0, columns: [OutputColumn("A")]).currentName
        }
        #expect(names[0] == "a_b_c_d__e__f")
        #expect(names[1] == "Datos")
        #expect(names[2] == "datos (2)")
        #expect(names[3] == String(repeating: "x", count: 31))
        #expect(names[4] == String(repeating: "x", count: 27) + " (2)")
        #expect(names[5] == "Sheet")
        #expect(names[6] == "History_")
        try writer.close()
        #expect(try XLSXPeek(url).sheetNames() == names)
    }

    @Test("text longer than Excel's cell limit is cut with a marker")
    func longText() throws {
        let cut = ExcelLimits.cellText(String(repeating: "ñ", count: 40_000))
        #expect(cut.utf16.count == ExcelLimits.maxStringLength)
        #expect(cut.hasSuffix(ExcelLimits.truncationMarker))
        #expect(ExcelLimits.cellText("a\u{0}b") == "a\u{FFFD}b")

        let folder = try ScratchFolder()
        defer { folder.remove() }
        let url = folder.file("largo.xlsx")
        let writer = try XLSXWriter(url: url)
        let sheet = try writer.addSheet(name: "S", columns: [OutputColumn("A")])
        try sheet.append([.text(String(repeating: "a", count: 40_000)), .text("control \u{1} char")])
        try writer.close()
        let xml = try #require(try XLSXPeek(url).part("xl/worksheets/sheet1.xml"))
        #expect(xml.contains(ExcelLimits.truncationMarker))
        #expect(xml.contains("_x0001_"))
    }

    @Test("the target appears only on close; a dropped writer leaves nothing")
    func atomicity() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let url = folder.file("informe.xlsx")
        try Data("old".utf8).write(to: url)

        do {
            let writer = try XLSXWriter(url: url)
            let sheet = try writer.addSheet(name: "S", columns: [OutputColumn("A")])
            try sheet.append([.text("new")])
            #expect(try Data(contentsOf: url) == Data("old".utf8))
            try writer.close()
            #expect(try folder.contents() == ["informe.xlsx"])
            #expect(try XLSXPeek(url).sheetNames() == ["S"])
            // Closed: more rows are refused, closing again is harmless.
            #expect(throws: DealersError.self) { try sheet.append([.text("late")]) }
            try writer.close()
        }

        let dropped = folder.file("abandonado.xlsx")
        do {
            let writer = try XLSXWriter(url: dropped)
            let sheet = try writer.addSheet(name: "S", columns: [OutputColumn("A")])
            for n in 0..<100 { try sheet.append([.integer(n)]) }
            #expect(try folder.contents().count == 2)  // the target and the hidden temporary file
        }
        #expect(!FileManager.default.fileExists(atPath: dropped.path))
        #expect(try folder.contents() == ["informe.xlsx"])
    }

    @Test("a workbook that cannot be written names the file and libxlsxwriter's reason")
    func closeError() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let sub = folder.url.appendingPathComponent("out")
        let url = sub.appendingPathComponent("informe.xlsx")
        let writer = try XLSXWriter(url: url)
        _ = try writer.addSheet(name: "S", columns: [OutputColumn("A")])
        try FileManager.default.removeItem(at: sub)
        let error = try #require(throws: DealersError.self) { try writer.close() }
        #expect(error.path == url.path)
        #expect(error.description.contains("informe.xlsx"))
        #expect(error.message.contains("cannot write the workbook"))
        #expect(!FileManager.default.fileExists(atPath: url.path))
    }
}
