import Foundation
import Testing
@testable import DealersCore

@Suite("XLSXReader malformed files and limits")
struct XLSXReaderMalformedTests {
    /// The error reading a workbook gives, with its kind and path checked.
    static func error(_ url: URL, limits: XLSXLimits = .init(), sourceLocation: SourceLocation = #_sourceLocation)
        throws -> DealersError {
        let error = try #require(throws: DealersError.self, sourceLocation: sourceLocation) {
            try XLSXReader(url: url, limits: limits).read { _ in }
        }
        #expect(error.kind == .data, sourceLocation: sourceLocation)
        #expect(error.path == url.path, sourceLocation: sourceLocation)
        return error
    }

    static func workbook(replacing part: String, with text: String) throws -> URL {
        let parts = XLSXFixture.parts(sheets: [("S", "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>")])
        return try XLSXFixture.write(parts.map { $0.0 == part ? (part, text) : $0 })
    }

    @Test("binary garbage is not a ZIP archive")
    func notAZip() throws {
        let url = XLSXFixture.temporaryURL("xlsx")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ 13) }).write(to: url)
        #expect(try Self.error(url).message.contains("not a ZIP archive"))
    }

    @Test("an encrypted workbook (an OLE compound document) is named as such")
    func oleDocument() throws {
        let url = XLSXFixture.temporaryURL("xlsx")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 1024)).write(to: url)
        #expect(try Self.error(url).message.contains("password-protected"))
    }

    @Test("a ZIP archive without a workbook")
    func missingWorkbook() throws {
        let url = try XLSXFixture.write([("hello.txt", "not a workbook")])
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(try Self.error(url).message.contains("no workbook part"))
    }

    @Test("a missing file is .noInput")
    func missingFile() throws {
        let url = XLSXFixture.temporaryURL("xlsx")
        let error = try #require(throws: DealersError.self) { try XLSXReader(url: url).read { _ in } }
        #expect(error.kind == .noInput)
    }

    @Test("malformed XML names the part")
    func malformedXML() throws {
        let url = try Self.workbook(replacing: "xl/worksheets/sheet1.xml",
                                    with: "<worksheet><sheetData><row r=\"1\"><c r=\"A1\"><v>1</c></sheetData>")
        defer { try? FileManager.default.removeItem(at: url) }
        let message = try Self.error(url).message
        #expect(message.contains("xl/worksheets/sheet1.xml is not well-formed XML"))
    }

    @Test("a DOCTYPE with an entity is refused", arguments: ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"])
    func doctype(part: String) throws {
        let evil = """
            <?xml version="1.0"?>
            <!DOCTYPE lol [<!ENTITY lol "lollollollollollollol">]>
            <worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol;</t></is></c></row></sheetData></worksheet>
            """
        let url = try Self.workbook(replacing: part, with: evil)
        defer { try? FileManager.default.removeItem(at: url) }
        let message = try Self.error(url).message
        #expect(message.contains(part) && message.contains("DOCTYPE"))
    }

    @Test("the markup scanner finds a DOCTYPE split across chunks, and UTF-16")
    func scannerAcrossChunks() throws {
        struct Ignore: MarkupHandler {
            mutating func start(_ tag: MarkupTag) throws {}
            mutating func end(_ name: MarkupName) throws {}
            mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) throws {}
        }
        func feed(_ scanner: inout MarkupScanner, _ text: [UInt8]) throws {
            var handler = Ignore()
            try text.withUnsafeBytes { try scanner.feed($0, to: &handler) }
        }
        var scanner = MarkupScanner()
        try feed(&scanner, Array("<?xml version=\"1.0\"?><!-- a --><!DOC".utf8))
        let error = try #require(throws: MarkupError.self) { try feed(&scanner, Array("TYPE x><a/>".utf8)) }
        #expect(error.kind == .notAcceptable && error.reason.contains("DOCTYPE"))
        var clean = MarkupScanner()
        try feed(&clean, Array("<a><![CDATA[x]]><!-- DOCTYPE --></a>".utf8))
        var ignore = Ignore()
        try clean.finish(&ignore)
        var utf16 = MarkupScanner()
        #expect(throws: MarkupError.self) { try feed(&utf16, [0xFF, 0xFE, 0x3C, 0x00, 0x61, 0x00, 0x2F, 0x00, 0x3E, 0x00]) }
    }

    /// A worksheet of `rows` rows of the same cell: several MiB that deflate to a few KiB.
    static func bomb(rows: Int) throws -> URL {
        let row = "<row><c t=\"inlineStr\"><is><t>aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa</t></is></c></row>"
        let body = String(repeating: row, count: rows)
        return try workbook(replacing: "xl/worksheets/sheet1.xml", with: XLSXFixture.sheet(body))
    }

    @Test("an entry larger than the limit is refused from its declared size")
    func declaredSizeLimit() throws {
        let url = try Self.bomb(rows: 20_000)
        defer { try? FileManager.default.removeItem(at: url) }
        let message = try Self.error(url, limits: XLSXLimits(maxUncompressedEntryBytes: 256 * 1024)).message
        #expect(message.contains("xl/worksheets/sheet1.xml declares"))
        #expect(message.contains("262144"))
    }

    @Test("an entry compressed beyond the ratio limit is refused")
    func ratioLimit() throws {
        let url = try Self.bomb(rows: 40_000)
        defer { try? FileManager.default.removeItem(at: url) }
        let message = try Self.error(url, limits: XLSXLimits(maxCompressionRatio: 20, compressionRatioGraceBytes: 1 << 20)).message
        #expect(message.contains("expands more than 20 times"))
        // Identical rows deflate about 300 times: refused by a ratio of 200 once past the grace
        // size, read with a higher ratio.
        #expect(try Self.error(url, limits: XLSXLimits(compressionRatioGraceBytes: 1 << 20)).message.contains("expands more than 200 times"))
        var count = 0
        try XLSXReader(url: url, limits: XLSXLimits(maxCompressionRatio: 2000)).read { _ in count += 1 }
        #expect(count == 40_000)
    }

    @Test("a header that lies about the size is caught by counting the inflated bytes")
    func lyingHeader() throws {
        let url = try Self.bomb(rows: 20_000)
        defer { try? FileManager.default.removeItem(at: url) }
        try patchUncompressedSize(of: "xl/worksheets/sheet1.xml", in: url, to: 1000)
        let message = try Self.error(url).message
        #expect(message.contains("more than the 1000 bytes its ZIP header declares"))
        let bounded = try Self.error(url, limits: XLSXLimits(maxUncompressedEntryBytes: 4096)).message
        #expect(bounded.contains("xl/worksheets/sheet1.xml"))
    }

    @Test("shared strings beyond their memory limit are refused")
    func sharedStringsLimit() throws {
        let items = (0..<2000).map { "<t>shared string number \($0)</t>" }
        let parts = XLSXFixture.parts(sheets: [("S", "")], sharedStrings: items)
        let url = try XLSXFixture.write(parts)
        defer { try? FileManager.default.removeItem(at: url) }
        let message = try Self.error(url, limits: XLSXLimits(maxSharedStringsBytes: 10_000)).message
        #expect(message.contains("xl/sharedStrings.xml holds more than 10000 bytes"))
    }

    @Test("cells beyond the column limit, bad shared string indexes and bad booleans are errors",
          arguments: [
            ("<row r=\"1\"><c r=\"XFE1\"><v>1</v></c></row>", "beyond column 16384"),
            ("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>5</v></c></row>", "shared string \"5\""),
            ("<row r=\"1\"><c r=\"A1\" t=\"b\"><v>yes</v></c></row>", "expected 0 or 1"),
            ("<row r=\"1\"><c r=\"A1\"><v>abc</v></c></row>", "expected a number"),
            ("<row r=\"1\"><c r=\"11\"><v>1</v></c></row>", "expected a column and a row"),
          ])
    func cellErrors(rows: String, expected: String) throws {
        let url = try Self.workbook(replacing: "xl/worksheets/sheet1.xml", with: XLSXFixture.sheet(rows))
        defer { try? FileManager.default.removeItem(at: url) }
        let message = try Self.error(url).message
        #expect(message.contains(expected), "\(message)")
    }

    /// Rewrites the uncompressed size of a ZIP entry in its local and central headers.
    func patchUncompressedSize(of name: String, in url: URL, to size: UInt32) throws {
        var bytes = [UInt8](try Data(contentsOf: url))
        let nameBytes = Array(name.utf8)
        func u32(_ at: Int) -> UInt32 { (0..<4).reduce(0) { $0 | UInt32(bytes[at + $1]) << (8 * $1) } }
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        var patched = 0
        var i = 0
        while i + 46 <= bytes.count {
            let signature = u32(i)
            let (nameOffset, sizeOffset): (Int, Int)
            if signature == 0x0403_4B50 { (nameOffset, sizeOffset) = (30, 22) }
            else if signature == 0x0201_4B50 { (nameOffset, sizeOffset) = (46, 24) }
            else { i += 1; continue }
            let nameLength = u16(i + (signature == 0x0403_4B50 ? 26 : 28))
            if nameLength == nameBytes.count, Array(bytes[(i + nameOffset)..<(i + nameOffset + nameLength)]) == nameBytes {
                for k in 0..<4 { bytes[i + sizeOffset + k] = UInt8(truncatingIfNeeded: size >> (8 * UInt32(k))) }
                patched += 1
            }
            i += 4
        }
        #expect(patched == 2)
        try Data(bytes).write(to: url)
    }
}
