import Foundation
import DealersModel

/// The one place where text becomes an exact decimal: `1.234,56` with a decimal comma and a
/// group dot, `1234.56`, `-12,5`. Group separators must separate groups of exactly three digits,
/// so `12.50` with a group dot is refused rather than read as 1250.
public enum DecimalParsing {
    private static let posix = Locale(identifier: "en_US_POSIX")

    /// Parses `text` with the given separators; `nil` when it is not a number.
    public static func parse(_ text: String, decimalChar: Character = ".", groupChar: Character? = nil) -> Decimal? {
        let trimmed = TextNormalization.trim(text)
        guard !trimmed.isEmpty else { return nil }
        var canonical = ""
        canonical.reserveCapacity(trimmed.utf8.count)
        var seenDecimal = false
        var digitsInGroup = 0          // digits since the start or the last group separator
        var sawGroup = false
        for (index, c) in trimmed.enumerated() {
            if c.isASCII, c.isNumber {
                canonical.append(c)
                if !seenDecimal { digitsInGroup += 1 }
            } else if (c == "-" || c == "+") && index == 0 {
                if c == "-" { canonical.append("-") }
            } else if c == decimalChar, !seenDecimal {
                guard !sawGroup || digitsInGroup == 3 else { return nil }
                canonical.append("."); seenDecimal = true
            } else if let g = groupChar, c == g, !seenDecimal {
                // The first group may have 1–3 digits, every later one exactly 3.
                guard digitsInGroup >= 1, (sawGroup ? digitsInGroup == 3 : digitsInGroup <= 3) else { return nil }
                sawGroup = true
                digitsInGroup = 0
            } else {
                return nil
            }
        }
        if sawGroup, !seenDecimal, digitsInGroup != 3 { return nil }
        guard canonical.contains(where: \.isNumber), canonical.last != "." else { return nil }
        return Decimal(string: canonical, locale: posix)
    }

    /// Parses a canonical number as written by machines and spreadsheets (`1234.5`, `-3`).
    public static func parseCanonical(_ text: String) -> Decimal? {
        parse(text, decimalChar: ".", groupChar: nil)
    }
}
