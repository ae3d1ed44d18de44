import DealersCore
import Foundation

/// Sizes and dates as people read them in the workspace's language and time zone.
struct Formatting: Sendable {
    let language: Language
    let timeZone: TimeZone

    /// `12,3 KB` (es) or `12.3 KB` (en).
    func size(_ bytes: Int) -> String {
        let units = ["B", "KB", "MB", "GB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024, unit < units.count - 1 { value /= 1024; unit += 1 }
        let text = unit == 0 ? "\(bytes)" : String(format: "%.1f", value)
        return (language == .es ? text.replacingOccurrences(of: ".", with: ",") : text) + " " + units[unit]
    }

    /// `24/11/2026 09:30` (es) or `2026-11-24 09:30` (en).
    func date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = language == .es ? "dd/MM/yyyy HH:mm" : "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }

    /// A receipt's `startedAt` or an audit event's `time` (ISO 8601, with or without fractions of
    /// a second: `2026-12-06T20:53:40.466Z`) shown like ``date(_:)``; as it came when it does not parse.
    func timestamp(_ iso: String?) -> String {
        guard let iso else { return "" }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        guard let parsed = ISO8601DateFormatter().date(from: iso) ?? fractional.date(from: iso) else { return iso }
        return date(parsed)
    }
}
