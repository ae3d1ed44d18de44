import DealersSupport

/// Which cell styles of a workbook show numbers as dates, from `xl/styles.xml`: the number
/// format of each `<xf>` in `<cellXfs>` (the index a cell's `s` attribute refers to).
package struct XLSXDateStyles {
    private var isDate: [Bool] = []

    package init() {}

    /// Reads the styles part.
    package init(package: WorkbookPackage, part: String) throws {
        var handler = StylesHandler()
        try package.read(part, format: "XLSX", into: &handler)
        isDate = handler.cellFormatIDs.map { id in
            if let code = handler.customFormats[id] { return XLSXDateStyles.isDateFormat(code) }
            return XLSXDateStyles.isBuiltInDateFormat(id)
        }
    }

    /// Whether the cell style with this index formats numbers as dates.
    @inline(__always)
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

/// The custom number formats and the cell formats of `xl/styles.xml`.
private struct StylesHandler: MarkupHandler {
    var customFormats: [Int: String] = [:]
    var cellFormatIDs: [Int] = []
    private var inCellXfs = false

    mutating func start(_ tag: MarkupTag) throws {
        if tag.local.matches("numFmt") {
            if let id = tag.value("numFmtId").flatMap(XLSXValues.integer), let code = tag.string("formatCode") {
                customFormats[id] = code
            }
        } else if tag.local.matches("cellXfs") {
            inCellXfs = true
        } else if inCellXfs, tag.local.matches("xf") {
            cellFormatIDs.append(tag.value("numFmtId").flatMap(XLSXValues.integer) ?? 0)
        }
    }

    mutating func end(_ name: MarkupName) throws {
        if name.matches("cellXfs") { inCellXfs = false }
    }

    mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) throws {}
}
