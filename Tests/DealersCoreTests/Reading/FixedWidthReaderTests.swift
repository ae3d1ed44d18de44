import Foundation
import Testing
@testable import DealersCore

@Suite("FixedWidthReader")
struct FixedWidthReaderTests {
    static func field(_ name: String, _ start: Int, _ end: Int) -> FixedWidthField {
        FixedWidthField(name: name, start: start, length: end - start + 1)
    }

    /// Norma 43 (AEB cuaderno 43) records 11, 22, 23, 33 and 88.
    static let norma43 = FixedWidthSpec(
        encoding: .windows1252, recordTypeStart: 1, recordTypeLength: 2,
        records: [
            "11": [field("bank", 3, 6), field("branch", 7, 10), field("account", 11, 20),
                   field("startDate", 21, 26), field("endDate", 27, 32), field("balanceSign", 33, 33),
                   field("openingBalance", 34, 47), field("currency", 48, 50), field("infoMode", 51, 51),
                   field("name", 52, 77)],
            "22": [field("free", 3, 6), field("branch", 7, 10), field("operationDate", 11, 16),
                   field("valueDate", 17, 22), field("commonConcept", 23, 24), field("ownConcept", 25, 27),
                   field("debitCredit", 28, 28), field("amount", 29, 42), field("document", 43, 52),
                   field("reference1", 53, 64), field("reference2", 65, 80)],
            "23": [field("dataCode", 3, 4), field("concept1", 5, 42), field("concept2", 43, 80)],
            "33": [field("bank", 3, 6), field("branch", 7, 10), field("account", 11, 20),
                   field("debitCount", 21, 25), field("debitTotal", 26, 39), field("creditCount", 40, 44),
                   field("creditTotal", 45, 58), field("balanceSign", 59, 59), field("finalBalance", 60, 73),
                   field("currency", 74, 76)],
            "88": [field("nines", 3, 20), field("recordCount", 21, 26)],
        ],
        recordLength: 80)

    static func records(_ url: URL, spec: FixedWidthSpec = norma43) throws -> [SourceRecord] {
        var out: [SourceRecord] = []
        try FixedWidthReader(url: url, spec: spec).read { out.append($0) }
        return out
    }

    static func records(bytes: [UInt8], spec: FixedWidthSpec) throws -> [SourceRecord] {
        let url = XLSXFixture.temporaryURL("txt")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(bytes).write(to: url)
        return try records(url, spec: spec)
    }

