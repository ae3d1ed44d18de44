import Foundation
import ZIPFoundation

/// Builds OpenDocument spreadsheets part by part, as LibreOffice writes them, with ZIPFoundation.
enum ODSFixture {
    static let mediaType = "application/vnd.oasis.opendocument.spreadsheet"

    static let manifest = """
        <?xml version="1.0" encoding="UTF-8"?>
        <manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">\
        <manifest:file-entry manifest:full-path="/" manifest:media-type="\(mediaType)"/>\
        <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>\
        </manifest:manifest>
        """

    /// `content.xml` with these tables (name, hidden, rows as XML); hidden ones use style `ta2`.
    static func content(_ tables: [(name: String, hidden: Bool, rows: String)]) -> String {
        let body = tables.map { table in
            "<table:table table:name=\"\(table.name)\" table:style-name=\"\(table.hidden ? "ta2" : "ta1")\">"
                + "<table:table-column table:number-columns-repeated=\"1024\"/>\(table.rows)</table:table>"
        }.joined()
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
            xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" \
            xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" \
            xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" office:version="1.3">\
            <office:automatic-styles>\
            <style:style style:name="ta1" style:family="table" style:master-page-name="Default"><style:table-properties table:display="true"/></style:style>\
            <style:style style:name="ta2" style:family="table" style:master-page-name="Default"><style:table-properties table:display="false"/></style:style>\
            </office:automatic-styles><office:body><office:spreadsheet>\(body)</office:spreadsheet></office:body></office:document-content>
            """
    }

    /// A row of cells (already XML), repeated `times`.
    static func row(_ cells: String..., times: Int = 1) -> String {
        "<table:table-row\(times > 1 ? " table:number-rows-repeated=\"\(times)\"" : "")>\(cells.joined())</table:table-row>"
    }

    static func text(_ s: String) -> String {
        "<table:table-cell office:value-type=\"string\" calcext:value-type=\"string\"><text:p>\(s)</text:p></table:table-cell>"
    }

    static func float(_ v: String, shown: String = "") -> String {
        "<table:table-cell office:value-type=\"float\" office:value=\"\(v)\" calcext:value-type=\"float\"><text:p>\(shown)</text:p></table:table-cell>"
    }

    static func date(_ iso: String) -> String {
        "<table:table-cell office:value-type=\"date\" office:date-value=\"\(iso)\" calcext:value-type=\"date\"><text:p>x</text:p></table:table-cell>"
    }

    static func empty(_ times: Int = 1) -> String {
        times > 1 ? "<table:table-cell table:number-columns-repeated=\"\(times)\"/>" : "<table:table-cell/>"
    }

    /// Writes a spreadsheet with this `content.xml` (`mimetype` first and stored) and returns its URL.
    static func write(content: String, to url: URL = XLSXFixture.temporaryURL("ods"), mimetype: String = mediaType) throws -> URL {
        try? FileManager.default.removeItem(at: url)
        let archive = try Archive(url: url, accessMode: .create)
        for (path, text, method) in [("mimetype", mimetype, CompressionMethod.none), ("META-INF/manifest.xml", manifest, .deflate),
                                     ("content.xml", content, .deflate)] {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: method) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return url
    }

    /// Runs LibreOffice headless to convert a file (`--convert-to FORMAT`) into `folder`; the
    /// path of the result, or `nil` (with the reason printed) where LibreOffice is not installed.
    static func convert(_ file: URL, to format: String, into folder: URL) throws -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        guard let soffice = ["soffice", "libreoffice"].lazy.flatMap({ name in path.split(separator: ":").map { "\($0)/\(name)" } })
            .first(where: FileManager.default.isExecutableFile(atPath:)) else {
            print("SKIPPED: no soffice on PATH (Debian: libreoffice-calc-nogui)")
            return nil
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: soffice)
        process.arguments = ["--headless", "--convert-to", format, "--outdir", folder.path, file.path]
        let home = folder.appendingPathComponent(".lo-home-\(UUID().uuidString)")
        process.environment = ProcessInfo.processInfo.environment.merging(["HOME": home.path]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: home)
        let ext = String(format.prefix { $0 != ":" })
        let result = folder.appendingPathComponent(file.deletingPathExtension().lastPathComponent + "." + ext)
        return process.terminationStatus == 0 && FileManager.default.fileExists(atPath: result.path) ? result : nil
    }
}
