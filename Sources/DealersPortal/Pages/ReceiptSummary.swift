import DealersCore
import Foundation

/// The parts of a receipt (`outbox/…/receipts/<date>/*.json`, ``Receipt``) the portal shows.
/// Decoded leniently, under the receipt's own keys (``Receipt/CodingKeys``): a receipt with fields
/// added or missing still lists.
struct ReceiptSummary: Decodable, Sendable {
    struct Rows: Decodable, Sendable {
        var read: Int?
        var applied: Int?
        var rejected: Int?

        /// The counts there are, by the receipt's keys (`read`, `applied`, `rejected`).
        var counts: [String: Int] {
            ["read": read, "applied": applied, "rejected": rejected].compactMapValues { $0 }
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: Receipt.Rows.CodingKeys.self)
            read = try? c.decodeIfPresent(Int.self, forKey: .read)
            applied = try? c.decodeIfPresent(Int.self, forKey: .applied)
            rejected = try? c.decodeIfPresent(Int.self, forKey: .rejected)
        }
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
    /// The portal account that uploaded the input, when one did.
    var uploadedBy: String?
    /// Where the input was archived (`archive/<who>/<date>/<name>`).
    var archivedTo: String?
    /// Rows per action applied (`ALTA`: 5 …).
    var actions: [String: Int]?
    /// Seconds between picking the file up and writing the receipt.
    var durationSeconds: Double?
    /// When the receipt was written.
    var finishedAt: String?
    /// The encoding a delimited input was read in (the receipt's `dialect.encoding`).
    var encoding: String?
    /// The line the header was found on, when rows above it were skipped (else the layout's, 1).
    var headerLine: Int?

    /// The receipt's file in `receipts/` (set after decoding).
    var file = DatedName(date: nil, name: "")
    /// When it was written (the file's mtime; sorting falls back to it).
    var modified = Date(timeIntervalSince1970: 0)

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Receipt.CodingKeys.self)
        input = try? c.decodeIfPresent(String.self, forKey: .input)
        status = try? c.decodeIfPresent(String.self, forKey: .status)
        checksum = try? c.decodeIfPresent(String.self, forKey: .checksum)
        layout = try? c.decodeIfPresent(String.self, forKey: .layout)
        rows = try? c.decodeIfPresent(Rows.self, forKey: .rows)
        errors = try? c.decodeIfPresent(Int.self, forKey: .errors)
        startedAt = try? c.decodeIfPresent(String.self, forKey: .startedAt)
        outputs = try? c.decodeIfPresent([String].self, forKey: .outputs)
        message = try? c.decodeIfPresent(String.self, forKey: .message)
        uploadedBy = try? c.decodeIfPresent(String.self, forKey: .uploadedBy)
        archivedTo = try? c.decodeIfPresent(String.self, forKey: .archivedTo)
        actions = try? c.decodeIfPresent([String: Int].self, forKey: .actions)
        durationSeconds = try? c.decodeIfPresent(Double.self, forKey: .durationSeconds)
        finishedAt = try? c.decodeIfPresent(String.self, forKey: .finishedAt)
        headerLine = (try? c.decodeIfPresent(Receipt.Preamble.self, forKey: .preamble))?.headerLine
        encoding = (try? c.decodeIfPresent(Receipt.Dialect.self, forKey: .dialect))?.encoding
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
