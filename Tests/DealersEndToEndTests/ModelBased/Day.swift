import DealersTestSupport
/// A calendar day as the model counts them: its own small arithmetic, written apart from the
/// product's `CivilDate` so that the two can disagree (docs/rules-over-time.md, §3.3).
///
/// Adding months clamps to the month's last day (31 Jan + 1 month = 28/29 Feb); adding days
/// walks an ordinal count of days since 1 Jan 2000.
struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    let year: Int
    let month: Int
    let day: Int

    init(_ year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// `2026-01-31`.
    init?(iso text: String) {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, Day.valid(parts[0], parts[1], parts[2]) else { return nil }
        self.init(parts[0], parts[1], parts[2])
    }

    /// `31/01/2026`, as the files and the reports write a date.
    init?(spanish text: String) {
        let parts = text.split(separator: "/").compactMap { Int($0) }
        guard parts.count == 3, Day.valid(parts[2], parts[1], parts[0]) else { return nil }
        self.init(parts[2], parts[1], parts[0])
    }

    static func valid(_ year: Int, _ month: Int, _ day: Int) -> Bool {
        (1...12).contains(month) && day >= 1 && day <= length(of: month, in: year)
    }

    static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    static func length(of month: Int, in year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `2026-01-31`: what `--as-of` takes.
    var iso: String { "\(year)-\(Day.two(month))-\(Day.two(day))" }

    /// `31/01/2026`: what the files and the Spanish reports show.
    var spanish: String { "\(Day.two(day))/\(Day.two(month))/\(year)" }

    var description: String { iso }

    private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// Days since 1 Jan 2000 (the model's histories never go before it).
    var ordinal: Int {
        var days = 0
        for y in 2000..<year { days += Day.isLeap(y) ? 366 : 365 }
        for m in 1..<month { days += Day.length(of: m, in: year) }
        return days + day - 1
    }

    init(ordinal: Int) {
        var rest = ordinal, y = 2000, m = 1
        while rest >= (Day.isLeap(y) ? 366 : 365) {
            rest -= Day.isLeap(y) ? 366 : 365
            y += 1
        }
        while rest >= Day.length(of: m, in: y) {
            rest -= Day.length(of: m, in: y)
            m += 1
        }
        self.init(y, m, rest + 1)
    }

    func adding(days: Int) -> Day { Day(ordinal: ordinal + days) }

    /// Calendar months: the day is kept, or the month's last day when it has fewer.
    func adding(months: Int) -> Day {
        let index = year * 12 + (month - 1) + months
        let y = index / 12, m = index % 12 + 1
        return Day(y, m, min(day, Day.length(of: m, in: y)))
    }

    static func < (a: Day, b: Day) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }
}
