import Foundation

/// The parts of a receipt (`outbox/…/receipts/*.json`) the portal shows. Decoded leniently: a
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
    var fileName = ""
    /// When it was written (the file's mtime; sorting falls back to it).
    var modified = Date(timeIntervalSince1970: 0)

    private enum CodingKeys: String, CodingKey {
        case input, status, checksum, layout, rows, errors, startedAt, outputs, message
    }

    /// The names of this receipt's files in an `errors/` folder (errors.csv, rejected file, error
    /// workbook), taken from its `outputs` (`errors/x`, or a longer path ending in `errors/x`).
    /// Only names that exist in the visitor's own `errors/` are ever linked.
    var errorFiles: [String] {
        (outputs ?? []).compactMap { output in
            let parts = output.split(separator: "/")
            return parts.count >= 2 && parts[parts.count - 2] == "errors" ? String(parts[parts.count - 1]) : nil
        }
    }

    /// Newest first: by `startedAt` (ISO 8601 sorts as text), then by the file's mtime, then by name.
    static func newestFirst(_ a: ReceiptSummary, _ b: ReceiptSummary) -> Bool {
        let x = a.startedAt ?? "", y = b.startedAt ?? ""
        if x != y { return x > y }
        if a.modified != b.modified { return a.modified > b.modified }
        return a.fileName > b.fileName
    }
}
