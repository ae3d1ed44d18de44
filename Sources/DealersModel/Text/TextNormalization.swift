import Foundation

/// Text comparisons that people expect to be forgiving: headers and codes match without regard
/// to case, accents, spacing or punctuation (`Nº Documento` = `n documento` = `N_DOCUMENTO`).
public enum TextNormalization {
    /// A matching key: accents folded, lower case, every run of non-alphanumerics and the
    /// ordinal marks removed (`"Nº  Documento"` → `"ndocumento"`, `"Extensión"` → `"extension"`).
    public static func key(_ text: String) -> String {
        // ASCII text folds to its letters and digits, lower-cased: no Foundation needed.
        if let key = ASCIIBytes.withASCII(text, { bytes in
            String(decoding: bytes.lazy.filter(ASCIIBytes.isAlphanumeric).map(ASCIIBytes.lowercased), as: UTF8.self)
        }) {
            return key
        }
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
        var out = String.UnicodeScalarView()
        // "º" and "ª" are letters in Unicode but marks to people ("Nº" is "N").
        for scalar in folded.unicodeScalars
        where CharacterSet.alphanumerics.contains(scalar) && scalar != "º" && scalar != "ª" {
            out.append(scalar)
        }
        return String(out).lowercased()
    }

    /// Text in Unicode Normalization Form C (composed: `e` + U+0301 becomes `é`), so that a name
    /// typed on a Mac (decomposed) is the same bytes as the same name typed on Windows. Every
    /// value a reader hands on goes through it.
    ///
    /// Costs one scan of the UTF-8 bytes for nearly all text: a string whose bytes are all
    /// below 0xCC has no scalar at or above U+0300, where the combining marks (and every other
    /// scalar that normalisation can change) begin, and is already NFC.
    public static func nfc(_ text: String) -> String {
        var text = text
        let stable = text.withUTF8 { bytes -> Bool in
            var high: UInt8 = 0
            for byte in bytes { high = max(high, byte) }
            return high < 0xCC
        }
        return stable ? text : text.precomposedStringWithCanonicalMapping
    }

    /// Trims white space (spaces, tabs, line breaks, non-breaking spaces) at both ends. Called
    /// for nearly every cell: it returns the string itself when there is nothing to trim and
    /// never goes through Foundation's character sets.
    public static func trim(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.first, let last = scalars.last,
              isWhitespace(first) || isWhitespace(last) else { return text }
        var lower = scalars.startIndex, upper = scalars.endIndex
        while lower < upper, isWhitespace(scalars[lower]) { scalars.formIndex(after: &lower) }
        while upper > lower, isWhitespace(scalars[scalars.index(before: upper)]) { scalars.formIndex(before: &upper) }
        return String(scalars[lower..<upper])
    }

    /// Unicode white space, answered without the property tables for ASCII.
    @inline(__always)
    private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? ASCIIBytes.isWhitespace(UInt8(scalar.value)) : scalar.properties.isWhitespace
    }
}
