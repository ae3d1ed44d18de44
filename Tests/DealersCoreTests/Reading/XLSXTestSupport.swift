import Foundation
import ZIPFoundation

/// Builds XLSX files part by part, the way another producer would, with ZIPFoundation.
enum XLSXFixture {
    static let contentTypes = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
        <Default Extension="xml" ContentType="application/xml"/>\
        <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
        <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
        <Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
        <Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>\
        <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
        </Types>
        """

    static let packageRels = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
        </Relationships>
        """

    /// `xl/workbook.xml` with these sheet names (sheet *n* is `rId`*n*).
    static func workbook(sheets: [String], date1904: Bool = false) -> String {
        let list = sheets.enumerated().map { i, name in
            "<sheet name=\"\(name)\" sheetId=\"\(i + 1)\" r:id=\"rId\(i + 1)\"/>"
        }.joined()
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
            <workbookPr\(date1904 ? " date1904=\"1\"" : "")/><sheets>\(list)</sheets></workbook>
            """
    }

    /// `xl/_rels/workbook.xml.rels`: sheet *n* at `worksheets/sheet`*n*`.xml` (even sheets with
    /// an absolute target), then shared strings and styles.
    static func workbookRels(sheetCount: Int) -> String {
        let base = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        var rels = (0..<sheetCount).map { $0 + 1 }.map { n in
            let target = n % 2 == 0 ? "/xl/worksheets/sheet\(n).xml" : "worksheets/sheet\(n).xml"
            return "<Relationship Id=\"rId\(n)\" Type=\"\(base)/worksheet\" Target=\"\(target)\"/>"
        }
        rels.append("<Relationship Id=\"rId100\" Type=\"\(base)/sharedStrings\" Target=\"sharedStrings.xml\"/>")
        rels.append("<Relationship Id=\"rId101\" Type=\"\(base)/styles\" Target=\"styles.xml\"/>")
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            \(rels.joined())</Relationships>
            """
    }

    /// `xl/sharedStrings.xml` with these `<si>` bodies (already XML).
    static func sharedStrings(_ items: [String]) -> String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="\(items.count)" \
        uniqueCount="\(items.count)">\(items.map { "<si>\($0)</si>" }.joined())</sst>
        """
    }

    /// `xl/styles.xml`: style 0 General, 1 built-in 14 (date), 2 custom `yyyy-mm-dd`,
    /// 3 custom `h:mm` (a time), 4 `0.00`, 5 custom `[$-F800]dddd, mmmm dd, yyyy`.
    static let styles = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
        <numFmts count="3"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/>\
        <numFmt numFmtId="165" formatCode="h:mm"/>\
        <numFmt numFmtId="166" formatCode="[$-F800]dddd, mmmm dd, yyyy"/></numFmts>\
        <cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>\
        <cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/>\
        <xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="2"/><xf numFmtId="166"/></cellXfs>\
        </styleSheet>
        """

    /// A worksheet with this `<sheetData>` body.
    static func sheet(_ rows: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
        <sheetData>\(rows)</sheetData></worksheet>
        """
    }

    /// The parts of a complete workbook with these sheets (name, `<sheetData>` body).
    static func parts(sheets: [(String, String)], sharedStrings items: [String] = [],
                      date1904: Bool = false) -> [(String, String)] {
        var parts: [(String, String)] = [
            ("[Content_Types].xml", contentTypes),
            ("_rels/.rels", packageRels),
            ("xl/workbook.xml", workbook(sheets: sheets.map(\.0), date1904: date1904)),
            ("xl/_rels/workbook.xml.rels", workbookRels(sheetCount: sheets.count)),
            ("xl/sharedStrings.xml", sharedStrings(items)),
            ("xl/styles.xml", styles),
        ]
        for (i, sheet) in sheets.enumerated() {
            parts.append(("xl/worksheets/sheet\(i + 1).xml", self.sheet(sheet.1)))
        }
        return parts
    }

    /// Writes a ZIP archive with these parts (deflated) and returns its URL.
    static func write(_ parts: [(String, Data)], to url: URL) throws -> URL {
        try? FileManager.default.removeItem(at: url)
        let archive = try Archive(url: url, accessMode: .create)
        for (path, data) in parts {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count),
                                 compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return url
    }

    /// Writes a workbook made of text parts to a new temporary file.
    static func write(_ parts: [(String, String)]) throws -> URL {
        try write(parts.map { ($0.0, Data($0.1.utf8)) }, to: temporaryURL("xlsx"))
    }

    /// A new temporary file name.
    static func temporaryURL(_ ext: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("dealers-test-\(UUID().uuidString).\(ext)")
    }

    /// The folder of the committed fixtures.
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The parts of `Fixtures/users-other-producer.xlsx`.
    static let otherProducer: [(String, String)] = parts(
        sheets: [
            ("Users", """
                <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>\
                <c r="C1" t="inlineStr"><is><t>joined</t></is></c><c r="D1" t="inlineStr"><is><t>active</t></is></c>\
                <c r="E1" t="s"><v>2</v></c></row>\
                <row r="2"><c r="A2"><v>1</v></c><c r="B2" t="s"><v>3</v></c><c r="C2" s="1"><v>45000</v></c>\
                <c r="D2" t="b"><v>1</v></c><c r="E2" s="4"><v>1234.5</v></c></row>\
                <row r="4"><c r="A4"><v>2</v></c><c r="C4" s="1"><v>45292</v></c><c r="D4" t="b"><v>0</v></c>\
                <c r="E4"><v>42</v></c></row>
                """),
            ("Notes", """
                <row r="1"><c r="A1" t="inlineStr"><is><t>note</t></is></c></row>\
                <row r="2"><c r="A2" t="inlineStr"><is><t>second sheet</t></is></c></row>
                """),
        ],
        sharedStrings: ["<t>id</t>", "<t>name</t>", "<t>balance</t>", "<t>Ana Núñez</t>"])
}
