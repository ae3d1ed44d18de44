import DealersCore
import Foundation

/// A processing in `GET /api/receipts`: `{"date", "name", "input", "status", "rows", "href", …}`.
struct APIReceipt: Encodable {
    /// The receipt's date folder.
    var date: String
    /// The input's archived name (the receipt's file name without `.json`).
    var name: String
    var input: String?
    var status: String?
    var layout: String?
    var rows: [String: Int]
    /// The number of errors (the receipt's `errors`).
    var errorCount: Int?
    var startedAt: String?
    var uploadedBy: String?
    /// `/api/receipts/<date>/<name>`.
    var href: String
    /// The processing this one corrects (its `href`), for a correction sent from the portal.
    var corrects: String?

    /// The listing entry of a dated receipt (`nil` for a latest view, which has no date).
    init?(_ receipt: ShownReceipt, query: String) {
        let summary = receipt.summary
        guard let date = summary.file.date, summary.file.name.hasSuffix(".json") else { return nil }
        self.date = date
        name = String(summary.file.name.dropLast(5))
        input = summary.input
        status = summary.status
        layout = summary.layout
        rows = summary.rows?.counts ?? [:]
        errorCount = summary.errors
        startedAt = summary.startedAt
        uploadedBy = summary.uploadedBy
        href = Self.href(date: date, name: name, query: query)
        corrects = CorrectionName.original(of: name).map { Self.href(date: $0.date, name: $0.archived, query: query) }
    }

    /// The API's path of a processing.
    static func href(date: String, name: String, query: String) -> String {
        "/api/receipts/" + HTML.pathSegment(date) + "/" + HTML.pathSegment(name) + query
    }
}

/// `GET /api/receipts/<date>/<name>`: the receipt plus a page of its errors and rejected rows.
struct APIReceiptDetail: Encodable {
    /// A rejected row: its line in the original and its cells by column name.
    struct Row: Encodable {
        var line: Int
        var cells: [String: String]
    }

    /// Which part of the errors and rejected rows this answer holds, and how many there are.
    struct Page: Encodable {
        var offset: Int
        var limit: Int
        var errors: Int
        var rejectedRows: Int
    }

    var date: String
    var name: String
    var input: String?
    var status: String?
    var layout: String?
    var rows: [String: Int]
    var actions: [String: Int]
    var errorCount: Int?
    var startedAt: String?
    var finishedAt: String?
    var durationSeconds: Double?
    var uploadedBy: String?
    var href: String
    var corrects: String?
    /// The columns of the rejected rows, in the file's order.
    var columns: [String]
    var errors: [ListedError]
    var rejectedRows: [Row]
    var page: Page
    /// Where to `POST` corrections (only when there are rejected rows to correct).
    var corrections: String?

    init(_ processing: Processing, query: String, errors: (errors: [ListedError], total: Int),
         rejected: (columns: [String], rows: [RejectedRow], total: Int), offset: Int, limit: Int) {
        let summary = processing.receipt.summary
        let listed = APIReceipt(processing.receipt, query: query)
        date = processing.date
        name = processing.archived
        input = summary.input
        status = summary.status
        layout = summary.layout
        rows = listed?.rows ?? [:]
        actions = summary.actions ?? [:]
        errorCount = summary.errors
        startedAt = summary.startedAt
        finishedAt = summary.finishedAt
        durationSeconds = summary.durationSeconds
        uploadedBy = summary.uploadedBy
        href = APIReceipt.href(date: date, name: name, query: query)
        corrects = listed?.corrects
        columns = rejected.columns
        self.errors = errors.errors
        rejectedRows = rejected.rows.map { row in
            Row(line: row.line, cells: Dictionary(zip(rejected.columns, row.cells), uniquingKeysWith: { first, _ in first }))
        }
        page = Page(offset: offset, limit: limit, errors: errors.total, rejectedRows: rejected.total)
        corrections = rejected.total > 0 ? APIReceipt.href(date: date, name: name, query: "") + "/corrections" + query : nil
    }
}

/// `202` to a correction stored: `{"inbox": "<file name>", "status": "/upload/status?file=…&sha256=…"}`.
struct CorrectionAnswer: Encodable {
    var inbox: String
    var status: String
    var checksum: String
}
