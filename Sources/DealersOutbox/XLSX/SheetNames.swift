/// Worksheet names Excel accepts: at most 31 characters, none of `[ ] : * ? / \`, not starting
/// or ending with an apostrophe, unique regardless of case within a workbook.
package struct SheetNames {
    private var used: Set<String> = []

    /// A valid name for `requested`, made unique with " (2)", " (3)" … when already taken.
    package mutating func claim(_ requested: String) -> String {
        let base = SheetNames.sanitize(requested)
        if take(base) { return base }
        var number = 2
        while true {
            let candidate = SheetNames.numbered(base, number)
            if take(candidate) { return candidate }
            number += 1
        }
    }

    /// The name of the `number`-th part of a sheet split at the row limit, made unique.
    package mutating func claimContinuation(of base: String, number: Int) -> String {
        var number = number
        while true {
            let candidate = SheetNames.numbered(base, number)
            if take(candidate) { return candidate }
            number += 1
        }
    }

    private mutating func take(_ name: String) -> Bool {
        used.insert(name.lowercased()).inserted
    }

    /// `base (n)`, with `base` shortened so the whole fits in 31 characters.
    package static func numbered(_ base: String, _ number: Int) -> String {
        let suffix = " (\(number))"
        return trimmed(truncated(base, to: ExcelLimits.maxSheetNameLength - suffix.utf16.count)) + suffix
    }

    /// Replaces forbidden characters with `_`, drops control characters and edge apostrophes,
    /// cuts to 31 characters; an empty result becomes `Sheet`.
    package static func sanitize(_ name: String) -> String {
        var cleaned = ""
        for scalar in name.unicodeScalars {
            switch scalar {
            case "[", "]", ":", "*", "?", "/", "\\": cleaned.unicodeScalars.append("_")
            default:
                if scalar.properties.generalCategory == .control { continue }
                cleaned.unicodeScalars.append(scalar)
            }
        }
        let result = trimmed(truncated(trimmed(cleaned), to: ExcelLimits.maxSheetNameLength))
        if result.isEmpty { return "Sheet" }
        // "History" is reserved by Excel.
        if result.lowercased() == "history" { return result + "_" }
        return result
    }

    private static func trimmed(_ name: String) -> String {
        var s = Substring(name)
        while s.first == "'" || s.first == " " { s = s.dropFirst() }
        while s.last == "'" || s.last == " " { s = s.dropLast() }
        return String(s)
    }

    /// Cut on a character boundary to at most `limit` UTF-16 units (Excel's count).
    private static func truncated(_ name: String, to limit: Int) -> String {
        var count = 0
        var result = ""
        for character in name {
            count += character.utf16.count
            if count > limit { break }
            result.append(character)
        }
        return result
    }
}
