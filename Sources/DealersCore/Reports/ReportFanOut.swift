import Foundation

/// One report written for several audiences at once: the operator (every row, with a dealer
/// column) and each dealer (their rows only), each as XLSX and/or CSV.
///
/// Every file is written under a hidden temporary name and renamed on ``close()``: a person or
/// a download job sees the previous file until then, never half of the new one.
final class ReportFanOut {
    struct Target {
        var dealer: String?
        var xlsx: XLSXWriter?
        var sheet: XLSXSheet?
        var csv: CSVWriter?
    }

    private var targets: [Target] = []
    private let dealerColumn: Int

    /// Opens the writers of `name` for the operator and every dealer. `dealerColumn` is the
    /// position of the dealer column in the operator's rows; it is dropped for dealers.
    /// - Parameter formats: which of `<name>.xlsx` and `<name>.csv` to write.
    /// - Throws: ``DealersError`` `.cannotCreate` naming a file whose folder cannot be written.
    init(workspace: Workspace, name: String, sheet: String, title: String, subtitle: String,
         columns: [OutputColumn], dealerColumn: Int, formats: ReportFormats = .all) throws {
        self.dealerColumn = dealerColumn
        let dialect = workspace.settings.csvDialect
        let dateFormat = ReportContext.dateFormat(workspace.settings.language)
        for dealer in [nil] + workspace.settings.dealers.map(Optional.some) {
            let folder = workspace.outbox(dealer: dealer).appendingPathComponent("reports")
            var cols = columns
            if dealer != nil { cols.remove(at: dealerColumn) }
            var target = Target(dealer: dealer)
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
            targets.append(target)
        }
    }

    /// Opens the writers of a report in the context's workspace, formats and locale.
    convenience init(context: ReportContext, kind: ReportKind, sheet: String, title: String,
                     columns: [OutputColumn], dealerColumn: Int) throws {
        try self.init(workspace: context.workspace, name: kind.rawValue, sheet: sheet, title: title,
                      subtitle: context.subtitle, columns: columns, dealerColumn: dealerColumn,
                      formats: context.formats)
    }

    /// Appends a row for the operator and for the dealer that owns it.
    func append(_ row: [OutputValue], dealer: String?) throws {
        for target in targets where target.dealer == nil || target.dealer == dealer {
            var own = row
            if target.dealer != nil { own.remove(at: dealerColumn) }
            try target.sheet?.append(own)
            try target.csv?.append(own)
        }
    }

    /// Adds a column chart to every workbook, over the rows written so far (see
    /// ``XLSXSheet/addColumnChart(title:categoriesColumn:valueColumns:anchorRow:anchorColumn:)``).
    /// Columns are positions in the operator's rows; they are shifted for dealers, who have no
    /// dealer column. The chart is anchored right of the table.
    func addColumnChart(title: String, categoriesColumn: Int, valueColumns: [Int], columnCount: Int) throws {
        for target in targets {
            guard let sheet = target.sheet else { continue }
            let shift = { (column: Int) in target.dealer != nil && column > self.dealerColumn ? column - 1 : column }
            let width = target.dealer != nil ? columnCount - 1 : columnCount
            try sheet.addColumnChart(title: title, categoriesColumn: shift(categoriesColumn),
                                     valueColumns: valueColumns.map(shift), anchorRow: 1, anchorColumn: width + 1)
        }
    }

    /// Closes every writer, publishing the files.
    func close() throws {
        for target in targets {
            try target.xlsx?.close()
            try target.csv?.close()
        }
    }
}
