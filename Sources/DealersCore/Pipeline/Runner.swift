import Foundation
import Logging

/// One `dealers run`: every ready file of the inbox, in the order of §5 (collectives, then
/// users, then payments and statements; by time, then name), then the reports.
public struct Runner {
    /// The workspace.
    public let workspace: Workspace
    /// The as-of date.
    public let asOf: CivilDate
    /// Where progress goes.
    public let logger: Logger

    /// Creates a runner.
    public init(workspace: Workspace, asOf: CivilDate, logger: Logger) {
        self.workspace = workspace
        self.asOf = asOf
        self.logger = logger
    }

    /// What a run did.
    public struct Summary: Sendable {
        /// One receipt per processed file, in processing order.
        public var receipts: [Receipt] = []
        /// Inbox folders that are not declared dealers.
        public var unknownFolders: [String] = []
        /// Files left for a later run because they were still changing.
        public var unstable: [String] = []

        /// 0 when everything was applied, 65 when some row or file was rejected.
        public var exitCode: Int32 {
            let bad = receipts.contains { $0.status == .rejected || $0.status == .partial }
            return bad || !unknownFolders.isEmpty ? 65 : 0
        }
    }

    /// Processes the inbox with the store already open.
    public func run(store: DocumentStore, now: Date = Date()) throws -> Summary {
        let catalog = try LayoutCatalog(folder: workspace.layouts)
        let scan = try InboxScanner(workspace: workspace, now: now).scan()
        var summary = Summary(unknownFolders: scan.unknownFolders, unstable: scan.unstable)
        for folder in scan.unknownFolders {
            logger.error("inbox/\(folder)/ is not a declared dealer (dealers.json); its files are not processed",
                         metadata: ["folder": "\(folder)"])
        }
        let processor = FileProcessor(workspace: workspace, catalog: catalog, asOf: asOf, logger: logger)
        let ordered = scan.ready
            .map { entry in (entry, catalog.identify(entry.url).layout?.kind.processingRank ?? 3) }
            .sorted { a, b in
                if a.1 != b.1 { return a.1 < b.1 }
                if a.0.modified != b.0.modified { return a.0.modified < b.0.modified }
                return a.0.url.lastPathComponent < b.0.url.lastPathComponent
            }
        for (entry, _) in ordered {
            let receipt = try processor.process(entry.url, dealer: entry.dealer, store: store)
            let level: Logger.Level = receipt.status == .applied || receipt.status == .duplicate ? .info : .warning
            logger.log(level: level, "\(receipt.summary)", metadata: ["dealer": "\(entry.dealer ?? "-")"])
            summary.receipts.append(receipt)
        }
        if !summary.receipts.isEmpty {
            try ReportGenerator(workspace: workspace, asOf: asOf, logger: logger).generate(store: store)
        } else {
            // Catches up a feed left behind by a run that stopped after its commits (costs one read when none is).
            try SyncFeed(workspace: workspace, asOf: asOf, logger: logger).write(store: store)
        }
        return summary
    }
}
