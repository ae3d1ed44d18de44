import DealersModel

/// The TARGET2 calendar, on which SEPA direct debits settle: every day but Saturdays, Sundays,
/// 1 January, Good Friday, Easter Monday, 1 May, 25 and 26 December.
public enum TargetCalendar {
    /// Whether `date` is a TARGET business day.
    public static func isBusinessDay(_ date: CivilDate) -> Bool {
        // 1970-01-01 was a Thursday: days since then mod 7 gives 0 = Thursday … 2 = Saturday, 3 = Sunday.
        let weekday = ((date.daysSinceEpoch % 7) + 7) % 7
        if weekday == 2 || weekday == 3 { return false }
        switch (date.month, date.day) {
        case (1, 1), (5, 1), (12, 25), (12, 26): return false
        default: break
        }
        guard let easter = easterSunday(date.year) else { return true }
        return date != easter.adding(days: -2) && date != easter.adding(days: 1)
    }

    /// `date` when it is a business day, else the business day before it.
    public static func previousBusinessDay(onOrBefore date: CivilDate) -> CivilDate {
        var day = date
        while !isBusinessDay(day) { day = day.adding(days: -1) }
        return day
    }

    /// The first business day after `date`.
    public static func nextBusinessDay(after date: CivilDate) -> CivilDate {
        var day = date.adding(days: 1)
        while !isBusinessDay(day) { day = day.adding(days: 1) }
        return day
    }

    /// Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm, "Meeus/Jones/Butcher").
    /// `nil` only for a year outside 1…9999.
    public static func easterSunday(_ year: Int) -> CivilDate? {
        let a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4
        let f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1
        return CivilDate(year: year, month: month, day: day)
    }
}
