import Foundation
import DealersModel

/// How output values are spelled as text: dates by a pattern, numbers without grouping.
package enum OutputText {
    /// A date spelled by an Excel-like pattern: `yyyy`/`yy` year, `mm`/`m` month, `dd`/`d` day
    /// (letters in either case); any other character is copied. `dd/mm/yyyy` gives `24/11/2026`.
    package static func date(_ date: CivilDate, pattern: String) -> String {
        // The two patterns of the shipped languages, without reading the pattern (reports spell
        // millions of dates); the same text as the general path below.
        if pattern == "yyyy-mm-dd", (0...9999).contains(date.year) { return date.description }
        if pattern == "dd/mm/yyyy", (0...9999).contains(date.year), (1...12).contains(date.month),
           (1...31).contains(date.day) {
            let iso = Array(date.description.utf8)   // YYYY-MM-DD
            return String(decoding: [iso[8], iso[9], 0x2F, iso[5], iso[6], 0x2F, iso[0], iso[1], iso[2], iso[3]],
                          as: UTF8.self)
        }
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
    package static func decimal(_ value: Decimal, separator: Character, minimumFractionDigits: Int = 0) -> String? {
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
