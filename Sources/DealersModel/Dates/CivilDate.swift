import Foundation

/// A calendar date without a time or a time zone: what contracts, payments and `--as-of` use.
///
/// Arithmetic is calendar arithmetic: adding one month to 31 January gives the last day of
/// February. Encoded in JSON as `"YYYY-MM-DD"`.
public struct CivilDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The year (e.g. 2026).
    public let year: Int
    /// The month, 1–12.
    public let month: Int
    /// The day of the month, 1–31.
    public let day: Int

    /// Creates a date when the components form a real calendar day, else `nil`.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= CivilDate.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD` exactly (each part may start with `+`, as `Int` reads it).
    public init?(iso text: some StringProtocol) {
        guard let date = UTF8Buffer.with(text.utf8, CivilDate.init(isoUTF8:)) else { return nil }
        self = date
    }

    /// ``init(iso:)`` on UTF-8 bytes, the one implementation: three parts between `-` of 4, 2
    /// and 2 bytes, each ASCII digits after an optional `+` (text that is not ASCII is no date).
    package init?(isoUTF8 text: UnsafeBufferPointer<UInt8>) {
        var start = 0
        /// The number of the part that begins at `start` and is `width` bytes long, ending at the
        /// end of the text or at a `-` (skipped).
        func part(_ width: Int, last: Bool) -> Int? {
            let end = start + width
            guard end <= text.count, last ? end == text.count : end < text.count && text[end] == UInt8(ascii: "-") else { return nil }
            defer { start = end + 1 }
            let digits = text[start] == UInt8(ascii: "+") ? start + 1 : start
            guard digits < end else { return nil }
            var value = 0
            for i in digits..<end {
                guard ASCIIBytes.isDigit(text[i]) else { return nil }
                value = value * 10 + Int(text[i] &- 0x30)
            }
            return value
        }
        guard let y = part(4, last: false), let m = part(2, last: false), let d = part(2, last: true) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Whether `year` is a Gregorian leap year.
    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// The number of days in a month.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// This date moved by whole months; the day is clamped to the target month's length.
    public func adding(months: Int) -> CivilDate {
        let total = year * 12 + (month - 1) + months
        let y = total / 12, m = total % 12 + 1
        let d = min(day, CivilDate.daysIn(month: m, year: y))
        return CivilDate(year: y, month: m, day: d) ?? self
    }

    /// This date moved by whole years (29 February becomes 28 February in a common year).
    public func adding(years: Int) -> CivilDate { adding(months: years * 12) }

    /// Days since 1970-01-01 (negative before).
    public var daysSinceEpoch: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// The date a number of days after 1970-01-01.
    public init?(daysSinceEpoch z0: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    /// This date moved by whole days.
    public func adding(days: Int) -> CivilDate {
        CivilDate(daysSinceEpoch: daysSinceEpoch + days) ?? self
    }

    /// The date in a time zone at an instant (used for "today").
    public init(_ instant: Date, in timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: instant)
        self = CivilDate(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1)
            ?? CivilDate(daysSinceEpoch: 0)!
    }

    public static func < (a: CivilDate, b: CivilDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        if (0...9999).contains(year), (1...12).contains(month), (1...31).contains(day) {
            // The usual date, without a String per part (reports spell millions of them).
            let zero = UInt8(ascii: "0")
            return String(unsafeUninitializedCapacity: 10) { out in
                out[0] = zero + UInt8(year / 1000)
                out[1] = zero + UInt8(year / 100 % 10)
                out[2] = zero + UInt8(year / 10 % 10)
                out[3] = zero + UInt8(year % 10)
                out[4] = UInt8(ascii: "-")
                out[5] = zero + UInt8(month / 10)
                out[6] = zero + UInt8(month % 10)
                out[7] = UInt8(ascii: "-")
                out[8] = zero + UInt8(day / 10)
                out[9] = zero + UInt8(day % 10)
                return 10
            }
        }
        let y = String(year), m = String(month), d = String(day)
        return String(repeating: "0", count: max(0, 4 - y.count)) + y + "-"
            + (m.count == 1 ? "0" + m : m) + "-" + (d.count == 1 ? "0" + d : d)
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = CivilDate(iso: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "expected a date YYYY-MM-DD, found \(text)"))
        }
        self = date
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
