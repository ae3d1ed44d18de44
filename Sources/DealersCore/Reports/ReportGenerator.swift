import Foundation
import Logging

/// Regenerates the reports in `outbox/reports/` (all dealers, with a dealer column) and in each
/// dealer's `outbox/<DEALER>/reports/` (only that dealer's collectives), in one pass over the
/// store, streaming rows to the writers.
public struct ReportGenerator {
    /// The workspace.
    public let workspace: Workspace
    /// The as-of date of statuses.
    public let asOf: CivilDate
    /// Where progress goes.
    public let logger: Logger

    /// Creates a generator.
    public init(workspace: Workspace, asOf: CivilDate, logger: Logger) {
        self.workspace = workspace
        self.asOf = asOf
        self.logger = logger
    }

    /// Writes every report.
    public func generate(store: DocumentStore) throws {
        let collectives = try loadCollectives(store)
        try UsersReport(workspace: workspace, asOf: asOf).write(store: store, collectives: collectives)
        try PaymentsReport(workspace: workspace).write(store: store)
        logger.debug("reports written", metadata: ["asOf": "\(asOf)"])
    }

    func loadCollectives(_ store: DocumentStore) throws -> [String: Collective] {
        var result: [String: Collective] = [:]
        for key in try store.keys(under: "collectives") {
            if let c = try store.readJSON(Collective.self, key) { result[c.code] = c }
        }
        return result
    }
}

/// One report written for several audiences at once: the operator (every row, with a dealer
/// column) and each dealer (their rows only), each as XLSX and CSV.
final class ReportFanOut {
    struct Target {
        var dealer: String?
        var xlsx: XLSXWriter
        var sheet: XLSXSheet
        var csv: CSVWriter
    }

    private var targets: [Target] = []
    private let dealerColumn: Int

    /// Opens the writers of `name` for the operator and every dealer. `dealerColumn` is the
    /// position of the dealer column in the operator's rows; it is dropped for dealers.
    init(workspace: Workspace, name: String, sheet: String, title: String, subtitle: String,
         columns: [OutputColumn], dealerColumn: Int) throws {
        self.dealerColumn = dealerColumn
        let language = workspace.settings.language
        let dialect = workspace.settings.csvDialect
        let dateFormat = language == .es ? "dd/mm/yyyy" : "yyyy-mm-dd"
        for dealer in [nil] + workspace.settings.dealers.map(Optional.some) {
            let folder = workspace.outbox(dealer: dealer).appendingPathComponent("reports")
            var cols = columns
            if dealer != nil { cols.remove(at: dealerColumn) }
            let xlsx = try XLSXWriter(url: folder.appendingPathComponent("\(name).xlsx"), constantMemory: true, dateFormat: dateFormat)
            let s = try xlsx.addSheet(name: sheet, title: title, subtitle: subtitle, columns: cols)
            let csv = try CSVWriter(url: folder.appendingPathComponent("\(name).csv"), dialect: dialect)
            try csv.appendRaw(cols.map(\.header))
            targets.append(Target(dealer: dealer, xlsx: xlsx, sheet: s, csv: csv))
        }
    }

    /// Appends a row for the operator and for the dealer that owns it.
    func append(_ row: [OutputValue], dealer: String?) throws {
        for target in targets {
            if target.dealer == nil {
                try target.sheet.append(row)
                try target.csv.append(row)
            } else if target.dealer == dealer {
                var own = row
                own.remove(at: dealerColumn)
                try target.sheet.append(own)
                try target.csv.append(own)
            }
        }
    }

    /// Closes every writer, publishing the files.
    func close() throws {
        for target in targets {
            try target.xlsx.close()
            try target.csv.close()
        }
    }
}
