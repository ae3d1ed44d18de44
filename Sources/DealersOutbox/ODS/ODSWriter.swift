import Foundation
import ZIPFoundation
import DealersModel
import DealersSupport

/// Writes rows into a one-sheet OpenDocument spreadsheet (`.ods`), for the rejected rows of an
/// `.ods` input: the smallest valid package — `mimetype` stored first and uncompressed,
/// `META-INF/manifest.xml`, `content.xml` — with ZIPFoundation.
///
/// Rows stream into a temporary `content.xml` next to the target, so memory does not grow with
/// them; ``close()`` packs it and moves the package into place atomically. Text stays text
/// (spaces, tabs and line breaks as OpenDocument spells them), numbers are `float`, amounts
/// `currency`, dates `date` shown as dd/mm/yyyy, booleans `boolean`.
package final class ODSWriter {
    /// The package being written.
    package let url: URL
    private let contentURL: URL
    private var content: OpenFile?
    private var pending: [UInt8] = []
    private var written = 0

    /// Starts a spreadsheet with one sheet and a header row (bold) of `columns`.
    /// - Throws: a ``DealersError`` naming the file when its folder cannot be written.
    package init(url: URL, sheet: String, columns: [String]) throws {
        self.url = url
        try AtomicFile.createDirectory(url.deletingLastPathComponent())
        contentURL = URL(fileURLWithPath: AtomicFile.temporaryURL(for: url).path + ".content.xml")
        content = try OpenFile(contentURL.path, .readWriteNew, failure: .cannotCreate)
        append(Self.prologue(sheet: sheet, width: max(columns.count, 1)))
        append("<table:table-row>")
        for header in columns { cell(.text(header), style: "ce2") }
        append("</table:table-row>")
    }

    deinit {
        content?.closeIgnoringErrors()
        _ = try? FileSystem.remove(contentURL.path)
    }

    /// Appends one row.
    package func append(_ row: [OutputValue]) throws {
        append("<table:table-row>")
        for value in row { cell(value) }
        append("</table:table-row>")
        if pending.count >= 1 << 16 { try flush() }
    }

    /// Packs the spreadsheet and moves it into place.
    /// - Throws: a ``DealersError`` naming the file when it cannot be written.
    package func close() throws {
        guard let content else { return }
        append("</table:table></office:spreadsheet></office:body></office:document-content>")
        try flush()
        self.content = nil
        defer { content.closeIgnoringErrors(); _ = try? FileSystem.remove(contentURL.path) }
        let temporary = AtomicFile.temporaryURL(for: url)
        do {
            let archive = try Archive(url: temporary, accessMode: .create)
            try add(archive, "mimetype", Data(Self.mediaType.utf8), compressed: false)
            try add(archive, "META-INF/manifest.xml", Data(Self.manifest.utf8), compressed: true)
            let size = written
            try archive.addEntry(with: "content.xml", type: .file, uncompressedSize: Int64(size), compressionMethod: .deflate) { position, count in
                var chunk = Data(count: count)
                let read = try chunk.withUnsafeMutableBytes { try content.read(into: $0, at: Int(position)) }
                return chunk.prefix(read)
            }
        } catch let error as DealersError {
            _ = try? FileSystem.remove(temporary.path)
            throw error.about(url.path)
        } catch {
            _ = try? FileSystem.remove(temporary.path)
            throw DealersError(.io, path: url.path, "writing the spreadsheet failed: \(error)")
        }
        try AtomicFile.commit(temp: temporary, to: url)
    }

    private func add(_ archive: Archive, _ path: String, _ data: Data, compressed: Bool) throws {
        try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count),
                             compressionMethod: compressed ? .deflate : .none) { position, count in
            data.subdata(in: Int(position)..<Int(position) + count)
        }
    }

    private func flush() throws {
        guard let content, !pending.isEmpty else { return }
        do {
            try pending.withUnsafeBytes { try content.write($0) }
        } catch let error as DealersError {
            throw error.about(url.path)
        }
        written += pending.count
        pending.removeAll(keepingCapacity: true)
    }

    private func append(_ text: String) { pending.append(contentsOf: text.utf8) }

    /// One cell in OpenDocument's spelling of its value.
    private func cell(_ value: OutputValue, style: String? = nil) {
        let styled = style.map { " table:style-name=\"\($0)\"" } ?? ""
        switch value {
        case .empty:
            append("<table:table-cell/>")
        case .text(let text):
            append("<table:table-cell\(styled) office:value-type=\"string\">" + Self.paragraphs(text) + "</table:table-cell>")
        case .integer(let n):
            append("<table:table-cell office:value-type=\"float\" office:value=\"\(n)\"><text:p>\(n)</text:p></table:table-cell>")
        case .decimal(let d):
            append("<table:table-cell office:value-type=\"float\" office:value=\"\(d)\"><text:p>\(d)</text:p></table:table-cell>")
        case .money(let d, let currency):
            append("<table:table-cell office:value-type=\"currency\" office:currency=\"\(Self.escaped(currency))\" office:value=\"\(d)\">"
                   + "<text:p>\(d) \(Self.escaped(currency))</text:p></table:table-cell>")
        case .date(let date):
            let shown = String(format: "%02d/%02d/%04d", date.day, date.month, date.year)
            append("<table:table-cell table:style-name=\"ce1\" office:value-type=\"date\" office:date-value=\"\(date)\">"
                   + "<text:p>\(shown)</text:p></table:table-cell>")
        case .boolean(let b):
            append("<table:table-cell office:value-type=\"boolean\" office:boolean-value=\"\(b)\"><text:p>\(b ? "TRUE" : "FALSE")</text:p></table:table-cell>")
        }
    }

    /// Text as paragraphs (one per line), spaces that XML would collapse as `<text:s/>`, tabs as
    /// `<text:tab/>`, markup characters escaped.
    static func paragraphs(_ text: String) -> String {
        var out = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            out += "<text:p>"
            var spaces = 0
            var atStart = true
            func flushSpaces() {
                guard spaces > 0 else { return }
                if atStart { out += "<text:s text:c=\"\(spaces)\"/>" } else {
                    out += " " + (spaces > 1 ? "<text:s text:c=\"\(spaces - 1)\"/>" : "")
                }
                spaces = 0
            }
            for ch in line {
                switch ch {
                case " ": spaces += 1
                case "\t": flushSpaces(); out += "<text:tab/>"; atStart = false
                case "\r": continue
                default:
                    flushSpaces()
                    atStart = false
                    out += escaped(String(ch))
                }
            }
            if spaces > 0 { out += "<text:s text:c=\"\(spaces)\"/>" }
            out += "</text:p>"
        }
        return out
    }

    static func escaped(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case _ where scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r":
                out += ControlCharacters.visible(String(scalar))
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static let mediaType = "application/vnd.oasis.opendocument.spreadsheet"

    static let manifest = """
        <?xml version="1.0" encoding="UTF-8"?>
        <manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">\
        <manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type="\(mediaType)"/>\
        <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>\
        </manifest:manifest>
        """

    /// The start of `content.xml` up to the sheet: a dd/mm/yyyy date style (ce1), a bold header
    /// style (ce2), and the sheet's columns.
    static func prologue(sheet: String, width: Int) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
        xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" \
        xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" \
        xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" \
        xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.2">\
        <office:automatic-styles>\
        <number:date-style style:name="N1"><number:day number:style="long"/><number:text>/</number:text>\
        <number:month number:style="long"/><number:text>/</number:text><number:year number:style="long"/></number:date-style>\
        <style:style style:name="ce1" style:family="table-cell" style:data-style-name="N1"/>\
        <style:style style:name="ce2" style:family="table-cell"><style:text-properties fo:font-weight="bold"/></style:style>\
        </office:automatic-styles>\
        <office:body><office:spreadsheet><table:table table:name="\(escaped(sheet))">\
        <table:table-column table:number-columns-repeated="\(width)"/>
        """
    }
}
