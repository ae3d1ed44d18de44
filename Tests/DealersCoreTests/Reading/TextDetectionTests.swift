import Foundation
import Testing
@testable import DealersCore

@Suite("Encodings, text detection and the first rows")
struct TextDetectionTests {
    static let text = "Acción;Nombre\r\nALTA;\"José\r\nÑoño 😀\"\r\nBAJA;Zoë\r\n"

    func temp(_ bytes: [UInt8]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dealers-enc-\(UUID().uuidString).txt")
        try Data(bytes).write(to: url)
        return url
    }

    @Test("UTF-16 and UTF-32 files read as the same records as UTF-8, whatever the chunk size", arguments: [
        (TextEncoding.utf16le, true), (.utf16be, true), (.utf32le, true), (.utf32be, true), (.utf16le, false), (.utf16be, false),
    ])
    func wideEncodings(encoding: TextEncoding, mark: Bool) throws {
        let bytes = (mark ? encoding.byteOrderMark : []) + encoding.encode(Self.text)
        let url = try temp(bytes)
        defer { try? FileManager.default.removeItem(at: url) }
        let prefix = FilePrefix(bytes: bytes, isWhole: true)
        #expect(prefix.announcedEncoding?.encoding == encoding)
        #expect(prefix.notText(in: encoding, byteOrderMark: mark) == nil)
        for chunkSize in [1, 3, 7, 64 << 10] {
            var reader = DelimitedReader(url: url, format: DelimitedFormat(delimiter: 59, quote: 34, encoding: encoding, headerRow: 1, skipRows: 0))
            reader.chunkSize = chunkSize
            var records: [SourceRecord] = []
            try reader.read { records.append($0) }
            #expect(records.map(\.line) == [1, 2, 4])
            #expect(records.map { $0.cells.map(\.text) } == [["Acción", "Nombre"], ["ALTA", "José\r\nÑoño 😀"], ["BAJA", "Zoë"]])
            #expect(records.allSatisfy { $0.problem == nil })
            let back = records.map { RejectedText(encoding: encoding).encoded($0.raw ?? []) }.reduce([], +)
            #expect(back == encoding.encode(Self.text), "rejected rows go back in the file's encoding")
        }
    }

    @Test("an unpaired surrogate is an encoding error on its cell, not a silent replacement")
    func unpairedSurrogate() throws {
        let bytes = TextEncoding.utf16le.encode("a;b\r\nx;") + [0x00, 0xD8] + TextEncoding.utf16le.encode("y\r\n")
        let url = try temp(bytes)
        defer { try? FileManager.default.removeItem(at: url) }
        var records: [SourceRecord] = []
        try DelimitedReader(url: url, format: DelimitedFormat(delimiter: 59, quote: 34, encoding: .utf16le, headerRow: 1, skipRows: 0))
            .read { records.append($0) }
        #expect(records.last?.problem == .encoding(column: 2))
    }

    @Test("binary bytes are not text; text with one stray NUL is", arguments: [
        ([0x25, 0x50, 0x44, 0x46] + Array(repeating: UInt8(0), count: 200), false),
        (Array("a;b\r\nNUL;x\u{0}y\r\n".utf8) + Array(repeating: UInt8(ascii: "z"), count: 40), true),
        (Array("Acción;Nombre\r\n".utf8), true),
        ([UInt8](repeating: 0x01, count: 100), false),
    ])
    func textOrNot(bytes: [UInt8], isText: Bool) {
        let prefix = FilePrefix(bytes: bytes, isWhole: true)
        let (encoding, mark) = prefix.encoding(declared: .auto)
        #expect((prefix.notText(in: encoding, byteOrderMark: mark) == nil) == isText)
    }

    @Test("control characters are found in bytes and shown by name")
    func controls() {
        #expect(Array("a\tb\r\n".utf8).withUnsafeBufferPointer(ControlCharacters.contains) == false)
        #expect(Array("a\u{1B}b".utf8).withUnsafeBufferPointer(ControlCharacters.contains))
        #expect(ControlCharacters.visible("a\u{0}b\u{1B}") == "a<NUL>b<U+001B>")
    }

    @Test("NFC: decomposed text is composed; ASCII and composed text come back as they are")
    func nfc() {
        #expect(Array(TextNormalization.nfc("Jose\u{301}").utf8) == Array("Jos\u{E9}".utf8))
        #expect(TextNormalization.nfc("Núñez") == "Núñez")
        #expect(Array(TextNormalization.nfc("\u{212B}").utf8) == Array("\u{C5}".utf8))
    }

    @Test("the first rows split as the reader splits them: quotes, blank lines, CR, the lines a person sees")
    func prefixRecords() {
        let text = Array("t;;\r\n\r\na;\"b;\r\nc\"\r\nd;e".utf8)
        let whole = PrefixRecords.split(text[...], delimiter: 59, quote: 34, firstLine: 1, isWhole: true, limit: 20)
        #expect(whole == [PrefixRecord(line: 1, cells: ["t", "", ""]), PrefixRecord(line: 3, cells: ["a", "b;\r\nc"]),
                          PrefixRecord(line: 5, cells: ["d", "e"])])
        #expect(PrefixRecords.split(text[...], delimiter: 59, quote: 34, firstLine: 1, isWhole: false, limit: 20).count == 2)
        #expect(FilePrefix.sepLine(Array("sep=,\r\nx".utf8))?.delimiter == UInt8(ascii: ","))
        #expect(FilePrefix.sepLine(Array("sep=,x".utf8)) == nil)
    }
}
