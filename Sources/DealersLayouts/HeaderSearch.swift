import DealersModel
import DealersReading

/// How well a row of a file matches a layout's header: how many of its fields the row names (by
/// name, title or alias, without case, accents or spacing — the same matching as
/// ``RowValidator/bindHeader(_:)``).
package struct HeaderMatcher {
    package let layout: Layout
    private let lookup: [String: Int]

    package init(_ layout: Layout) {
        self.layout = layout
        var lookup: [String: Int] = [:]
        for (i, field) in layout.schema.fields.enumerated() {
            for spelling in [field.name, field.title].compactMap({ $0 }) + field.aliases {
                lookup[TextNormalization.key(spelling)] = i
            }
        }
        self.lookup = lookup
    }

    /// The fields (by position) that the cells name.
    package func fields(in cells: [String]) -> Set<Int> {
        var found = Set<Int>()
        for cell in cells {
            let trimmed = TextNormalization.trim(cell)
            if !trimmed.isEmpty, let i = lookup[TextNormalization.key(trimmed)] { found.insert(i) }
        }
        return found
    }

    /// How many fields the cells name.
    package func score(_ cells: [String]) -> Int { fields(in: cells).count }

    /// The display names of the required fields that the cells do not name.
    package func missingRequired(_ cells: [String]) -> [String] {
        let found = fields(in: cells)
        return layout.schema.fields.enumerated()
            .filter { $0.element.constraints.required && !found.contains($0.offset) }
            .map(\.element.displayName)
    }

    /// The fewest fields a row must name to be taken for a header (or for another delimiter's):
    /// two, or one for a layout of one field.
    package var threshold: Int { min(2, layout.schema.fields.count) }
}

/// Where a delimiter came from.
package enum DelimiterSource: Sendable, Equatable {
    /// The layout's own.
    case layout
    /// An Excel `sep=X` first line.
    case sepLine
    /// Another common delimiter, because the layout's found no header and this one did.
    case sniffed
}

/// The outcome of the header search of one layout in the first rows of one file.
package struct HeaderSearch: Sendable {
    /// The rows searched at most (the header may be on any of them).
    package static let rowLimit = 20
    /// The delimiters tried when the layout's own finds no header.
    package static let commonDelimiters: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), 0x09, UInt8(ascii: "|")]

    /// The delimiter chosen (delimited files only) and where it came from.
    package var delimiter: UInt8?
    package var delimiterSource = DelimiterSource.layout
    /// The header row, when the file has one in the rows read.
    package var header: PrefixRecord?
    /// How many fields the header names.
    package var score = 0
    /// The rows above the header.
    package var preamble: [PrefixRecord] = []
    /// A row other than the pinned header that names more fields (a hint: title rows).
    package var betterRow: PrefixRecord?
    /// Another delimiter whose best row names more fields than the one used (a hint).
    package var betterDelimiter: UInt8?
    /// The layout's required fields the header does not name.
    package var missingRequired: [String] = []

    /// Searches the rows of a file for a layout's header.
    /// - Parameters:
    ///   - rows: the first rows split with a delimiter (`nil`: the file's own cells, a workbook).
    ///   - layoutDelimiter: the layout's delimiter (`nil` for a workbook).
    ///   - sep: the delimiter of an Excel `sep=X` first line.
    ///   - mayDetect: whether another delimiter may be used.
    ///   - pinned: the 1-based record the layout fixes the header on, when it does (0: none).
    package init(_ matcher: HeaderMatcher, rows: (UInt8?) -> [PrefixRecord], layoutDelimiter: UInt8?, sep: UInt8?,
         mayDetect: Bool, pinned: Int?) {
        // The header: the first row that names at least half as many fields as the best row
        // (and two, when the best does). Not simply the best row: data cells can name fields
        // too (`DNI`, `BAJA` and `TITULAR` are aliases of users fields), and a header that
        // names few fields must still win over the rows below it.
        func best(_ records: [PrefixRecord]) -> (record: PrefixRecord, score: Int)? {
            let scores = records.map { matcher.score($0.cells) }
            guard let top = scores.max(), top > 0 else { return nil }
            let floor = max(min(matcher.threshold, top), (top + 1) / 2)
            return scores.firstIndex { $0 >= floor }.map { (records[$0], scores[$0]) }
        }
        var delimiter = layoutDelimiter
        if let sep, mayDetect || sep == layoutDelimiter {
            delimiter = sep
            delimiterSource = sep == layoutDelimiter ? .layout : .sepLine
        }
        var records = rows(delimiter)
        var found = best(records)
        if let own = delimiter, delimiterSource != .sepLine {
            // Other delimiters, tried when the layout's finds no header (or one of a single cell).
            let ownFails = (found?.score ?? 0) < matcher.threshold || found?.record.cells.count == 1
            for other in Self.commonDelimiters where other != own {
                let otherRecords = rows(other)
                guard let otherBest = best(otherRecords), otherBest.score >= matcher.threshold,
                      otherBest.score > (found?.score ?? 0), otherBest.record.cells.count > 1 else { continue }
                if ownFails, mayDetect {
                    delimiter = other
                    delimiterSource = .sniffed
                    records = otherRecords
                    found = otherBest
                } else if betterDelimiter == nil {
                    betterDelimiter = other
                }
            }
        }
        self.delimiter = delimiter
        let chosen: PrefixRecord?
        if let pinned {
            chosen = pinned >= 1 && pinned <= records.count ? records[pinned - 1] : nil
            if let found, let chosen, found.record.line != chosen.line, found.score > matcher.score(chosen.cells) {
                betterRow = found.record
            }
        } else {
            chosen = found?.record ?? records.first
        }
        header = chosen
        if let chosen {
            score = matcher.score(chosen.cells)
            preamble = records.filter { $0.line < chosen.line }
            missingRequired = matcher.missingRequired(chosen.cells)
        }
    }
}
