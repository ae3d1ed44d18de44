import DealersCore
import Foundation

/// The rows of one report's CSV file (`outbox/…/reports/<name>.csv`, as ``DealersReports``
/// writes it in the workspace's CSV dialect), read for a page: the pending reversals, the
/// dashboard's figures. Cells are read by position, in the order the report writes them.
struct ReportCSV {
    /// The cells of each data row (the header row left out); `nil` when the folder does not list
    /// the file (not written yet, or not for this role).
    static func rows(_ name: String, in reports: ReadableFolder, dialect: CSVDialect) -> [[String]]? {
        guard let entry = reports.entry(named: name) else { return nil }
        var rows: [[String]] = []
        try? DelimitedReader(url: reports.url.appendingPathComponent(entry.name), format: .outbox(dialect)).read { record in
            guard record.line > 1 else { return }
            rows.append(record.cells.map(\.text))
        }
        return rows
    }
}
