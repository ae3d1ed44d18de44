import Foundation

/// The parts of a receipt (`outbox/…/receipts/<date>/*.json`) the portal shows. Decoded leniently: a
/// receipt with fields added or missing still lists.
struct ReceiptSummary: Decodable, Sendable {
    struct Rows: Decodable, Sendable {
        var read: Int?
        var applied: Int?
        var rejected: Int?
    }

    var input: String?
    var status: String?
    var checksum: String?
    var layout: String?
    var rows: Rows?
    var errors: Int?
    var startedAt: String?
    var outputs: [String]?
    var message: String?

    /// The receipt's file in `receipts/` (set after decoding).
    var file = DatedName(date: nil, name: "")
    /// When it was written (the file's mtime; sorting falls back to it).
    var modified = Date(timeIntervalSince1970: 0)

    private enum CodingKeys: String, CodingKey {
        case input, status, checksum, layout, rows, errors, startedAt, outputs, message
    }

    /// This receipt's files in a date folder of `errors/` (errors.csv, rejected file, error
    /// workbook), taken from its `outputs` (`errors/<date>/<name>`, or a longer path ending so).
    /// Only names that exist in the visitor's own `errors/<date>/` are ever linked.
    var errorFiles: [DatedName] {
        (outputs ?? []).compactMap { DatedName(output: $0, in: "errors") }
    }

    /// Newest first: by `startedAt` (ISO 8601 sorts as text), then by the file's mtime, then by
    /// date folder and name.
    static func newestFirst(_ a: ReceiptSummary, _ b: ReceiptSummary) -> Bool {
        let x = a.startedAt ?? "", y = b.startedAt ?? ""
        if x != y { return x > y }
        if a.modified != b.modified { return a.modified > b.modified }
        if a.file.date != b.file.date { return (a.file.date ?? "") > (b.file.date ?? "") }
        return a.file.name > b.file.name
    }
}