    @Test("Norma 43 example 1: CRLF, short records 11, 23 and 33, last line without a line break")
    func norma43Example1() throws {
        let rows = try Self.records(XLSXFixture.fixtures.appendingPathComponent("norma43-sequra-example1.n43"))
        #expect(rows.map(\.line) == Array(1...10))
        #expect(rows.compactMap(\.recordType) == ["11", "22", "23", "22", "23", "22", "23", "22", "23", "33"])

        let header = rows[0]
        #expect(header.cells.map(\.text) == ["9999", "1111", "0123456789", "040804", "040905", "2",
                                             "00000000123456", "978", "3", "MY ACCOUNT"])
        #expect(header.problem == .shortRecord(expected: 80, found: 61))

        let movement = rows[1]
        #expect(movement.problem == nil)
        #expect(movement.cells == ["1234", "6700", "040408", "040408", "04", "007", "2", "00000000001234",
                                   "0000000000", "000000000000", ""].map(Cell.text))
        #expect(movement.raw.map { Array($0.suffix(2)) } == [13, 10])
        #expect(movement.raw?.count == 82)

        let short = rows[4]
        #expect(short.recordType == "23")
        #expect(short.cells == [.text("01"), .text("A28152585"), .empty])
        #expect(short.problem == .shortRecord(expected: 80, found: 13))

        let totals = rows[9]
        #expect(totals.cells.map(\.text) == ["9999", "1111", "0123456789", "00004", "00000000004936", "00002",
                                             "00000000999999", "2", "78889999999999", "001"])
        #expect(totals.problem == .shortRecord(expected: 80, found: 76))
        #expect(totals.raw?.last == UInt8(ascii: "1"))
    }

    @Test("Norma 43 example 2: LF, transfers and Bizum, one 79-character record 23, no final line break")
    func norma43Example2() throws {
        let rows = try Self.records(XLSXFixture.fixtures.appendingPathComponent("norma43-sequra-example2.n43"))
        #expect(rows.count == 13)
        #expect(rows.first?.recordType == "11")
        #expect(rows.first?.cells.last == .text("SEQURA WORLDWIDE S.A."))
        #expect(rows.filter { $0.recordType == "22" }.count == 4)
        #expect(rows.filter { $0.recordType == "33" || $0.recordType == "88" }.isEmpty)

        let transfer = rows[1]
        #expect(transfer.cells.map(\.text) == ["0182", "7013", "250317", "250314", "04", "007", "2",
                                               "00000000009726", "6871166755", "TRANSFERENCI", "A48555633617"])
        #expect(rows[2].cells == [.text("01"), .text("MARIA NARANJO ENFLOR"), .text("A48555633617")])
        #expect(rows[3].cells == [.text("02"), .text(""), .text("01826874")])
        #expect(rows[5].line == 6)
        #expect(rows[5].problem == .shortRecord(expected: 80, found: 79))
        #expect(rows.filter { $0.problem != nil }.count == 1)
        #expect(rows.dropLast().allSatisfy { $0.raw?.count == ($0.line == 6 ? 80 : 81) && $0.raw?.last == 10 })
        #expect(rows.last?.raw?.count == 80)
    }

    static let simple = FixedWidthSpec(encoding: .windows1252, recordTypeStart: 1, recordTypeLength: 1,
                                       records: ["A": [field("code", 2, 4), field("name", 5, 10)]])

    @Test("Windows-1252 bytes decode; leading zeros stay; trailing spaces go")
    func windows1252() throws {
        let line: [UInt8] = Array("A007".utf8) + [0x4E, 0x55, 0xD1, 0x45, 0x5A] + Array(" \n".utf8)
        let rows = try Self.records(bytes: line, spec: Self.simple)
        #expect(rows.first?.cells == [.text("007"), .text("NUÑEZ")])
        #expect(rows.first?.problem == nil)
    }

    @Test("an invalid UTF-8 byte is an encoding problem on its field, with the lossy text")
    func invalidUTF8() throws {
        var spec = Self.simple
        spec.encoding = .utf8
        let rows = try Self.records(bytes: Array("A007".utf8) + [0x4E, 0xD1, 0x45] + [10], spec: spec)
        #expect(rows.first?.cells == [.text("007"), .text("N\u{FFFD}E")])
        #expect(rows.first?.problem == .encoding(column: 2))

        spec.encoding = .auto
        let auto = try Self.records(bytes: Array("A007".utf8) + [0x4E, 0xD1, 0x45, 10]
                                        + Array("A008Ñu".utf8) + [10], spec: spec)
        #expect(auto.map(\.cells) == [[.text("007"), .text("NÑE")], [.text("008"), .text("Ñu")]])
        #expect(auto.allSatisfy { $0.problem == nil })
    }

    @Test("empty lines are skipped but counted; unknown record types; a UTF-8 BOM is skipped")
    func emptyLinesAndUnknownTypes() throws {
        var spec = Self.simple
        spec.encoding = .utf8
        let text = "\u{FEFF}A001one\r\n\r\n\nZ999\nA002two"
        let rows = try Self.records(bytes: Array(text.utf8), spec: spec)
        #expect(rows.map(\.line) == [1, 4, 5])
        #expect(rows[0].cells == [.text("001"), .text("one")])
        #expect(rows[0].raw == Array("\u{FEFF}A001one\r\n".utf8))
        #expect(rows[1].cells.isEmpty)
        #expect(rows[1].recordType == "Z")
        #expect(rows[1].problem == .unknownRecordType("Z"))
        #expect(rows[2].raw == Array("A002two".utf8))
    }

    @Test("one record type: the code is empty")
    func singleRecordType() throws {
        let spec = FixedWidthSpec(encoding: .utf8, records: ["": [Self.field("a", 1, 2), Self.field("b", 3, 5)]],
                                  recordLength: 5)
        let rows = try Self.records(bytes: Array("12abc\n34".utf8), spec: spec)
        #expect(rows.map(\.cells) == [[.text("12"), .text("abc")], [.text("34"), .empty]])
        #expect(rows.map(\.recordType) == ["", ""])
        #expect(rows[1].problem == .shortRecord(expected: 5, found: 2))
    }

    @Test("many lines across read chunks keep their numbers and bytes")
    func acrossChunks() throws {
        var bytes: [UInt8] = []
        for i in 1...5000 {
            bytes += Array(("A" + String(format: "%03d", i % 1000) + "line\(i)").utf8) + [13, 10]
        }
        let rows = try Self.records(bytes: bytes, spec: Self.simple)
        #expect(rows.count == 5000)
        #expect(rows.last?.line == 5000)
        #expect(rows[4321].cells == [.text("322"), .text("line43")])
        #expect(rows.reduce(0) { $0 + ($1.raw?.count ?? 0) } == bytes.count)
    }

    @Test("a line longer than 1 MiB without a line break is an error")
    func overlongLine() throws {
        let bytes = Array("A001ok\n".utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: (1 << 20) + 10)
        let url = XLSXFixture.temporaryURL("txt")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(bytes).write(to: url)
        var seen = 0
        let error = try #require(throws: DealersError.self) {
            try FixedWidthReader(url: url, spec: Self.simple).read { _ in seen += 1 }
        }
        #expect(seen == 1)
        #expect(error.kind == .data)
        #expect(error.path == url.path)
        #expect(error.message.contains("longer than 1048576 bytes"))
    }

    @Test("a missing file and an impossible spec are errors")
    func errors() throws {
        let missing = XLSXFixture.temporaryURL("txt")
        let noInput = try #require(throws: DealersError.self) { try Self.records(missing) }
        #expect(noInput.kind == .noInput)
        let bad = FixedWidthSpec(records: ["": [FixedWidthField(name: "x", start: 0, length: 3)]])
        let layout = try #require(throws: DealersError.self) {
            try Self.records(XLSXFixture.fixtures.appendingPathComponent("norma43-sequra-example1.n43"), spec: bad)
        }
        #expect(layout.kind == .layout)
        #expect(layout.message.contains("\"x\""))
    }
}
