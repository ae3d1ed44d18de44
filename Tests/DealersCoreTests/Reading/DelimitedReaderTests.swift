import Foundation
import Testing
@testable import DealersCore

@Suite("Delimited reader (libcsv)")
struct DelimitedReaderTests {
    func temp(_ bytes: [UInt8]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dealers-csv-\(UUID().uuidString).csv")
        try Data(bytes).write(to: url)
        return url
    }

    func read(_ bytes: [UInt8], delimiter: Character = ";", encoding: TextEncoding = .auto) throws -> [SourceRecord] {
        let url = try temp(bytes)
        defer { try? FileManager.default.removeItem(at: url) }
        let format = DelimitedFormat(delimiter: delimiter.asciiValue ?? 59, quote: 34, encoding: encoding, headerRow: 1, skipRows: 0)
        var records: [SourceRecord] = []
        try DelimitedReader(url: url, format: format).read { records.append($0) }
        return records
    }

    @Test("CRLF, a BOM and quoted fields with newlines keep the lines a person sees")
    func linesWithQuotedNewlines() throws {
        let text = "\u{FEFF}a;b\r\n1;\"two\r\nlines\"\r\n\r\n3;x\r\n4;\"y;z\"\r\n"
        let records = try read(Array(text.utf8))
        #expect(records.map(\.line) == [1, 2, 5, 6])
        #expect(records[1].cells == [.text("1"), .text("two\r\nlines")])
        #expect(records[3].cells == [.text("4"), .text("y;z")])
        #expect(records[0].cells == [.text("a"), .text("b")])
        #expect(records[1].raw.map { String(decoding: $0, as: UTF8.self) } == "1;\"two\r\nlines\"\r\n")
    }

    @Test("Windows-1252 bytes decode with auto; invalid UTF-8 is an encoding problem with utf-8")
    func encodings() throws {
        let bytes: [UInt8] = Array("n;x\n".utf8) + [0x4E, 0xFA, 0xF1, 0x65, 0x7A, 0x3B, 0x80, 0x0A]   // Núñez;€
        let auto = try read(bytes)
        #expect(auto[1].cells == [.text("Núñez"), .text("€")])
        #expect(auto[1].problem == nil)
        let latin1 = try read(bytes, encoding: .iso88591)
        #expect(latin1[1].cells.first == .text("Núñez"))
        let strict = try read(bytes, encoding: .utf8)
        #expect(strict[1].problem == .encoding(column: 1))
    }

    @Test("LF files, commas and tabs as delimiters, a last line without newline")
    func dialects() throws {
        #expect(try read(Array("a,b\n1,2".utf8), delimiter: ",").last?.cells == [.text("1"), .text("2")])
        #expect(try read(Array("a\tb\n1\t2\n".utf8), delimiter: "\t").last?.cells == [.text("1"), .text("2")])
    }

    @Test("a lone CR ends a record too: every record is read, numbered by the LF line it starts on")
    func loneCarriageReturns() throws {
        let records = try read(Array("a;b\r1;2\r3;4\n5;6\n".utf8))
        #expect(records.map(\.cells.count) == [2, 2, 2, 2])
        #expect(records.map(\.line) == [1, 1, 1, 2])
        #expect(records[1].raw == Array("a;b\r1;2\r3;4\n".utf8))
        #expect(records[3].raw == Array("5;6\n".utf8))
    }

    @Test("ragged rows are read as they are, for validation to report")
    func ragged() throws {
        let records = try read(Array("a;b;c\n1;2\n1;2;3;4\n".utf8))
        #expect(records.map(\.cells.count) == [3, 2, 4])
    }

    @Test("an unterminated quote is a clear error naming the line")
    func unterminatedQuote() throws {
        do {
            _ = try read(Array("a;b\n1;2\n3;\"open\n4;5\n".utf8))
            Issue.record("no error")
        } catch let error as DealersError {
            #expect(error.kind == .data)
            #expect(error.message.contains("line 3"))
        }
    }

    @Test("binary garbage, an empty file and a 1 MB field end without a crash")
    func hostileInputs() throws {
        var generator = SystemRandomNumberGenerator()
        let garbage = (0..<100_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        do { _ = try read(garbage) } catch let error as DealersError { #expect(error.kind == .data) }
        #expect(try read([]).isEmpty)
        let big = "a;b\n" + String(repeating: "x", count: 1 << 20) + ";y\n"
        let records = try read(Array(big.utf8))
        #expect(records.count == 2)
        if case .text(let s) = records[1].cells[0] { #expect(s.utf8.count == 1 << 20) }
    }
}
