import Foundation
import Testing
@testable import DealersCore

@Suite("Error spool")
struct ErrorSpoolTests {
    static let awkward = "a;b\t\"c\"\r\nd,é ✓ =1+1"

    static func entry(_ line: Int, cells: [Cell] = [.text(awkward)], raw: [UInt8]? = Array("x;y\r\n".utf8)) -> ErrorSpool.Entry {
        let error = RowError(line: line, column: 2, field: "Nº Documento", value: awkward, code: .invalidFormat,
                             detail: LocalizedText(es: "letra, mal\t", en: "letter, wrong\n"))
        return ErrorSpool.Entry(key: line, record: SourceRecord(line: line, cells: cells, raw: raw), errors: [error])
    }

    @Test("an entry comes back as it went: text with delimiters, line breaks and accents, typed cells, no raw bytes")
    func roundTrip() throws {
        let cells: [Cell] = [.empty, .text(""), .text(Self.awkward), .number("1234.5"), .date(try #require(CivilDate(iso: "2026-11-24"))),
                             .boolean(true), .boolean(false)]
        for original in [Self.entry(7, cells: cells, raw: nil), Self.entry(3),
                         ErrorSpool.Entry(key: Int.max, record: nil, errors: [RowError(line: 0, code: .malformedFile)])] {
            var writer = SpillWriter()
            ErrorSpool.encode(original, to: &writer)
            let back = try #require(writer.bytes.withUnsafeBytes { bytes -> ErrorSpool.Entry? in
                var reader = SpillReader(bytes)
                return ErrorSpool.decode(&reader)
            })
            #expect(back.key == original.key)
            #expect(back.errors == original.errors)
            #expect(back.record?.line == original.record?.line)
            #expect(back.record?.cells == original.record?.cells)
            #expect(back.record?.raw == original.record?.raw)
        }
    }

    /// A delimited record as the reader makes it: cells as bytes in the file's encoding
    /// (Windows-1252 here: `é` is 0xE9), empty cells, the record's raw bytes.
    static func byteEntry(_ line: Int) -> ErrorSpool.Entry {
        let cells: [[UInt8]] = [Array("12345678Z".utf8), [], [0x4A, 0x6F, 0x73, 0xE9], [], [0x3B, 0x22]]
        var ends: [Int] = []
        for cell in cells { ends.append((ends.last ?? 0) + cell.count) }
        let byteCells = ByteCells(bytes: cells.flatMap { $0 }, ends: ends, encoding: .windows1252)
        let record = SourceRecord(line: line, byteCells: byteCells, raw: Array("12345678Z;;Jos".utf8) + [0xE9] + Array(";;\";\"\"\"\r\n".utf8), problem: nil)
        return ErrorSpool.Entry(key: line, record: record, errors: [RowError(line: line, column: 3, field: "Nombre", code: .invalidFormat)])
    }

    @Test("a delimited record keeps its cells as bytes in the spool and decodes them the same way after")
    func byteCellsRoundTrip() throws {
        let original = Self.byteEntry(11)
        var writer = SpillWriter()
        ErrorSpool.encode(original, to: &writer)
        let back = try #require(writer.bytes.withUnsafeBytes { bytes -> ErrorSpool.Entry? in
            var reader = SpillReader(bytes)
            return ErrorSpool.decode(&reader)
        })
        #expect(back.record?.byteCells == original.record?.byteCells)
        #expect(back.record?.cells == original.record?.cells)
        #expect(back.record?.cells[2] == .text("José"))
        #expect(back.record?.raw == original.record?.raw)
        #expect(back.errors == original.errors)
        for length in [writer.bytes.count / 3, writer.bytes.count / 2, writer.bytes.count - 1] {
            let decoded = writer.bytes.withUnsafeBytes { bytes -> ErrorSpool.Entry? in
                var reader = SpillReader(UnsafeRawBufferPointer(rebasing: bytes[0..<length]))
                return ErrorSpool.decode(&reader)
            }
            #expect(decoded == nil, "\(length) bytes")
        }
    }

    @Test("an entry cut short does not decode (a damaged run file is an error, not a wrong row)")
    func truncated() throws {
        var writer = SpillWriter()
        ErrorSpool.encode(Self.entry(3), to: &writer)
        for length in [0, 8, 9, writer.bytes.count / 2, writer.bytes.count - 1] {
            let decoded = writer.bytes.withUnsafeBytes { bytes -> ErrorSpool.Entry? in
                var reader = SpillReader(UnsafeRawBufferPointer(rebasing: bytes[0..<length]))
                return ErrorSpool.decode(&reader)
            }
            #expect(decoded == nil, "\(length) bytes")
        }
    }

    @Test("entries come out by line whatever order they went in, in as many runs as rising sequences")
    func mergesByLine() throws {
        let spool = ErrorSpool()
        // The first pass (rising), then the rows retried at the end (rising again), then a late file error.
        let order = [2, 5, 9, 12, 3, 7, 10, 0]
        for line in order { try spool.add(Self.entry(line)) }
        var out: [Int] = []
        try spool.drain { out.append($0.key) }
        #expect(out == order.sorted())
    }
}
