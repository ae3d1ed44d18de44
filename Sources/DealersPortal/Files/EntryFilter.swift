import DealersCore
import Foundation

/// Which listed files of a folder a role may see (``Access``): a file it may not see is simply not
/// listed, so asking for it by name answers exactly as a file that does not exist.
struct EntryFilter: Sendable {
    /// Whether the listed regular file `entry` of the folder at `folder` is shown.
    let allows: @Sendable (_ folder: URL, _ entry: FolderEntry) -> Bool

    /// Every file.
    static let everything = EntryFilter { _, _ in true }

    /// Report files (`users.csv` …) of the kinds the access reads.
    static func reports(_ access: Access) -> EntryFilter {
        access.reportKinds == nil ? .everything : EntryFilter { _, entry in access.mayRead(report: entry.name) }
    }

    /// Receipts whose layout is one of `layouts` (by name); a receipt without a layout is hidden.
    static func receipts(layouts: Set<String>?) -> EntryFilter {
        guard let layouts else { return .everything }
        return EntryFilter { folder, entry in
            guard let data = ReadableFolder(url: folder).contents(of: entry),
                  let summary = try? JSONDecoder().decode(ReceiptSummary.self, from: data),
                  let layout = summary.layout else { return false }
            return layouts.contains(layout)
        }
    }

    /// Error files named in the outputs of a receipt the role sees, in the receipts' date folder
    /// of the same date (`errors/<date>/<file>` ↔ `receipts/<date>/*.json`).
    static func errors(receipts: URL, layouts: Set<String>?) -> EntryFilter {
        guard layouts != nil else { return .everything }
        let shelf = ReadableFolder(url: receipts, filter: .receipts(layouts: layouts))
        return EntryFilter { folder, entry in
            let date = folder.lastPathComponent
            guard let dated = shelf.dateFolder(named: date) else { return false }
            return dated.entries().contains { receipt in
                guard let data = dated.contents(of: receipt), let summary = try? JSONDecoder().decode(ReceiptSummary.self, from: data) else { return false }
                return summary.errorFiles.contains(DatedName(date: date, name: entry.name))
            }
        }
    }
}
