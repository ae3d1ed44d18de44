import Foundation
import Testing
@testable import DealersCore

@Suite("MarkupScanner")
struct MarkupScannerTests {
    /// Every event as text: `<name k=v>`, `</name>`, `"text"`.
    struct Recorder: MarkupHandler {
        var events: [String] = []
        var attributeNames: [StaticString] = ["r", "t", "s", "id", "table:name", "a", "b"]

        mutating func start(_ tag: MarkupTag) throws {
            let name = String(decoding: tag.local.bytes, as: UTF8.self)
            let attributes = attributeNames.compactMap { key in tag.string(key).map { " \(key)=\($0)" } }.joined()
            events.append("<\(name)\(attributes)>")
        }

        mutating func end(_ name: MarkupName) throws {
            events.append("</\(String(decoding: name.bytes, as: UTF8.self))>")
        }

        mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) throws {
            let text = String(decoding: bytes, as: UTF8.self)
            // Text between two tags may come in pieces (CDATA): join them.
            if let last = events.last, last.hasPrefix("\""), last.hasSuffix("\"") {
                events[events.count - 1] = String(last.dropLast()) + text + "\""
            } else {
                events.append("\"\(text)\"")
            }
        }
    }

    /// The events of a document fed in chunks of `sizes` (cycled), or the error.
    static func scan(_ document: [UInt8], chunks sizes: [Int] = [Int.max]) -> Result<[String], MarkupError> {
        var scanner = MarkupScanner()
        var recorder = Recorder()
        do {
            var start = 0, k = 0
            while start < document.count {
                let end = min(document.count, start + max(1, sizes[k % sizes.count]))
                try Array(document[start..<end]).withUnsafeBytes { try scanner.feed($0, to: &recorder) }
                start = end
                k += 1
            }
            try scanner.finish(&recorder)
            return .success(recorder.events)
        } catch let error as MarkupError {
            return .failure(error)
        } catch {
            Issue.record("unexpected \(error)")
            return .success([])
        }
    }

    static let sheet = Array(XLSXFixture.sheet("""
        <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><r><t>in</t></r><r><t xml:space="preserve"> line </t></r></is></c></row>\
        <row r="2"><c r="A2"><f>SUM(A1:A2)</f><v>9.899999999999999</v></c><!-- a comment --><c r="B2" t="str"><v>a &amp; b &lt;c&gt; &#233;&#x1F600; "q" 'a'</v></c></row>\
        <?pi some data?><row r="3"><c r="A3" t="inlineStr"><is><t><![CDATA[<raw> & ]]>text</t></is></c></row>
        """).utf8)

    @Test("events are the same whatever the chunks: whole, one byte at a time, or odd sizes")
    func chunking() throws {
        let whole = try Self.scan(Self.sheet).get()
        #expect(whole.contains("<c r=A1 t=s>"))
        #expect(whole.contains("\"a & b <c> é😀 \"q\" 'a'\""))
        #expect(whole.contains("\"<raw> & text\""))
        #expect(whole.contains("\" line \""))
        for sizes in [[1], [2], [3, 7], [13, 1, 64], [100]] {
            #expect(try Self.scan(Self.sheet, chunks: sizes).get() == whole, "chunks of \(sizes)")
        }
    }

    @Test("line ends are LF in text and spaces in attribute values; a BOM and the declaration are skipped")
    func normalisation() throws {
        let document = Array("\u{FEFF}<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<a t=\"x\ty\r\nz\">1\r\n2\r3</a>\r\n".utf8)
        #expect(try Self.scan(document).get() == ["<a t=x y z>", "\"1\n2\n3\"", "</a>"])
    }

    @Test("names are matched without their prefix; attributes by qualified, then local name")
    func prefixes() throws {
        let document = Array("<x:row xmlns:x=\"u\" x:r=\"3\" r:id=\"rId1\" table:name=\"Hoja\"><x:c/></x:row>".utf8)
        #expect(try Self.scan(document).get() == ["<row r=3 id=rId1 table:name=Hoja>", "<c>", "</c>", "</row>"])
    }

    @Test("malformed XML is refused with its line and column", arguments: [
        ("<a><b></a>", "does not close <b>", 1, 7),
        ("<a>\n<b>\n</c></a>", "does not close <b>", 3, 1),
        ("<a>x &bogus; y</a>", "not defined", 1, 6),
        ("<a>x & y</a>", "does not start a reference", 1, 6),
        ("<a>&#1;</a>", "names no XML character", 1, 4),
        ("<a>&#xD800;</a>", "names no XML character", 1, 4),
        ("<a>x]]>y</a>", "\"]]>\"", 1, 5),
        ("<a>\u{1}</a>", "control character U+0001", 1, 4),
        ("<a b=\"1\" b=\"2\"/>", "repeated", 1, 10),
        ("<a b=1/>", "not quoted", 1, 6),
        ("<a b=\"<\"/>", "holds \"<\"", 1, 7),
        ("<a b=\"1\"c=\"2\"/>", "separated by white space", 1, 9),
        ("<a></a><b/>", "after the root element", 1, 8),
        ("text<a/>", "before the root element", 1, 1),
        ("<a/>text", "after the root element", 1, 5),
        ("<a><!-- x -- y --></a>", "\"--\"", 1, 11),
        ("<a>", "before the element <a> is closed", 1, 4),
        ("<a><b", "ends inside a tag", 1, 4),
        ("", "no root element", 1, 1),
        ("<a>< b/></a>", "not followed by a tag name", 1, 5),
        ("<a/><?xml version=\"1.0\"?>", "only at the start", 1, 5),
        ("<?xml version=\"2.0\"?><a/>", "version", 1, 7),
        ("<?xml encoding=\"UTF-8\"?><a/>", "out of place", 1, 7),
      ])
    func malformed(document: String, reason: String, line: Int, column: Int) {
        guard case .failure(let error) = Self.scan(Array(document.utf8)) else {
            Issue.record("\(document) was accepted")
            return
        }
        #expect(error.kind == .notWellFormed)
        #expect(error.reason.contains(reason), "\(error.reason)")
        #expect(error.line == line && error.column == column, "\(document): \(error.message)")
    }

    @Test("bytes that are not UTF-8 are refused wherever they are", arguments: [
        [0x3C, 0x61, 0x3E, 0xC3, 0x28, 0x3C, 0x2F, 0x61, 0x3E],             // <a>\xC3(</a>
        [0x3C, 0x61, 0x20, 0x62, 0x3D, 0x22, 0xFF, 0x22, 0x2F, 0x3E],       // <a b="\xFF"/>
        [0x3C, 0x61, 0xC3, 0x2F, 0x3E],                                     // <a\xC3/>
        [0x3C, 0x61, 0x3E, 0x3C, 0x21, 0x2D, 0x2D, 0xED, 0xA0, 0x80, 0x2D, 0x2D, 0x3E, 0x3C, 0x2F, 0x61, 0x3E], // a surrogate in a comment
        [0x3C, 0x61, 0x3E, 0xE0, 0x80, 0x80, 0x3C, 0x2F, 0x61, 0x3E],       // overlong
      ])
    func notUTF8(bytes: [UInt8]) {
        guard case .failure(let error) = Self.scan(bytes) else { Issue.record("\(bytes) was accepted"); return }
        #expect(error.reason.contains("not valid UTF-8"), "\(error.message)")
    }

    @Test("DOCTYPE, ENTITY, UTF-16 and other encodings are not acceptable", arguments: [
        ("<!DOCTYPE a><a/>", "DOCTYPE"),
        ("<a><!ENTITY x \"y\"></a>", "entity"),
        ("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a/>", "ISO-8859-1"),
      ])
    func notAcceptable(document: String, reason: String) {
        guard case .failure(let error) = Self.scan(Array(document.utf8)) else { Issue.record("\(document) was accepted"); return }
        #expect(error.kind == .notAcceptable && error.reason.contains(reason), "\(error.message)")
    }

    @Test("a construct longer than the pending limit is refused, not buffered without end")
    func pendingLimit() {
        var scanner = MarkupScanner(maxPendingBytes: 1000)
        var recorder = Recorder()
        let error = #expect(throws: MarkupError.self) {
            try Array("<a>".utf8).withUnsafeBytes { try scanner.feed($0, to: &recorder) }
            for _ in 0..<20 { try Array(repeating: UInt8(ascii: "x"), count: 100).withUnsafeBytes { try scanner.feed($0, to: &recorder) } }
        }
        #expect(error?.reason.contains("longer than 1000 bytes") == true)
    }
}
