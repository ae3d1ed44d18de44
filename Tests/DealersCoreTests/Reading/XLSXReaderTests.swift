import Foundation
import Testing
@testable import DealersCore

@Suite("XLSXReader")
struct XLSXReaderTests {
    /// Reads every record of a workbook.
    static func records(_ url: URL, sheet: String? = nil, limits: XLSXLimits = .init()) throws -> [SourceRecord] {
        var out: [SourceRecord] = []
        try XLSXReader(url: url, sheet: sheet, limits: limits).read { out.append($0) }
        return out
    }

    /// Reads a one-sheet workbook built from a `<sheetData>` body.
    static func records(rows: String, sharedStrings: [String] = [], date1904: Bool = false) throws -> [SourceRecord] {
        let url = try XLSXFixture.write(XLSXFixture.parts(sheets: [("Sheet1", rows)], sharedStrings: sharedStrings,
                                                          date1904: date1904))
        defer { try? FileManager.default.removeItem(at: url) }
        return try records(url)
    }

    static func date(_ iso: String) -> Cell {
        CivilDate(iso: iso).map(Cell.date) ?? .empty
    }

    @Test("the committed workbook from another producer reads with types, gaps and row numbers")
    func otherProducerFixture() throws {
        let url = XLSXFixture.fixtures.appendingPathComponent("users-other-producer.xlsx")
        let rows = try Self.records(url)
        #expect(rows.map(\.line) == [1, 2, 4])
        #expect(rows[0].cells == [.text("id"), .text("name"), .text("joined"), .text("active"), .text("balance")])
        #expect(rows[1].cells == [.number("1"), .text("Ana Núñez"), Self.date("2023-03-15"), .boolean(true),
                                  .number("1234.5")])
        #expect(rows[2].cells == [.number("2"), .empty, Self.date("2024-01-01"), .boolean(false), .number("42")])
        #expect(rows.allSatisfy { $0.raw == nil && $0.problem == nil && $0.recordType == nil })

        let notes = try Self.records(url, sheet: "Notes")
        #expect(notes.map(\.cells) == [[.text("note")], [.text("second sheet")]])
        #expect(try XLSXReader(url: url).sheetNames() == ["Users", "Notes"])
    }

    /// `users-libxlsxwriter.xlsx` was written by libxlsxwriter 1.x from C: strings, a date with
    /// the custom format `dd/mm/yyyy`, a number formatted `#,##0.00 "€"`, a boolean, a formula
    /// with its cached result in row 4, and a second sheet "Otra".
    @Test("a workbook written by libxlsxwriter reads the same way")
    func libxlsxwriterFixture() throws {
        let url = XLSXFixture.fixtures.appendingPathComponent("users-libxlsxwriter.xlsx")
        let rows = try Self.records(url)
        #expect(rows.map(\.line) == [1, 2, 4])
        #expect(rows[0].cells == [.text("nombre"), .text("alta"), .text("importe"), .text("activo")])
        #expect(rows[1].cells == [.text("Peña  "), Self.date("2024-02-29"), .number("1234.56"), .boolean(true)])
        #expect(rows[2].cells == [.empty, .empty, .number("2469.12")])
        #expect(try Self.records(url, sheet: "Otra").map(\.cells) == [[.text("x")]])
    }

    @Test("regenerates the committed fixture", .enabled(if: ProcessInfo.processInfo.environment["DEALERS_WRITE_FIXTURES"] != nil))
    func writeFixture() throws {
        _ = try XLSXFixture.write(XLSXFixture.otherProducer.map { ($0.0, Data($0.1.utf8)) },
                                  to: XLSXFixture.fixtures.appendingPathComponent("users-other-producer.xlsx"))
    }

    @Test("shared strings with rich text runs, preserved spaces and phonetic hints; inline strings")
    func strings() throws {
        let rows = try Self.records(rows: """
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>\
            <c r="D1" t="inlineStr"><is><r><t>in</t></r><r><rPr><b/></rPr><t>line</t></r></is></c>\
            <c r="E1" t="str"><f>A1&amp;"!"</f><v>formula text</v></c><c r="F1" t="e"><v>#N/A</v></c>\
            <c r="G1" t="s"><v>3</v></c><c r="H1" t="s"><v>4</v></c></row>
            """, sharedStrings: [
                "<t>plain &amp; simple</t>",
                "<r><t>Rich </t></r><r><rPr><b/></rPr><t xml:space=\"preserve\">bold </t></r><r><t>end</t></r>",
                "<t xml:space=\"preserve\">  padded  </t>",
                "<t>東京</t><rPh sb=\"0\" eb=\"2\"><t>トウキョウ</t></rPh>",
                "<t/>",
            ])
        #expect(rows.count == 1)
        #expect(rows.first?.cells == [.text("plain & simple"), .text("Rich bold end"), .text("  padded  "),
                                      .text("inline"), .text("formula text"), .text("#N/A"), .text("東京")])
    }

    @Test("numbers are canonical decimal text; dates follow the style")
    func numbersAndStyles() throws {
        let rows = try Self.records(rows: """
            <row r="1"><c r="A1"><v>42</v></c><c r="B1"><v>1234.5</v></c><c r="C1"><v>0.10000000000000001</v></c>\
            <c r="D1"><v>-3.0</v></c><c r="E1"><v>1.5E+20</v></c><c r="F1"><v>1E-05</v></c>\
            <c r="G1" s="4"><v>7</v></c><c r="H1" s="3"><v>0.5</v></c></row>\
            <row r="2"><c r="A2" s="2"><v>45000</v></c><c r="B2" s="5"><v>45000.75</v></c>\
            <c r="C2" s="1"><v>0.25</v></c><c r="D2" t="d"><v>2024-05-01T00:00:00</v></c></row>
            """)
        #expect(rows.map(\.cells) == [
            [.number("42"), .number("1234.5"), .number("0.1"), .number("-3"), .number("150000000000000000000"),
             .number("0.00001"), .number("7"), .number("0.5")],
            [Self.date("2023-03-15"), Self.date("2023-03-15"), .number("0.25"), Self.date("2024-05-01")],
        ])
    }

    @Test("Excel serial dates in the 1900 system, leap-year quirk included",
          arguments: [(1, "1900-01-01"), (59, "1900-02-28"), (60, "1900-02-28"), (61, "1900-03-01"),
                      (45000, "2023-03-15"), (2958465, "9999-12-31")])
    func serials1900(serial: Int, iso: String) throws {
        let rows = try Self.records(rows: "<row r=\"3\"><c r=\"B3\" s=\"1\"><v>\(serial)</v></c></row>")
        #expect(rows.first?.cells == [.empty, Self.date(iso)])
        #expect(rows.first?.line == 3)
    }

    @Test("Excel serial dates in a 1904 workbook")
    func serials1904() throws {
        let rows = try Self.records(rows: """
            <row r="1"><c r="A1" s="1"><v>0</v></c><c r="B1" s="1"><v>1</v></c><c r="C1" s="2"><v>43538</v></c></row>
            """, date1904: true)
        #expect(rows.first?.cells == [Self.date("1904-01-01"), Self.date("1904-01-02"), Self.date("2023-03-15")])
    }

    @Test("serial date conversion directly")
    func serialFunction() {
        #expect(XLSXValues.date(serial: 61.99, date1904: false)?.description == "1900-03-01")
        #expect(XLSXValues.date(serial: 0, date1904: false) == nil)
        #expect(XLSXValues.date(serial: -1, date1904: true) == nil)
        #expect(XLSXValues.date(serial: 3_000_000, date1904: false) == nil)
    }

    @Test("booleans, empty cells and style-only rows")
    func booleansAndEmpties() throws {
        let rows = try Self.records(rows: """
            <row r="1"><c r="A1" t="b"><v>1</v></c><c r="B1" t="b"><v>0</v></c><c r="C1" s="1"/>\
            <c r="D1" t="inlineStr"><is><t></t></is></c></row>\
            <row r="2"><c r="A2" s="1"/><c r="B2" t="s"><v>0</v></c></row>\
            <row r="3" spans="1:3"/>
            """, sharedStrings: ["<t></t>"])
        #expect(rows.map(\.line) == [1])
        #expect(rows.first?.cells == [.boolean(true), .boolean(false)])
    }

    @Test("sparse rows: gaps by reference, cells without references follow, rows without r count on")
    func sparse() throws {
        let rows = try Self.records(rows: """
            <row r="2"><c r="C2"><v>3</v></c><c><v>4</v></c><c r="F2"><v>6</v></c></row>\
            <row><c><v>1</v></c><c r="$AA$3"><v>27</v></c></row>\
            <row r="10"><c r="B10"><v>2</v></c></row>
            """)
        #expect(rows.map(\.line) == [2, 3, 10])
        #expect(rows[0].cells == [.empty, .empty, .number("3"), .number("4"), .empty, .number("6")])
        #expect(rows[1].cells.count == 27)
        #expect(rows[1].cells.first == .number("1"))
        #expect(rows[1].cells.last == .number("27"))
        #expect(rows[2].cells == [.empty, .number("2")])
    }

    @Test("the sheet is chosen by name; without a name the first in workbook order")
    func chooseSheet() throws {
        let url = try XLSXFixture.write(XLSXFixture.parts(sheets: [
            ("First", "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"),
            ("Second", "<row r=\"1\"><c r=\"A1\"><v>2</v></c></row>"),
            ("Third", "<row r=\"1\"><c r=\"A1\"><v>3</v></c></row>"),
        ]))
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(try Self.records(url).first?.cells == [.number("1")])
        #expect(try Self.records(url, sheet: "Second").first?.cells == [.number("2")])
        #expect(try Self.records(url, sheet: "third").first?.cells == [.number("3")])
        let error = try #require(throws: DealersError.self) { try Self.records(url, sheet: "Fourth") }
        #expect(error.kind == .data)
        #expect(error.path == url.path)
        #expect(error.message.contains("no sheet named \"Fourth\""))
        #expect(error.message.contains("\"Second\""))
    }

    @Test("an empty sheet gives no records; a workbook without sheets is an error")
    func emptyWorkbook() throws {
        #expect(try Self.records(rows: "").isEmpty)
        let url = try XLSXFixture.write(XLSXFixture.parts(sheets: []))
        defer { try? FileManager.default.removeItem(at: url) }
        let error = try #require(throws: DealersError.self) { try Self.records(url) }
        #expect(error.kind == .data)
        #expect(error.message.contains("no sheets"))
    }

    @Test("errors from the handler stop reading and come back unchanged")
    func handlerError() throws {
        struct Stop: Error {}
        let url = try XLSXFixture.write(XLSXFixture.parts(sheets: [("S", """
            <row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row>
            """)]))
        defer { try? FileManager.default.removeItem(at: url) }
        var seen = 0
        #expect(throws: Stop.self) {
            try XLSXReader(url: url).read { _ in
                seen += 1
                throw Stop()
            }
        }
        #expect(seen == 1)
    }
}
