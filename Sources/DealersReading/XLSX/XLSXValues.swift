import DealersModel

/// Conversions of XLSX cell contents: serial dates, cell references, integers in attributes.
package enum XLSXValues {
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
        return date(days: Int(serial.rounded(.down)), date1904: date1904)
    }

    /// The date of the whole days of a serial (see ``date(serial:date1904:)``).
    package static func date(days: Int, date1904: Bool) -> CivilDate? {
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

    /// The 1-based column of a cell reference (`"C5"` → 3, `"AA1"` → 27, `"$B$2"` → 2), `nil`
    /// when the reference has no column letters, or `Int.max` when it is beyond `maxColumns`.
    package static func column(ofReference reference: UnsafeBufferPointer<UInt8>, maxColumns: Int) -> Int? {
        var column = 0
        var sawLetter = false
        for byte in reference {
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

    /// An integer as Swift's `Int(_:)` reads it (an optional sign, then digits, nothing else),
    /// `nil` otherwise or beyond 18 digits.
    package static func integer(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        var negative = false
        if let first = bytes.first, first == 0x2B || first == 0x2D { negative = first == 0x2D; i = 1 }
        guard i < bytes.count, bytes.count - i <= 18 else { return nil }
        var value = 0
        while i < bytes.count {
            let digit = bytes[i] &- 0x30
            guard digit < 10 else { return nil }
            value = value * 10 + Int(digit)
            i += 1
        }
        return negative ? -value : value
    }

    /// The date of an ISO 8601 date cell (`t="d"`, e.g. `2024-05-01T00:00:00`): its first ten
    /// characters after spaces and tabs are left out.
    package static func isoDate(_ text: UnsafeBufferPointer<UInt8>) -> CivilDate? {
        var start = 0, end = text.count
        while start < end, text[start] == 0x20 || text[start] == 0x09 { start += 1 }
        while end > start, text[end - 1] == 0x20 || text[end - 1] == 0x09 { end -= 1 }
        let head = UnsafeBufferPointer(rebasing: text[start..<min(end, start + 10)])
        return CivilDate(iso: String(decoding: head, as: UTF8.self))
    }
}
