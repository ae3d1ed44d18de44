import DealersModel

/// What to tell a person whose file's header is not the layout's: the likely cause (another
/// delimiter, title rows above the header, another encoding, a file of another layout) and the
/// closest layout with the columns it expects.
package enum HeaderHint {
    /// The hint for a header that lacks required columns and either names fewer than two of the
    /// layout's fields or has a likely cause; `nil` otherwise.
    /// - Parameters:
    ///   - layout: the layout chosen for the file (unresolved, as declared).
    ///   - search: its header search on the file.
    ///   - others: every layout's header search on the file, to name the closest.
    package static func make(layout: Layout, search: HeaderSearch, others: [(layout: Layout, search: HeaderSearch)]) -> LocalizedText? {
        guard !search.missingRequired.isEmpty else { return nil }
        var causes: [LocalizedText] = []
        let declared: UInt8? = { if case .delimited(let d) = layout.format { return d.delimiter } else { return nil } }()
        if let other = search.betterDelimiter, let declared {
            causes.append(LocalizedText(
                es: "las columnas parecen separadas por \(name(other, .es)) y el formato «\(layout.name)» espera \(name(declared, .es))"
                    + " (y no permite detectar otro: detectDelimiter)",
                en: "the columns seem separated by \(name(other, .en)) and layout \"\(layout.name)\" expects \(name(declared, .en))"
                    + " (and does not allow detecting another: detectDelimiter)"))
        } else if let header = search.header, header.cells.count == 1, let declared,
                  let other = HeaderSearch.commonDelimiters.first(where: { $0 != declared && header.cells[0].utf8.contains($0) }) {
            causes.append(LocalizedText(
                es: "la cabecera se lee como una sola columna: el fichero parece separado por \(name(other, .es)), no por \(name(declared, .es))",
                en: "the header reads as one column: the file seems separated by \(name(other, .en)), not \(name(declared, .en))"))
        }
        if let row = search.betterRow, let header = search.header {
            causes.append(LocalizedText(
                es: "la cabecera parece estar en la línea \(row.line), pero el formato la fija en la línea \(header.line)"
                    + " (headerRow/skipRows); ¿hay filas de título encima?",
                en: "the header seems to be on line \(row.line), but the layout fixes it on line \(header.line)"
                    + " (headerRow/skipRows); are there title rows above it?"))
        } else if search.score == 0, !search.preamble.isEmpty || (search.header?.line ?? 1) > 1 {
            causes.append(LocalizedText(
                es: "ninguna de las primeras \(HeaderSearch.rowLimit) filas parece una cabecera; ¿hay más filas de título?",
                en: "none of the first \(HeaderSearch.rowLimit) rows looks like a header; are there more title rows?"))
        }
        if let header = search.header, looksMisdecoded(header.cells.joined(separator: " ")) {
            causes.append(LocalizedText(
                es: "el texto parece estar en otra codificación (letras como «Ã³» o caracteres de control): guárdelo como CSV UTF-8",
                en: "the text seems to be in another encoding (letters like \"Ã³\" or control characters): save it as CSV UTF-8"))
        }
        let scored = others.filter { $0.search.header != nil }
        if let other = scored.filter({ $0.layout.name != layout.name })
            .max(by: { $0.search.score < $1.search.score }),
            other.search.score > search.score, other.search.score >= HeaderMatcher(other.layout).threshold {
            causes.append(LocalizedText(
                es: "parece un fichero del formato «\(other.layout.name)» (\(other.layout.kind.rawValue))",
                en: "it looks like a file of layout \"\(other.layout.name)\" (\(other.layout.kind.rawValue))"))
        }
        // A header that names the layout's fields but lacks one is clear enough with its
        // MISSING_COLUMN errors: the hint is for headers not recognised, or with a likely cause.
        guard !causes.isEmpty || search.score < HeaderMatcher(layout).threshold else { return nil }
        let closest = scored.reduce((layout: layout, score: search.score)) { best, next in
            next.search.score > best.score ? (next.layout, next.search.score) : best
        }.layout
        let expected = closest.schema.fields.map(\.displayName).joined(separator: ", ")
        let required = closest.schema.fields.filter(\.constraints.required).map(\.displayName).joined(separator: ", ")
        let cause = causes.isEmpty ? nil : causes
        return LocalizedText(
            es: (cause.map { $0.map(\.es).joined(separator: "; ") + ". " } ?? "")
                + "El formato más parecido es «\(closest.name)»; sus columnas: \(expected) (obligatorias: \(required))",
            en: (cause.map { $0.map(\.en).joined(separator: "; ") + ". " } ?? "")
                + "The closest layout is \"\(closest.name)\"; its columns: \(expected) (required: \(required))")
    }

    /// A delimiter as a person names it.
    package static func name(_ delimiter: UInt8, _ language: Language) -> String {
        switch delimiter {
        case 0x09: return language == .es ? "tabuladores" : "tabs"
        default:
            let c = String(UnicodeScalar(delimiter))
            return language == .es ? "«\(c)»" : "\"\(c)\""
        }
    }

    /// Whether text looks like UTF-8 read as a single-byte encoding (`Ã³` for `ó`), or holds
    /// replacement or control characters.
    package static func looksMisdecoded(_ text: String) -> Bool {
        if text.contains("\u{FFFD}") || ControlCharacters.contains(text) { return true }
        var previous: Unicode.Scalar = " "
        for scalar in text.unicodeScalars {
            if previous == "Ã" || previous == "Â", scalar.value >= 0x80, scalar.value <= 0xBF { return true }
            if previous == "â", scalar == "€" { return true }
            previous = scalar
        }
        return false
    }
}
