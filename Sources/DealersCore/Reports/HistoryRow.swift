/// One row of the contract history: a ``ContractEvent`` with what the report shows beside it
/// (the user's name, the dealer of the event's collective) and its position in the user's
/// history, which keeps the sort stable.
struct HistoryRow: Equatable {
    var date: CivilDate
    var document: String
    /// The event's position in the user's history (0 = oldest).
    var index: Int
    var name: String
    var collective: String
    var dealer: String?
    var kind: EventKind
    var contract: String?
    var endBefore: CivilDate?
    var endAfter: CivilDate?
    var sourceFile: String
    var sourceLine: Int?
    var note: String?

    /// Chronological order: date, then document, then the order of the user's history.
    static func precedes(_ a: HistoryRow, _ b: HistoryRow) -> Bool {
        if a.date != b.date { return a.date < b.date }
        if a.document != b.document { return a.document < b.document }
        return a.index < b.index
    }

    // MARK: - Spill lines

    /// The row as one line of tab-separated fields, with `\`, TAB, LF and CR escaped, for the
    /// sorter's run files. An absent value and an empty text are both written empty.
    var line: String {
        let fields: [String] = [
            date.description, document, String(index), name, collective, dealer ?? "", kind.rawValue,
            contract ?? "", endBefore?.description ?? "", endAfter?.description ?? "", sourceFile,
            sourceLine.map(String.init) ?? "", note ?? "",
        ]
        return fields.map(HistoryRow.escape).joined(separator: "\t")
    }

    /// Reads a row back from ``line`` (without its line break); `nil` for a line that is not one.
    init?(line: Substring) {
        let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(HistoryRow.unescape)
        guard f.count == 13, let date = CivilDate(iso: f[0]), let index = Int(f[2]),
              let kind = EventKind(rawValue: f[6]) else { return nil }
        func opt(_ s: String) -> String? { s.isEmpty ? nil : s }
        self.init(date: date, document: f[1], index: index, name: f[3], collective: f[4], dealer: opt(f[5]),
                  kind: kind, contract: opt(f[7]), endBefore: CivilDate(iso: f[8]), endAfter: CivilDate(iso: f[9]),
                  sourceFile: f[10], sourceLine: Int(f[11]), note: opt(f[12]))
    }

    init(date: CivilDate, document: String, index: Int, name: String, collective: String, dealer: String?,
         kind: EventKind, contract: String?, endBefore: CivilDate?, endAfter: CivilDate?, sourceFile: String,
         sourceLine: Int?, note: String?) {
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
    }

    private static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else {
            return text
        }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func unescape(_ text: Substring) -> String {
        guard text.utf8.contains(0x5C) else { return String(text) }
        var out = ""
        var escaping = false
        for scalar in text.unicodeScalars {
            if escaping {
                switch scalar {
                case "t": out += "\t"
                case "n": out += "\n"
                case "r": out += "\r"
                default: out.unicodeScalars.append(scalar)
                }
                escaping = false
            } else if scalar == "\\" {
                escaping = true
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
