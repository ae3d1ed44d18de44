import DealersCore
import Foundation

extension Formatting {
    /// A count as people read it: `12.345` (es), `12,345` (en); four digits stay ungrouped in Spanish.
    func integer(_ value: Int) -> String {
        let formatter = NumberFormatter()
        formatter.locale = Locale(identifier: language == .es ? "es_ES" : "en_GB")
        formatter.numberStyle = .decimal
        return formatter.string(from: NSNumber(value: value)) ?? String(value)
    }

    /// A month (`YYYY-MM`): `diciembre de 2026` (es), `December 2026` (en).
    func month(_ iso: String) -> String {
        guard let first = CivilDate(iso: iso + "-01") else { return iso }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: language == .es ? "es_ES" : "en_GB")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = language == .es ? "LLLL 'de' yyyy" : "LLLL yyyy"
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        guard let date = calendar.date(from: DateComponents(year: first.year, month: first.month, day: 1, hour: 12)) else { return iso }
        return formatter.string(from: date)
    }
}
