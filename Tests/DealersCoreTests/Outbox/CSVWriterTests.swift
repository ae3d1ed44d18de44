import Foundation
import Testing
@testable import DealersCore

@Suite("CSV Writer")
struct CSVWriterTests {
    @Test("Spanish Excel dialect: BOM, semicolons, CRLF, decimal comma, dd/mm/yyyy")
    func spanish() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let url = folder.file("informe.csv")
        let writer = try CSVWriter(url: url, dialect: .spanishExcel)
        try writer.appendRaw(["Fecha", "Importe", "Nota"])
        try writer.append([
            .date(try #require(CivilDate(year: 2026, month: 3, day: 5))),
            .money(Decimal(string: "1234.5") ?? 0, currency: "EUR"),
            .text("dice \"hola\"; adiós\nsegunda línea"),
        ])
        try writer.append([.decimal(Decimal(string: "-0.125") ?? 0), .integer(-7), .boolean(false), .empty,
                           .money(3, currency: "EUR")])
        try writer.close()

        let bytes = try Data(contentsOf: url)
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(text == "Fecha;Importe;Nota\r\n"
            + "05/03/2026;1234,50;\"dice \"\"hola\"\"; adiós\nsegunda línea\"\r\n"
            + "-0,125;-7;FALSE;;3,00\r\n")
    }

    @Test("English dialect: commas, decimal point, ISO dates; a comma in a number is quoted")
    func english() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let url = folder.file("report.csv")
        let writer = try CSVWriter(url: url, dialect: .english)
        #expect(writer.dateFormat == "yyyy-mm-dd")
        try writer.append([.date(try #require(CivilDate(year: 2026, month: 11, day: 24))),
                           .decimal(Decimal(string: "12.5") ?? 0), .text("a,b"), .text("cr\rhere")])
        try writer.close()
        let text = String(decoding: try Data(contentsOf: url).dropFirst(3), as: UTF8.self)
        #expect(text == "2026-11-24,12.5,\"a,b\",\"cr\rhere\"\r\n")

        let commaDecimals = CSVDialect(delimiter: ",", byteOrderMark: false, lineEnding: "\n", decimalSeparator: ",")
        let other = folder.file("other.csv")
        let w2 = try CSVWriter(url: other, dialect: commaDecimals, dateFormat: "d/m/yy")
        try w2.append([.decimal(Decimal(string: "1.5") ?? 0), .date(try #require(CivilDate(year: 2026, month: 3, day: 5)))])
        try w2.close()
        #expect(try String(contentsOf: other, encoding: .utf8) == "\"1,5\",5/3/26\n")
    }

    @Test("formula injection is neutralised in text, not in numbers")
    func injection() throws {
        #expect(neutralizeFormula("=SUM(A1:A2)") == "'=SUM(A1:A2)")
        #expect(neutralizeFormula("+34 600") == "'+34 600")
        #expect(neutralizeFormula("-1") == "'-1")
        #expect(neutralizeFormula("@cmd") == "'@cmd")
        #expect(neutralizeFormula("\tx") == "'\tx")
        #expect(neutralizeFormula("\rx") == "'\rx")
        #expect(neutralizeFormula("a=b") == "a=b")
        #expect(neutralizeFormula("") == "")

        let folder = try ScratchFolder()
        defer { folder.remove() }
        let url = folder.file("x.csv")
        let writer = try CSVWriter(url: url, dialect: .spanishExcel)
        try writer.append([.text("=SUM(A1)"), .integer(-5), .money(-2, currency: "EUR"), .text("=HYPERLINK(\"h\";\"x\")")])
        try writer.appendRaw(["@x", "ok"])
        try writer.close()
        let text = String(decoding: try Data(contentsOf: url).dropFirst(3), as: UTF8.self)
        #expect(text == "'=SUM(A1);-5;-2,00;\"'=HYPERLINK(\"\"h\"\";\"\"x\"\")\"\r\n'@x;ok\r\n")
    }

    @Test("a file without BOM starting with ID is quoted so Excel does not take it for SYLK")
    func sylk() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let url = folder.file("ids.csv")
        let dialect = CSVDialect(delimiter: ";", byteOrderMark: false, lineEnding: "\r\n", decimalSeparator: ",")
        let writer = try CSVWriter(url: url, dialect: dialect)
        try writer.appendRaw(["ID", "ID"])
        try writer.close()
        #expect(try String(contentsOf: url, encoding: .utf8) == "\"ID\";ID\r\n")
    }

    @Test("the target appears only on close; a dropped writer leaves nothing")
    func atomicity() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let url = folder.file("salida.csv")
        try Data("old".utf8).write(to: url)
        do {
            let writer = try CSVWriter(url: url, dialect: .spanishExcel)
            // Enough rows to pass the buffer several times.
            for n in 0..<20_000 { try writer.append([.integer(n), .text("fila \(n)")]) }
            #expect(try Data(contentsOf: url) == Data("old".utf8))
            try writer.close()
            let lines = String(decoding: try Data(contentsOf: url), as: UTF8.self).components(separatedBy: "\r\n")
            #expect(lines.count == 20_001)
            #expect(lines[19_999] == "19999;fila 19999")
            #expect(try folder.contents() == ["salida.csv"])
            #expect(throws: DealersError.self) { try writer.append([.integer(1)]) }
        }
        let dropped = folder.file("abandonado.csv")
        do {
            let writer = try CSVWriter(url: dropped, dialect: .english)
            for n in 0..<20_000 { try writer.append([.integer(n)]) }
        }
        #expect(!FileManager.default.fileExists(atPath: dropped.path))
        #expect(try folder.contents() == ["salida.csv"])
    }

    @Test("the dialect round-trips through JSON and bad delimiters are refused")
    func dialect() throws {
        let data = try JSONEncoder().encode(CSVDialect.spanishExcel)
        #expect(try JSONDecoder().decode(CSVDialect.self, from: data) == .spanishExcel)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(CSVDialect.self, from: Data(#"{"delimiter":";;","byteOrderMark":true,"lineEnding":"\n","decimalSeparator":","}"#.utf8))
        }
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let quote = CSVDialect(delimiter: "\"", byteOrderMark: true, lineEnding: "\r\n", decimalSeparator: ",")
        let error = try #require(throws: DealersError.self) { try CSVWriter(url: folder.file("q.csv"), dialect: quote) }
        #expect(error.kind == .config)
        #expect(try folder.contents().isEmpty)
    }
}
