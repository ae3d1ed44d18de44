import Foundation
import DealersCore

/// A receipt as the portal shows it, with those of its error files that exist.
struct ShownReceipt: Sendable {
    var summary: ReceiptSummary
    /// Its error files (in `errors/<date>/`) that the visitor's folder lists.
    var errorFiles: [DatedName]
}

/// The receipts of one scope: one per processing, in `receipts/<date>/`. The latest views at the
/// top of `receipts/` (copies of the newest receipt of each input name) are not listed: each
/// duplicates a dated receipt. They stay downloadable by name (`GET /receipts/<input>.json`).
struct ReceiptShelf {
    let scope: PortalScope

    /// Every dated receipt, newest first.
    func all() -> [ShownReceipt] {
        shown(scope.receipts.dateFolders().flatMap { date, folder in
            folder.entries().filter { $0.name.lowercased().hasSuffix(".json") }.compactMap { read($0, in: folder, date: date) }
        })
    }

    /// The newest dated receipt of the input `name` with this content (SHA-256 `checksum`), or
    /// `nil`. Only the receipts whose file name is one a processing of `name` gets
    /// (`name.json`, `base.2.ext.json` …; docs/outbox.md, "Names") are read.
    func processing(of name: String, checksum: String) -> ShownReceipt? {
        guard !name.isEmpty, !checksum.isEmpty else { return nil }
        let summaries = scope.receipts.dateFolders().flatMap { date, folder in
            folder.entries().filter { Self.couldBeReceipt($0.name, of: name) }.compactMap { read($0, in: folder, date: date) }
        }
        return shown(summaries.filter { $0.input == name && $0.checksum == checksum }).first
    }

    /// The dated receipt `receipts/<date>/<file>` when the visitor's folder lists it, or `nil`.
    func receipt(date: String, file: String) -> ShownReceipt? {
        guard let found = scope.receipts.lookUp(DatedName(date: date, name: file)),
              let summary = read(found.entry, in: found.folder, date: date) else { return nil }
        return shown([summary]).first
    }

    /// Whether `file` is a name the receipt of a processing of `input` can have: `<archived>.json`,
    /// where the archived name is one ``ArchivedName`` gives `input`.
    static func couldBeReceipt(_ file: String, of input: String) -> Bool {
        file.hasSuffix(".json") && ArchivedName.isName(String(file.dropLast(5)), of: input)
    }

    private func read(_ entry: FolderEntry, in folder: ReadableFolder, date: String) -> ReceiptSummary? {
        guard let data = folder.contents(of: entry), var summary = try? JSONDecoder().decode(ReceiptSummary.self, from: data) else { return nil }
        summary.file = DatedName(date: date, name: entry.name)
        summary.modified = entry.modified
        return summary
    }

    /// Sorted newest first, each with its error files that exist (each date folder listed once).
    private func shown(_ summaries: [ReceiptSummary]) -> [ShownReceipt] {
        var listed: [String: Set<String>] = [:]
        func exists(_ file: DatedName) -> Bool {
            guard let date = file.date else { return false }
            if listed[date] == nil { listed[date] = Set(scope.errors.dateFolder(named: date)?.entries().map(\.name) ?? []) }
            return listed[date]?.contains(file.name) ?? false
        }
        return summaries.sorted(by: ReceiptSummary.newestFirst).map { ShownReceipt(summary: $0, errorFiles: $0.errorFiles.filter(exists)) }
    }
}
