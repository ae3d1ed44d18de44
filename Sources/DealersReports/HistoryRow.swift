import DealersDomain
import DealersModel
import DealersSupport

/// One row of the contract history: a ``ContractEvent`` with what the report shows beside it
/// (the user's name, the dealer of the event's collective) and its position in the user's
/// history, which keeps the sort stable.
package struct HistoryRow: Equatable {
    package var date: CivilDate
    package var document: String
    /// The event's position in the user's history (0 = oldest).
    package var index: Int
    package var name: String
    package var collective: String
    package var dealer: String?
    package var kind: EventKind
    package var contract: String?
    package var endBefore: CivilDate?
    package var endAfter: CivilDate?
    package var sourceFile: String
    package var sourceLine: Int?
    package var note: String?
    /// The seller whose client the user is now (the user's `Vendedor`), for a row of the user's
    /// present dealer; `nil` otherwise.
    package var seller: String? = nil

    /// Chronological order: date, then document, then the order of the user's history.
    package static func precedes(_ a: HistoryRow, _ b: HistoryRow) -> Bool {
        if a.date != b.date { return a.date < b.date }
        if a.document != b.document { return a.document < b.document }
        return a.index < b.index
    }

    // MARK: - Spilled fields

    /// Writes the row's fields for the sorter's run files (``SpillRuns``). An absent value and an
    /// empty text are both written empty.
    package func write(to writer: inout SpillWriter) {
        for text in [date.description, document, name, collective, dealer ?? "", kind.rawValue, contract ?? "",
                     endBefore?.description ?? "", endAfter?.description ?? "", sourceFile, note ?? "", seller ?? ""] {
            writer.text(text)
        }
        writer.int(index)
        writer.flag(sourceLine != nil)
        if let sourceLine { writer.int(sourceLine) }
    }

    /// Reads a row back from what ``write(to:)`` wrote; `nil` for a damaged one.
    package init?(reading reader: inout SpillReader) {
        var texts: [String] = []
        for _ in 0..<12 {
            guard let text = reader.text() else { return nil }
            texts.append(text)
        }
        guard let date = CivilDate(iso: texts[0]), let kind = EventKind(rawValue: texts[5]),
              let index = reader.int(), let hasLine = reader.flag() else { return nil }
        var sourceLine: Int?
        if hasLine {
            guard let line = reader.int() else { return nil }
            sourceLine = line
        }
        func opt(_ s: String) -> String? { s.isEmpty ? nil : s }
        self.init(date: date, document: texts[1], index: index, name: texts[2], collective: texts[3], dealer: opt(texts[4]),
                  kind: kind, contract: opt(texts[6]), endBefore: CivilDate(iso: texts[7]), endAfter: CivilDate(iso: texts[8]),
                  sourceFile: texts[9], sourceLine: sourceLine, note: opt(texts[10]), seller: opt(texts[11]))
    }

    package init(date: CivilDate, document: String, index: Int, name: String, collective: String, dealer: String?,
         kind: EventKind, contract: String?, endBefore: CivilDate?, endAfter: CivilDate?, sourceFile: String,
         sourceLine: Int?, note: String?, seller: String? = nil) {
        self.date = date
        self.document = document
        self.index = index
        self.name = name
        self.collective = collective
        self.dealer = dealer
        self.kind = kind
        self.contract = contract
        self.endBefore = endBefore
        self.endAfter = endAfter
        self.sourceFile = sourceFile
        self.sourceLine = sourceLine
        self.note = note
        self.seller = seller
    }
}
