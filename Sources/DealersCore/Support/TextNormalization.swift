import Foundation

/// Text comparisons that people expect to be forgiving: headers and codes match without regard
/// to case, accents, spacing or punctuation (`Nº Documento` = `n documento` = `N_DOCUMENTO`).
public enum TextNormalization {
    /// A matching key: accents folded, lower case, every run of non-alphanumerics and the
    /// ordinal marks removed (`"Nº  Documento"` → `"ndocumento"`, `"Extensión"` → `"extension"`).
    public static func key(_ text: String) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
        var out = String.UnicodeScalarView()
        // "º" and "ª" are letters in Unicode but marks to people ("Nº" is "N").
        for scalar in folded.unicodeScalars
        where CharacterSet.alphanumerics.contains(scalar) && scalar != "º" && scalar != "ª" {
            out.append(scalar)
        }
        return String(out).lowercased()
    }

    /// Trims spaces, tabs and non-breaking spaces at both ends.
    public static func trim(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: "\u{00A0}")))
    }
}
