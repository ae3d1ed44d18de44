import DealersCore
import DealersSupport
import Foundation

/// One processing (a dated receipt) as a visitor may see it, with what the pipeline wrote about
/// it: its `errors.csv` and its rejected-rows file, when the visitor's `errors/<date>/` lists
/// them. Found by date and archived name among the visitor's own receipts only, so another
/// dealer's or seller's processing is "not found" exactly as a missing one.
///
/// Every call here blocks on the file system: handlers make them through ``BlockingWork``.
struct Processing: Sendable {
    /// The receipt, with its error files that exist.
    let receipt: ShownReceipt
    /// The receipt's date folder.
    let date: String
    /// The input's archived name (the receipt's file name without `.json`).
    let archived: String
    /// The visitor's `errors/<date>/`, when it lists one of this processing's files.
    private let errorsFolder: ReadableFolder?
    /// `<archived>.errors.csv`.
    private let errorList: FolderEntry?
    /// `<base>.rejected.<ext>`.
    private let rejectedRows: FolderEntry?
    /// The scope it was found in.
    let scope: PortalScope

    /// The processing archived as `archived` on `date` among `scope`'s dated receipts, or `nil`.
    init?(scope: PortalScope, date: String, archived: String) {
        guard !archived.isEmpty, let receipt = ReceiptShelf(scope: scope).receipt(date: date, file: archived + ".json") else { return nil }
        self.scope = scope
        self.receipt = receipt
        self.date = date
        self.archived = archived
        let folder = scope.errors.dateFolder(named: date)
        errorsFolder = folder
        let base = (archived as NSString).deletingPathExtension
        let names = receipt.errorFiles.filter { $0.date == date }.map(\.name)
        errorList = names.first { $0 == archived + ".errors.csv" }.flatMap { folder?.entry(named: $0) }
        rejectedRows = names.first { $0.hasPrefix(base + ".rejected.") }.flatMap { folder?.entry(named: $0) }
    }

    /// Whether the processing has rejected rows to show (and correct).
    var hasRejectedRows: Bool { rejectedRows != nil }

    /// The line the original's header is on (rows are below it).
    var headerLine: Int { receipt.summary.headerLine ?? 1 }

    /// The errors from the `offset`-th, at most `limit`, and how many there are.
    func errors(dialect: CSVDialect, offset: Int, limit: Int) throws -> (errors: [ListedError], total: Int) {
        try opened(errorList) { try ErrorListFile(url: $0, dialect: dialect).page(offset: offset, limit: limit) } ?? ([], 0)
    }

    /// The rejected rows from the `offset`-th, at most `limit`, with the header's columns and how many there are.
    func rejected(_ portal: Portal, offset: Int, limit: Int) throws -> (columns: [String], rows: [RejectedRow], total: Int) {
        try withCorrection(portal) { correction in
            try correction.rejected.page(lines: correction.lines, offset: offset, limit: limit)
        } ?? ([], [], 0)
    }

    /// Runs `body` with the correction of this processing's rejected rows (files opened for its
    /// duration); `nil` when there are none, or the receipt's layout cannot read them back.
    func withCorrection<T>(_ portal: Portal, _ body: (Correction) throws -> T) throws -> T? {
        let dialect = portal.workspace.settings.csvDialect, headerLine = headerLine
        guard let layoutName = receipt.summary.layout else { return nil }
        let catalog = try LayoutCatalog(folder: portal.workspace.layouts)
        guard let layout = catalog.layout(named: layoutName) else { return nil }
        return try opened(errorList) { errors -> T? in
            let lines = try ErrorListFile(url: errors, dialect: dialect).rowLines(after: headerLine)
            return try opened(rejectedRows) { url -> T? in
                let encoding = self.receipt.summary.encoding.flatMap(TextEncoding.init(rawValue:))
                guard let file = RejectedRowsFile(url: url, layout: layout, catalog: catalog, encoding: encoding) else { return nil }
                return try body(Correction(rejected: file, lines: lines))
            } ?? nil
        } ?? nil
    }

    /// Runs `body` with a path to the listed file `entry`, opened with `O_NOFOLLOW` inside its
    /// folder (``ReadableFolder/openFile(_:)``): `/proc/self/fd/N`, which reaches exactly the file
    /// opened even if a link is swapped in after the listing.
    private func opened<T>(_ entry: FolderEntry?, _ body: (URL) throws -> T) throws -> T? {
        guard let entry, let folder = errorsFolder, let file = folder.openFile(entry) else { return nil }
        defer { file.closeIgnoringErrors() }
        return try body(URL(fileURLWithPath: "/proc/self/fd/\(file.rawDescriptor)"))
    }
}
