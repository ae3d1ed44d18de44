import Foundation

/// The one vocabulary of durations, shared by every layout and setting that names a length of
/// time (a users file's period, a collective's default length, a payment's period,
/// `defaultContractLength`): a count and a unit, or a word, in Spanish or English, without regard
/// to case, accents, spaces or hyphens.
///
/// | written | months |
/// |---|---|
/// | `1M`, `1 mes`, `12 meses`, `1 month`, `6 months`, `un mes` | the count |
/// | `1A`, `1Y`, `1 año`, `2 años`, `1 ano`, `1 year`, `2 years`, `un año` | 12 × the count |
/// | `1 trimestre`, `2 trimestres`, `1 quarter` | 3 × the count |
/// | `1 semestre`, `1 half-year` | 6 × the count |
/// | `mensual`, `monthly`, `mes`, `month`, `M` | 1 |
/// | `bimestral`, `bimonthly` | 2 |
/// | `trimestral`, `quarterly`, `trimestre`, `quarter` | 3 |
/// | `cuatrimestral` | 4 |
/// | `semestral`, `half-yearly`, `semiannual`, `semestre` | 6 |
/// | `anual`, `yearly`, `annual`, `annually`, `año`, `year`, `A`, `Y` | 12 |
///
/// The count is a whole number from 1; the total is at most ``maximumMonths``. Fractions
/// (`1,5 años`) and words that say nothing about length (`bimensual`, `biannual`, which people
/// read both ways) are refused.
package enum DurationVocabulary {
    /// The longest duration accepted, in months (100 years).
    package static let maximumMonths = 1200

    /// What is expected, for error messages: Spanish and English.
    package static let expected = (
        es: "una duración: un número y una unidad (1M, 12M, 1A, 1 mes, 12 meses, 1 año, 2 años) o una palabra (mensual, trimestral, semestral, anual)",
        en: "a duration: a number and a unit (1M, 12M, 1Y, 1 month, 12 months, 1 year, 2 years) or a word (monthly, quarterly, half-yearly, yearly)"
    )

    /// The months a text names, or `nil` when it is not in the vocabulary.
    package static func months(_ text: String) -> Int? {
        let trimmed = TextNormalization.trim(text)
        // The store's `1A` and most cells are ASCII: no need for Foundation's folding.
        let folded = trimmed.utf8.allSatisfy { $0 < 0x80 } ? trimmed.lowercased()
            : trimmed.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil).lowercased()
        var rest = Substring(folded)
        var count = 1
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty {
            guard digits.count <= 4, let n = Int(digits), n >= 1 else { return nil }
            count = n
            rest = rest.dropFirst(digits.count)
        } else if let word = countWords.first(where: { rest.hasPrefix($0 + " ") }) {
            rest = rest.dropFirst(word.count + 1)
        } else {
            // A word alone: `mensual`, `half-yearly`, `M`.
            guard let months = words[unitKey(rest) ?? ""] else { return nil }
            return months
        }
        guard let key = unitKey(rest), let unit = units[key] else { return nil }
        let months = count * unit
        return months <= maximumMonths ? months : nil
    }

    /// A unit or word with spaces, hyphens and underscores removed; `nil` when it holds anything
    /// else (a digit, a comma: `1,5 años`, `12 meses 3`).
    private static func unitKey(_ text: Substring) -> String? {
        var key = ""
        for c in text {
            if c.isLetter { key.append(c) }
            else if c == " " || c == "-" || c == "_" || c == "\u{A0}" { continue }
            else { return nil }
        }
        return key.isEmpty ? nil : key
    }

    /// Words that stand for a count of one before a unit (`un año`, `one month`).
    private static let countWords = ["un", "una", "uno", "one"]

    /// Units after a count, in months.
    private static let units: [String: Int] = [
        "m": 1, "mes": 1, "meses": 1, "month": 1, "months": 1, "mo": 1, "mth": 1, "mths": 1,
        "a": 12, "ano": 12, "anos": 12, "anio": 12, "anios": 12, "y": 12, "yr": 12, "yrs": 12, "year": 12, "years": 12,
        "trimestre": 3, "trimestres": 3, "quarter": 3, "quarters": 3,
        "bimestre": 2, "bimestres": 2, "semestre": 6, "semestres": 6, "halfyear": 6, "halfyears": 6,
    ]

    /// Durations written as a word alone, in months.
    private static let words: [String: Int] = [
        "m": 1, "mes": 1, "mensual": 1, "month": 1, "monthly": 1,
        "bimestral": 2, "bimestre": 2, "bimonthly": 2,
        "trimestral": 3, "trimestre": 3, "quarter": 3, "quarterly": 3,
        "cuatrimestral": 4, "cuatrimestre": 4,
        "semestral": 6, "semestre": 6, "halfyear": 6, "halfyearly": 6, "semiannual": 6, "semiannually": 6,
        "a": 12, "y": 12, "ano": 12, "anio": 12, "anual": 12, "year": 12, "yearly": 12, "annual": 12, "annually": 12,
    ]
}
