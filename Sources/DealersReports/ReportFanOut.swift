import Foundation
import DealersOutbox
import DealersSupport
import DealersWorkspace

/// One report written for several audiences at once: the operator (every row, with a dealer
/// column), each dealer (their rows only) and, for some reports, each dealer's sellers (their
/// clients' rows only, ``SellerCuts``), each as XLSX and/or CSV.
///
/// Every file is written under a hidden temporary name and renamed on ``close()``: a person or
/// a download job sees the previous file until then, never half of the new one.
///
/// With `concurrent` the operator's files and the dealers' files are written on two threads of
/// their own (``ReportLane``), while the caller goes on reading the store and building rows: the
/// same files, in about half the time on two cores (docs/performance.md, "Fifth run").
package final class ReportFanOut {
    private var targets: [ReportTarget] = []
    private var cuts: SellerCuts?
    private var lanes: [ReportLane] = []
    private let dealerColumn: Int

    /// Opens the writers of `name` for the operator and every dealer. `dealerColumn` is the
    /// position of the dealer column in the operator's rows; it is dropped for dealers.
    /// - Parameters:
    ///   - formats: which of `<name>.xlsx` and `<name>.csv` to write.
    ///   - concurrent: write the operator's and the dealers' files on two threads.
    ///   - operatorOnly: write the operator's files only (no dealer gets this report).
    ///   - sellerCuts: also write each dealer's sellers their cut (``SellerCuts``), with the
    ///     dealers' files.
    /// - Throws: ``DealersError`` `.cannotCreate` naming a file whose folder cannot be written.
    package init(workspace: Workspace, name: String, sheet: String, title: String, subtitle: String,
         columns: [OutputColumn], dealerColumn: Int, formats: ReportFormats = .all, concurrent: Bool = false,
         operatorOnly: Bool = false, sellerCuts: Bool = false) throws {
        self.dealerColumn = dealerColumn
        let dialect = workspace.settings.csvDialect
        let dateFormat = ReportContext.dateFormat(workspace.settings.language)
        let open = { (folder: URL, dealer: String?) throws -> ReportTarget in
            var cols = columns
            if dealer != nil { cols.remove(at: dealerColumn) }
            var target = ReportTarget(dealer: dealer, dealerColumn: dealerColumn)
            if formats.contains(.xlsx) {
                let xlsx = try XLSXWriter(url: folder.appendingPathComponent("\(name).xlsx"), constantMemory: true,
                                          dateFormat: dateFormat)
                target.sheet = try xlsx.addSheet(name: sheet, title: title, subtitle: subtitle, columns: cols)
                target.xlsx = xlsx
            }
            if formats.contains(.csv) {
                let csv = try CSVWriter(url: folder.appendingPathComponent("\(name).csv"), dialect: dialect)
                try csv.appendRaw(cols.map(\.header))
                target.csv = csv
            }
            return target
        }
        var targets: [ReportTarget] = []
        for dealer in [nil] + (operatorOnly ? [] : workspace.settings.dealers.map(Optional.some)) {
            targets.append(try open(workspace.outbox(dealer: dealer).appendingPathComponent("reports"), dealer))
        }
        // A seller left without clients loses both formats, whichever this run writes.
        let cuts = sellerCuts && !operatorOnly
            ? SellerCuts(workspace: workspace, fileNames: ["\(name).xlsx", "\(name).csv"], open: open) : nil
        if concurrent, targets.count > 1 {
            lanes = [ReportLane(targets: [targets[0]]), ReportLane(targets: Array(targets.dropFirst()), cuts: cuts)]
        } else {
            self.targets = targets
            self.cuts = cuts
        }
    }

    /// Opens the writers of a report in the context's workspace, formats and locale.
    /// Only the operator's files for a report that is not for dealers (``ReportKind/isForDealers``);
    /// seller cuts for a report that is for sellers (``ReportKind/isForSellers``).
    package convenience init(context: ReportContext, kind: ReportKind, sheet: String, title: String,
                     columns: [OutputColumn], dealerColumn: Int, concurrent: Bool = false) throws {
        try self.init(workspace: context.workspace, name: kind.rawValue, sheet: sheet, title: title,
                      subtitle: context.subtitle, columns: columns, dealerColumn: dealerColumn,
                      formats: context.formats, concurrent: concurrent && context.concurrentWriters,
                      operatorOnly: !kind.isForDealers, sellerCuts: kind.isForSellers)
    }

    deinit {
        for lane in lanes { lane.abandon() }
    }

    /// Appends a row for the operator, for the dealer that owns it and for that dealer's seller
    /// whose client the row concerns (`seller`: the user's `Vendedor`, for reports with seller cuts).
    /// - Throws: ``DealersError`` when a file cannot be written (with lanes, possibly an error of
    ///   an earlier row).
    package func append(_ row: [OutputValue], dealer: String?, seller: String? = nil) throws {
        for lane in lanes { try lane.send(row, dealer: dealer, seller: seller) }
        for target in targets where target.takes(dealer) { try target.append(row) }
        try cuts?.append(row, dealer: dealer, seller: seller)
    }

    /// Adds a column chart to every workbook, over the rows written so far (see
    /// ``XLSXSheet/addColumnChart(title:categoriesColumn:valueColumns:anchorRow:anchorColumn:)``).
    /// Columns are positions in the operator's rows; they are shifted for dealers, who have no
    /// dealer column. The chart is anchored right of the table. Not for a concurrent fan-out.
    /// - Throws: ``DealersError`` `.internalError` for a concurrent fan-out; what the sheet throws.
    package func addColumnChart(title: String, categoriesColumn: Int, valueColumns: [Int], columnCount: Int) throws {
        guard lanes.isEmpty else {
            throw DealersError(.internalError, path: nil, "a chart needs a report written on one thread")
        }
        for target in targets {
            guard let sheet = target.sheet else { continue }
            let shift = { (column: Int) in target.dealer != nil && column > self.dealerColumn ? column - 1 : column }
            let width = target.dealer != nil ? columnCount - 1 : columnCount
            try sheet.addColumnChart(title: title, categoriesColumn: shift(categoriesColumn),
                                     valueColumns: valueColumns.map(shift), anchorRow: 1, anchorColumn: width + 1)
        }
    }

    /// Closes every writer, publishing the files (waiting for the lanes to finish theirs).
    /// - Throws: the first error of any writer.
    package func close() throws {
        var failure: (any Error)?
        for lane in lanes {
            do { try lane.finish() } catch { failure = failure ?? error }
        }
        lanes = []
        if let failure { throw failure }
        for target in targets { try target.close() }
        try cuts?.close()
        cuts = nil
    }
}
