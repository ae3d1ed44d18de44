import DealersTestSupport
import Foundation

/// Random workbooks for the differential tests: the parts of a workbook (for ``XLSXFixture``)
/// with the cells producers write — shared strings plain, rich and phonetic, inline strings,
/// formulas with cached values, numbers in many spellings, dates in the 1900 and 1904 systems,
/// booleans, errors, ISO dates, empty styled cells, gaps, cells and rows without references —
/// and XML-aware mutations of them.
struct WorkbookGenerator {
    var rng: SeededGenerator

    init(seed: UInt64) { rng = SeededGenerator(seed: seed) }

    static let texts = ["Acción", "Núñez Peña", "Jose\u{301} (NFD)", "  padded  ", "a & b", "<tag>", "東京",
                        "emoji 😀", "line\nbreak", "cr\r\nlf", "tab\tx", "quote \"x\" 'y'", "12345678Z", "ALTA",
                        "usuario.0@example.es", "678 196 474", "19/01/1998", " ", "x]]y", "€ 9,90"]
    static let numbers = ["0", "42", "-3", "1234.5", "0.10000000000000001", "9.899999999999999", "1.5E+20", "1E-05",
                          "007", "3.0", " 12 ", "1e3", "-0", "123456789012345678", "0.1234567890123456789", "2.5e-7",
                          "99999999999999.99", "+5", ".5", "5."]
    static let serials = ["1", "59", "60", "61", "45000", "45000.75", "2958465", "0.25", "-1", "3000000", "43538"]

    mutating func pick<T>(_ items: [T]) -> T {
        items[Int.random(in: 0..<items.count, using: &rng)]
    }

    mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &rng) < percent }

    /// XML text: escaped, sometimes with character references.
    mutating func escaped(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += chance(20) ? "&#38;" : "&amp;"
            case "<": out += "&lt;"
            case ">": out += chance(50) ? "&gt;" : ">"
            case "\"": out += chance(30) ? "&quot;" : "\""
            case "'": out += chance(30) ? "&apos;" : "'"
            case "é", "ñ": out += chance(30) ? "&#\(scalar.value);" : String(scalar)
            case "😀": out += chance(50) ? "&#x1F600;" : String(scalar)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A `<t>` element, with `xml:space` sometimes.
    mutating func t(_ s: String) -> String {
        chance(30) ? "<t xml:space=\"preserve\">\(escaped(s))</t>" : "<t>\(escaped(s))</t>"
    }

    /// A shared-string item: plain, rich-text runs, or with a phonetic hint.
    mutating func sharedItem() -> String {
        let text = pick(Self.texts)
        switch Int.random(in: 0..<4, using: &rng) {
        case 0:
            let cut = text.index(text.startIndex, offsetBy: text.count / 2)
            return "<r>\(t(String(text[..<cut])))</r><r><rPr><b/></rPr>\(t(String(text[cut...])))</r>"
        case 1: return t(text) + "<rPh sb=\"0\" eb=\"1\"><t>フリ</t></rPh>"
        default: return t(text)
        }
    }

    static func column(_ n: Int) -> String {
        var name = "", c = n
        while c > 0 { name = String(UnicodeScalar(UInt8(65 + (c - 1) % 26))) + name; c = (c - 1) / 26 }
        return name
    }

    /// One cell's attributes (after `r`) and body.
    mutating func cell(sharedCount: Int) -> (attributes: String, body: String) {
        switch Int.random(in: 0..<14, using: &rng) {
        case 0, 1: return (" t=\"s\"", "<v>\(Int.random(in: 0..<sharedCount, using: &rng))</v>")
        case 2: return (" t=\"inlineStr\"", "<is>\(sharedItem())</is>")
        case 3, 4: return ("", "<v>\(pick(Self.numbers))</v>")
        case 5: return (" s=\"\(pick([1, 2, 5]))\"", "<v>\(pick(Self.serials))</v>")
        case 6: return (" s=\"\(pick([3, 4]))\"", "<v>\(pick(Self.numbers))</v>")
        case 7: return (" t=\"b\"", "<v>\(pick(["0", "1", "true", "false", " 1 ", ""]))</v>")
        case 8: return (" t=\"e\"", "<v>\(pick(["#N/A", "#DIV/0!", "#REF!"]))</v>")
        case 9: return (" t=\"str\"", "<f>A1&amp;\"x\"</f><v>\(escaped(pick(Self.texts)))</v>")
        case 10: return ("", "<f>SUM(A1:A2)</f><v>\(pick(Self.numbers))</v>")
        case 11: return (" t=\"d\"", "<v>\(pick(["2024-05-01T00:00:00", "2024-02-29", "bad", " 2023-03-15T12:00"]))</v>")
        case 12: return (" s=\"1\"", "")
        default: return (" t=\"inlineStr\"", "<is><t></t></is>")
        }
    }

    /// A `<sheetData>` body of random rows.
    mutating func sheetData(sharedCount: Int, rows count: ClosedRange<Int> = 0...12) -> String {
        var rows = ""
        var row = 0
        for _ in 0..<Int.random(in: count, using: &rng) {
            row += chance(20) ? Int.random(in: 2...4, using: &rng) : 1
            let rowAttribute = chance(10) ? "" : " r=\"\(row)\""
            var cells = ""
            var column = 0
            for _ in 0..<Int.random(in: 0...9, using: &rng) {
                column += chance(20) ? Int.random(in: 2...3, using: &rng) : 1
                if chance(3) { column = max(1, column - 2) }     // out of order
                let reference: String
                switch Int.random(in: 0..<20, using: &rng) {
                case 0: reference = ""
                case 1: reference = " r=\"$\(Self.column(column))$\(row)\""
                case 2: reference = " r=\"\(Self.column(column).lowercased())\(row)\""
                default: reference = " r=\"\(Self.column(column))\(row)\""
                }
                let (attributes, body) = cell(sharedCount: sharedCount)
                cells += body.isEmpty && chance(50) ? "<c\(reference)\(attributes)/>" : "<c\(reference)\(attributes)>\(body)</c>"
            }
            rows += cells.isEmpty && chance(50) ? "<row\(rowAttribute) spans=\"1:3\"/>" : "<row\(rowAttribute)>\(cells)</row>"
        }
        return rows
    }

    /// The parts of a random workbook of one to three sheets, and the sheet to read.
    mutating func workbook(rows: ClosedRange<Int> = 0...12) -> (parts: [(String, String)], sheet: String?) {
        let shared = (0..<Int.random(in: 1...12, using: &rng)).map { _ in sharedItem() }
        let names = ["Hoja1", "Datos", "Notas"].prefix(Int.random(in: 1...3, using: &rng))
        let sheets = names.map { ($0, sheetData(sharedCount: shared.count, rows: rows)) }
        let parts = XLSXFixture.parts(sheets: Array(sheets), sharedStrings: shared, date1904: chance(20))
        return (parts, chance(30) ? pick(Array(names)) : nil)
    }

    /// An XML-aware mutation of a part's text: a byte changed, a digit, type, reference or tag
    /// changed or removed.
    mutating func mutate(_ xml: String) -> Data {
        var text = xml
        func replaceRandom(_ pattern: String, _ with: (String) -> String) {
            guard let regex = try? NSRegularExpression(pattern: pattern) else { return }
            let matches = regex.matches(in: text, range: NSRange(text.startIndex..., in: text))
            guard !matches.isEmpty, let range = Range(matches[Int.random(in: 0..<matches.count, using: &rng)].range, in: text) else { return }
            text.replaceSubrange(range, with: with(String(text[range])))
        }
        switch Int.random(in: 0..<8, using: &rng) {
        case 0:
            return Data(Mutator.mutate(Array(text.utf8), using: &rng))
        case 1: replaceRandom("[0-9]") { _ in String(Int.random(in: 0...9, using: &self.rng)) }
        case 2: replaceRandom(" t=\"[a-zA-Z]*\"") { _ in self.pick([" t=\"s\"", " t=\"n\"", " t=\"b\"", " t=\"e\"", " t=\"d\"", " t=\"str\"", ""]) }
        case 3: replaceRandom(" r=\"[A-Z]+") { _ in " r=\"" + self.pick(["A", "B", "XFD", "XFE", "AAAA", ""]) }
        case 4: replaceRandom(" r=\"[^\"]*\"") { _ in "" }
        case 5: replaceRandom("<c [^>]*>[^/]*</c>") { _ in "" }
        case 6: replaceRandom("</?[a-zA-Z]+") { tag in tag + "x" }
        default: replaceRandom(">[^<]+<") { _ in ">" + self.pick(["&amp;", "&bogus;", "&#1;", "&#xD800;", "]]>", "\u{1}", "a\r\nb"]) + "<" }
        }
        return Data(text.utf8)
    }
}
