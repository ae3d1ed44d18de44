import Foundation
import Testing
@testable import DealersCore

/// The sample a layout is chosen from: the first rows of a workbook, read without its whole
/// shared-string table.
@Suite("Workbook samples")
struct WorkbookSampleTests {
    /// A sheet of `count` rows whose cells refer to shared strings in reverse order: the first
    /// rows need the last strings of the table.
    static func reversedWorkbook(rows count: Int) throws -> URL {
        let strings = (0..<(count * 2)).map { "<t>valor \($0)</t>" }
        let rows = (0..<count).map { r in
            let first = count * 2 - 1 - r * 2
            return "<row r=\"\(r + 1)\"><c r=\"A\(r + 1)\" t=\"s\"><v>\(first)</v></c><c r=\"B\(r + 1)\" t=\"s\"><v>\(first - 1)</v></c></row>"
        }.joined()
        return try XLSXFixture.write(XLSXFixture.parts(sheets: [("Hoja1", rows)], sharedStrings: strings))
    }

    static func texts(_ records: [SourceRecord]) -> [[String]] { records.map { $0.cells.map(\.text) } }

    @Test("the first rows are those of a full read, whichever strings they refer to", arguments: [1, 3, 40, 500])
    func firstRowsAsFullRead(limit: Int) throws {
        let url = try Self.reversedWorkbook(rows: 300)
        defer { try? FileManager.default.removeItem(at: url) }
        var all: [SourceRecord] = []
        try WorkbookReader(url: url).read { all.append($0) }
        var sample: [SourceRecord] = []
        try WorkbookReader(url: url).readFirst(limit) { sample.append($0) }
        #expect(Self.texts(sample) == Self.texts(Array(all.prefix(limit))))
        #expect(sample.map(\.line) == all.prefix(limit).map(\.line))
        #expect(Self.texts(sample).first == ["valor 599", "valor 598"])
    }

    @Test("a cell referring to a string the table does not have is refused in a sample too")
    func missingStringRefused() throws {
        let rows = "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row><row r=\"2\"><c r=\"A2\" t=\"s\"><v>9</v></c></row>"
        let url = try XLSXFixture.write(XLSXFixture.parts(sheets: [("Hoja1", rows)], sharedStrings: ["<t>uno</t>"]))
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(throws: DealersError.self) { try WorkbookReader(url: url).readFirst(5) { _ in } }
        #expect(throws: DealersError.self) { try WorkbookReader(url: url).read { _ in } }
    }
}
