// The XLSX reader as it was before issue 27 (Foundation's XMLParser over parts extracted to
// temporary files), kept unchanged but for its names as the reference of XLSXDifferentialTests.
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import DealersCore
/// Which cell styles of a workbook show numbers as dates, from `xl/styles.xml`: the number
/// format of each `<xf>` in `<cellXfs>` (the index a cell's `s` attribute refers to).
package struct ReferenceDateStyles {
    private var isDate: [Bool] = []

    package init() {}

    /// Reads the styles part.
    package init(package: ReferenceXLSXPackage, part: String) throws {
        let parser = ReferenceStylesParser(path: package.path, part: part)
        try package.parse(part, with: parser)
        isDate = parser.cellFormatIDs.map { id in
            if let code = parser.customFormats[id] { return ReferenceDateStyles.isDateFormat(code) }
            return ReferenceDateStyles.isBuiltInDateFormat(id)
        }
    }

    /// Whether the cell style with this index formats numbers as dates.
    package func isDate(style: Int) -> Bool {
        style >= 0 && style < isDate.count && isDate[style]
    }

    /// The built-in number formats that show dates or times: 14–22 and 45–47.
    package static func isBuiltInDateFormat(_ id: Int) -> Bool {
        (14...22).contains(id) || (45...47).contains(id)
    }

    /// Whether a custom format code shows a date: it has a day, month or year token outside
    /// quoted text, brackets (colours, locales, elapsed time) and escaped characters. An `m` next
    /// to hours or seconds is minutes, so a time-only format (`h:mm`, `[h]:mm:ss`, `mm:ss`) is not
    /// a date.
    package static func isDateFormat(_ code: String) -> Bool {
        var hasDayOrYear = false, hasMonthOrMinute = false, hasTime = false
        var quoted = false, bracket = false, skipNext = false
        for ch in code.lowercased() {
            if skipNext { skipNext = false; continue }
            if quoted { if ch == "\"" { quoted = false }; continue }
            if bracket { if ch == "]" { bracket = false }; continue }
            switch ch {
            case "\"": quoted = true
            case "[": bracket = true
            case "\\", "_", "*": skipNext = true
            case "d", "y": hasDayOrYear = true
            case "m": hasMonthOrMinute = true
            case "h", "s": hasTime = true
            default: break
            }
        }
        return hasDayOrYear || (hasMonthOrMinute && !hasTime)
    }
}

private final class ReferenceStylesParser: ReferenceXLSXPartParser {
    package var customFormats: [Int: String] = [:]
    package var cellFormatIDs: [Int] = []
    private var inCellXfs = false

    package override func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                         qualifiedName qName: String?, attributes: [String: String] = [:]) {
        switch ReferenceXLSXPartParser.local(elementName) {
        case "numFmt":
            if let id = ReferenceXLSXPartParser.attribute("numFmtId", in: attributes).flatMap({ Int($0) }),
               let code = ReferenceXLSXPartParser.attribute("formatCode", in: attributes) {
                customFormats[id] = code
            }
        case "cellXfs":
            inCellXfs = true
        case "xf" where inCellXfs:
            cellFormatIDs.append(ReferenceXLSXPartParser.attribute("numFmtId", in: attributes).flatMap { Int($0) } ?? 0)
        default:
            break
        }
    }

    package override func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                         qualifiedName qName: String?) {
        if ReferenceXLSXPartParser.local(elementName) == "cellXfs" { inCellXfs = false }
    }
}
