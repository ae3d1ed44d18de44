import Foundation
import ZIPFoundation
@testable import DealersCore
import DealersTestSupport

/// Workbooks and would-be workbooks made byte by byte for the end-to-end tests: a minimal XLSX
/// from cell XML, a minimal ODS from rows, an `.xlsb` package, and OLE2 compound files with the
/// directory an encrypted workbook or an `.xls` has.
enum WorkbookFiles {
    /// Writes a ZIP archive of text parts (the first stored when `storeFirst`).
    static func zip(_ parts: [(String, String)], to url: URL, storeFirst: Bool = false) throws {
        try? FileManager.default.removeItem(at: url)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let archive = try Archive(url: url, accessMode: .create)
        for (i, (path, text)) in parts.enumerated() {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count),
                                 compressionMethod: storeFirst && i == 0 ? .none : .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
    }

    /// An XLSX whose one sheet has these rows of cell XML (`<c …>…</c>`), numbered from 1;
    /// style 1 is a dd/mm/yyyy date.
    static func xlsx(rows: [[String]], to url: URL) throws {
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        let body = rows.enumerated().map { i, cells in "<row r=\"\(i + 1)\">\(cells.joined())</row>" }.joined()
        try zip([
            ("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>"),
            ("_rels/.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"\(rel)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"),
            ("xl/workbook.xml", "<?xml version=\"1.0\"?><workbook xmlns=\"\(main)\" xmlns:r=\"\(rel)\"><sheets>"
                + "<sheet name=\"Hoja1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"),
            ("xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"\(rel)/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                + "<Relationship Id=\"rId2\" Type=\"\(rel)/styles\" Target=\"styles.xml\"/></Relationships>"),
            ("xl/styles.xml", "<?xml version=\"1.0\"?><styleSheet xmlns=\"\(main)\"><numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\"/></numFmts>"
                + "<cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/></cellXfs></styleSheet>"),
            ("xl/worksheets/sheet1.xml", "<?xml version=\"1.0\"?><worksheet xmlns=\"\(main)\"><sheetData>\(body)</sheetData></worksheet>"),
        ], to: url)
    }

    /// An inline-string cell.
    static func s(_ text: String) -> String {
        "<c t=\"inlineStr\"><is><t>\(text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;"))</t></is></c>"
    }

    /// A date cell (serial of the 1900 system, style 1).
    static func d(_ iso: String) -> String {
        let days = (CivilDate(iso: iso)?.daysSinceEpoch ?? 0) + 25569
        return "<c s=\"1\"><v>\(days)</v></c>"
    }

    /// An ODS whose first sheet has these rows of cell XML (`<table:table-cell …>`).
    static func ods(rows: [String], to url: URL) throws {
        let content = """
            <?xml version="1.0" encoding="UTF-8"?>
            <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
            xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" \
            office:version="1.3"><office:body><office:spreadsheet><table:table table:name="Hoja1">\
            <table:table-column table:number-columns-repeated="1024"/>\(rows.joined())\
            <table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>\
            </table:table></office:spreadsheet></office:body></office:document-content>
            """
        try zip([("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
                 ("META-INF/manifest.xml", "<?xml version=\"1.0\"?><manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\"/>"),
                 ("content.xml", content)], to: url, storeFirst: true)
    }

    /// An ODS row of cells, repeated `times`.
    static func odsRow(_ cells: [String], times: Int = 1) -> String {
        "<table:table-row\(times > 1 ? " table:number-rows-repeated=\"\(times)\"" : "")>\(cells.joined())</table:table-row>"
    }

    static func odsText(_ text: String) -> String {
        "<table:table-cell office:value-type=\"string\"><text:p>\(text)</text:p></table:table-cell>"
    }

    static func odsDate(_ iso: String) -> String {
        "<table:table-cell office:value-type=\"date\" office:date-value=\"\(iso)\"><text:p>\(iso)</text:p></table:table-cell>"
    }

    /// An `.xlsb` package: the parts Excel writes for a binary workbook (content irrelevant).
    static func xlsb(to url: URL) throws {
        try zip([("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"),
                 ("_rels/.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"/>"),
                 ("xl/workbook.bin", "\u{83}\u{1}\u{0}"), ("xl/worksheets/sheet1.bin", "\u{81}\u{1}\u{0}")], to: url)
    }

    /// An OLE2 compound file (version 3, 512-byte sectors) whose directory holds these streams
    /// after the root: `EncryptionInfo` and `EncryptedPackage` for Excel's password protection,
    /// `Workbook` for an Excel 97-2003 workbook.
    static func compoundFile(streams: [String]) -> Data {
        var bytes = [UInt8](repeating: 0, count: 512 * 3)
        func put16(_ v: UInt16, _ at: Int) { bytes[at] = UInt8(v & 0xFF); bytes[at + 1] = UInt8(v >> 8) }
        func put32(_ v: UInt32, _ at: Int) { for k in 0..<4 { bytes[at + k] = UInt8((v >> (8 * UInt32(k))) & 0xFF) } }
        bytes.replaceSubrange(0..<8, with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
        put16(0x3E, 0x18); put16(3, 0x1A); put16(0xFFFE, 0x1C); put16(9, 0x1E); put16(6, 0x20)
        put32(1, 0x2C)                      // one FAT sector
        put32(1, 0x30)                      // the directory starts at sector 1
        put32(4096, 0x38); put32(0xFFFF_FFFE, 0x3C); put32(0xFFFF_FFFE, 0x44)
        put32(0, 0x4C)                      // the FAT is sector 0
        for i in 1..<109 { put32(0xFFFF_FFFF, 0x4C + 4 * i) }
        // Sector 0 (the FAT): itself, then the directory's one sector, the rest free.
        put32(0xFFFF_FFFD, 512); put32(0xFFFF_FFFE, 516)
        for i in 2..<128 { put32(0xFFFF_FFFF, 512 + 4 * i) }
        // Sector 1 (the directory): the root and the streams, 128 bytes each.
        for (i, (name, type)) in ([("Root Entry", UInt8(5))] + streams.prefix(3).map { ($0, UInt8(2)) }).enumerated() {
            let at = 1024 + 128 * i
            for (k, unit) in name.utf16.enumerated() { put16(unit, at + 2 * k) }
            put16(UInt16((name.utf16.count + 1) * 2), at + 0x40)
            bytes[at + 0x42] = type
        }
        return Data(bytes)
    }
}
