// The XLSX reader as it was before issue 27 (Foundation's XMLParser over parts extracted to
// temporary files), kept unchanged but for its names as the reference of XLSXDifferentialTests.
import Foundation
@testable import DealersCore
/// Conversions of XLSX cell contents: serial dates, number spellings, cell references.
package enum ReferenceXLSXValues {
    /// The date of an Excel serial number, or `nil` when the serial is not a calendar date.
    ///
    /// In the 1900 system serial 1 is 1900-01-01 and serials from 61 on count days since
    /// 1899-12-30, because Excel (copying Lotus 1-2-3) believes 1900 was a leap year. Serial 60
    /// is that day, the fictitious 1900-02-29: it is read as **1900-02-28** (the day Excel's
    /// "1900-02-29" follows), so that the file is not refused for one odd cell. Values below 1
    /// (0 shows as "1900-01-00", fractions are times of day without a date) are not dates.
    /// In the 1904 system serial 0 is 1904-01-01. The fractional part (the time) is ignored.
    package static func date(serial: Double, date1904: Bool) -> CivilDate? {
        guard serial.isFinite, serial >= 0, serial < 3_000_000 else { return nil }
        let days = Int(serial.rounded(.down))
        if date1904 {
            return CivilDate(daysSinceEpoch: days - 24107)            // 1904-01-01 is day -24107
        }
        switch days {
        case ..<1: return nil
        case 1...59: return CivilDate(daysSinceEpoch: days - 25568)   // 1899-12-31 is day -25568
        case 60: return CivilDate(year: 1900, month: 2, day: 28)
        default: return CivilDate(daysSinceEpoch: days - 25569)       // 1899-12-30 is day -25569
        }
    }

    /// The canonical decimal spelling of a stored number: no exponent, no trailing zeros, no
    /// `.0` on integers, the shortest digits that give back the same double (`"1234.5"`,
    /// `"42"`, `"0.1"` for `"0.10000000000000001"`). `nil` when the text is not a number.
    package static func canonicalNumber(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let value = Double(trimmed), value.isFinite else { return nil }
        if value == 0 { return "0" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        var spelled = value.description                    // shortest round-trip, maybe "1e-05"
        let negative = spelled.hasPrefix("-")
        if negative { spelled.removeFirst() }
        var exponent = 0
        if let e = spelled.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(spelled[spelled.index(after: e)...]) ?? 0
            spelled = String(spelled[..<e])
        }
        let point = spelled.firstIndex(of: ".").map { spelled.distance(from: spelled.startIndex, to: $0) }
            ?? spelled.count
        let digits = Array(spelled.filter { $0 != "." })
        let position = point + exponent                    // digits before the decimal point
        var integer: String, fraction: String
        if position <= 0 {
            integer = "0"
            fraction = String(repeating: "0", count: -position) + String(digits)
        } else if position >= digits.count {
            integer = String(digits) + String(repeating: "0", count: position - digits.count)
            fraction = ""
        } else {
            integer = String(digits[..<position])
            fraction = String(digits[position...])
        }
        while integer.count > 1, integer.hasPrefix("0") { integer.removeFirst() }
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return (negative ? "-" : "") + integer + (fraction.isEmpty ? "" : "." + fraction)
    }

    /// The 1-based column of a cell reference (`"C5"` → 3, `"AA1"` → 27), `nil` when the
    /// reference has no column letters, or `Int.max` when it is beyond `maxColumns`.
    package static func column(ofReference reference: String, maxColumns: Int) -> Int? {
        var column = 0
        var sawLetter = false
        for byte in reference.utf8 {
            let letter: UInt8
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): letter = byte - UInt8(ascii: "A")
            case UInt8(ascii: "a")...UInt8(ascii: "z"): letter = byte - UInt8(ascii: "a")
            case UInt8(ascii: "$") where !sawLetter: continue
            default: return sawLetter ? column : nil
            }
            sawLetter = true
            column = column * 26 + Int(letter) + 1
            if column > maxColumns { return Int.max }
        }
        return sawLetter ? column : nil
    }

    /// The date of an ISO 8601 date cell (`t="d"`, e.g. `2024-05-01T00:00:00`).
    package static func isoDate(_ text: String) -> CivilDate? {
        CivilDate(iso: text.trimmingCharacters(in: .whitespaces).prefix(10))
    }
}
