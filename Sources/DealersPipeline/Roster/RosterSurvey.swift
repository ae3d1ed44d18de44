import Foundation
import DealersFormats
import DealersReading

/// What a first read of a roster file tells before anything is applied (docs/layouts.md,
/// "Roster files"): who is present (every row, rejected or not, counts), who is listed twice,
/// which collectives the file names, and which collectives have a row whose person cannot be
/// told (no document, or one refused as written): no BAJA is computed for those.
package struct RosterSurvey {
    /// The first line of each document the file lists.
    package private(set) var firstLine: [String: Int] = [:]
    /// The lines of each document listed more than once.
    package private(set) var repeated: [String: [Int]] = [:]
    /// The collectives the rows name (upper case, as the rules compare them).
    package private(set) var named: Set<String> = []
    /// Collectives with a row whose document cannot be read.
    package private(set) var unidentified: Set<String> = []
    /// A row with neither a readable document nor a collective: no BAJA anywhere.
    package private(set) var unidentifiedAnywhere = false
    /// Data rows read.
    package private(set) var rows = 0

    /// Whether the file lists a document.
    package func isPresent(_ document: String) -> Bool { firstLine[document] != nil }

    /// Whether BAJAs may be computed for a collective the file names.
    package func mayCancel(in collective: String) -> Bool {
        !unidentifiedAnywhere && !unidentified.contains(collective)
    }

    /// The other lines a document is listed on, when it is listed more than once.
    package func otherLines(of document: String, than line: Int) -> [Int]? {
        repeated[document].map { $0.filter { $0 != line } }
    }

    /// Reads every row of `feed`.
    package static func read(_ feed: RecordFeed, onThread: Bool) throws -> RosterSurvey {
        var survey = RosterSurvey()
        var columns: FieldColumns?
        try feed.forEach(onThread: onThread) { item in
            switch item {
            case .header(_, _, let bound, _):
                columns = bound
            case .row(let row):
                survey.rows += 1
                survey.note(row, columns: columns)
            }
        }
        return survey
    }

    private init() {}

    private mutating func note(_ row: FeedRow, columns: FieldColumns?) {
        var document: String?
        var collective: String?
        if case .success(.user(let cmd))? = row.command {
            document = cmd.document
            collective = cmd.collective
        } else {
            func cell(_ field: String) -> String? {
                guard let column = columns?.column(ofField: field),
                      let text = row.record.cell(at: column - 1)?.text.trimmingCharacters(in: .whitespaces),
                      !text.isEmpty else { return nil }
                return text
            }
            // A document the row gets wrong names nobody for sure (a typo may be someone else's
            // number): the person cannot be told, so no one of the collective is cancelled.
            let documentColumn = columns?.column(ofField: "document")
            let documentWrong = row.errors.contains { $0.column != nil && $0.column == documentColumn }
            document = documentWrong ? nil : cell("document").map(normalizeDocument)
            collective = cell("collective")?.uppercased()
        }
        if let collective { named.insert(collective) }
        guard let document, !document.isEmpty else {
            if let collective { unidentified.insert(collective) } else { unidentifiedAnywhere = true }
            return
        }
        if let first = firstLine[document] {
            repeated[document, default: [first]].append(row.record.line)
        } else {
            firstLine[document] = row.record.line
        }
    }
}
