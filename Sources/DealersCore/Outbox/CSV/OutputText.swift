import Foundation

/// How output values are spelled as text: dates by a pattern, numbers without grouping.
enum OutputText {
    /// A date spelled by an Excel-like pattern: `yyyy`/`yy` year, `mm`/`m` month, `dd`/`d` day
    /// (letters in either case); any other character is copied. `dd/mm/yyyy` gives `24/11/2026`.
    static func date(_ date: CivilDate, pattern: String) -> String {
        var out = ""
        let chars = Array(pattern)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            let lower = Character(c.lowercased())
            guard lower == "y" || lower == "m" || lower == "d" else {
                out.append(c)
                i += 1
                continue
            }
            var run = 1
            while i + run < chars.count, Character(chars[i + run].lowercased()) == lower { run += 1 }
            switch lower {
            case "y":
                out += run <= 2 ? String(date.year % 100, zeroPaddedTo: 2) : String(date.year, zeroPaddedTo: 4)
            case "m":
                out += run == 1 ? String(date.month) : String(date.month, zeroPaddedTo: 2)
            default:
                out += run == 1 ? String(date.day) : String(date.day, zeroPaddedTo: 2)
            }
            i += run
        }
        return out
    }

    /// A decimal in plain notation with the given separator and no grouping; `nil` for NaN.
    /// With `minimumFractionDigits`, pads the fraction with zeros (never rounds).
    static func decimal(_ value: Decimal, separator: Character, minimumFractionDigits: Int = 0) -> String? {
        guard !value.isNaN else { return nil }
        var text = value.description
        if minimumFractionDigits > 0 {
            let fraction = text.firstIndex(of: ".").map { text.distance(from: $0, to: text.endIndex) - 1 }
            if let fraction {
                text += String(repeating: "0", count: max(0, minimumFractionDigits - fraction))
            } else {
                text += "." + String(repeating: "0", count: minimumFractionDigits)
            }
        }
        if separator != "." {
            text = text.replacingOccurrences(of: ".", with: String(separator))
        }
        return text
    }

}
