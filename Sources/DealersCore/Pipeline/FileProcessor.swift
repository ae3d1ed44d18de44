import Foundation
import Logging

/// Processes one input file from start to finish (§5 steps 2–7): identify its layout, read and
/// validate every row, apply the valid rows as one transaction, write the error files and the
/// receipt, and move the input to the archive.
public struct FileProcessor {
    /// The workspace.
    public let workspace: Workspace
    /// The layouts.
    public let catalog: LayoutCatalog
    /// The as-of date of the run.
    public let asOf: CivilDate
    /// Where progress and summaries go.
    public let logger: Logger
    /// Told how far the row loop is (a progress bar, or log lines).
    public let progress: ProgressReporter?
    /// Rows waiting for their holder kept whole before they wait on disk (see ``DeferredRows``).
    var deferredMemoryLimit = DeferredRows.defaultMemoryLimit

    /// Creates a processor.
    public init(workspace: Workspace, catalog: LayoutCatalog, asOf: CivilDate, logger: Logger,
                progress: ProgressReporter? = nil) {
        self.workspace = workspace
        self.catalog = catalog
        self.asOf = asOf
        self.logger = logger
        self.progress = progress
    }

    private var language: Language { workspace.settings.language }
    private var dialect: CSVDialect { workspace.settings.csvDialect }

    /// Processes a file from a dealer's inbox (or the operator's, `dealer == nil`).
    /// - Parameters:
    ///   - store: the open store; for a dry run it is read but never changed.
    ///   - layout: a layout to use instead of identifying one.
    ///   - dryRun: validate and check the rules only: error files are written, nothing else.
    public func process(_ file: URL, dealer: String?, store: DocumentStore, layout chosen: Layout? = nil,
                        dryRun: Bool = false) throws -> Receipt {
        let started = Date()
        let name = file.lastPathComponent
        let outbox = workspace.outbox(dealer: dealer)
        // An outbox that cannot be written stops here, before anything is applied.
        try AtomicFile.createDirectory(outbox.appendingPathComponent("receipts"))
        let identity = try FileIdentity(file)
        let checksum = try Checksum.sha256(of: file)
        var receipt = Receipt(input: name, dealer: dealer, checksum: checksum, layout: nil, status: .rejected, asOf: asOf,
                              startedAt: ISO8601DateFormatter().string(from: started))
        func finish(_ r: inout Receipt) { r.durationSeconds = (Date().timeIntervalSince(started) * 1000).rounded() / 1000 }

        if !dryRun, let previous = try store.readJSON(InputRecord.self, StoreLayout.input(checksum)) {
            if previous.name == name, !previous.archived, let stored = previous.receipt {
                // A run stopped after its commit: finish what it left (receipt, archive).
                var r = stored
                try publish(&r, file: file, dealer: dealer, outbox: outbox, store: store, checksum: checksum)
                logger.info("\(PersonalData.mask(r.summary)) (completed after an interrupted run)")
                return r
            }
            receipt.status = .duplicate
            receipt.layout = previous.layout
            receipt.duplicateOf = previous.name
            receipt.message = language == .es
                ? "el mismo contenido ya se aplicó el \(previous.asOf) como \(previous.name)"
                : "the same content was applied on \(previous.asOf) as \(previous.name)"
            finish(&receipt)
            try publish(&receipt, file: file, dealer: dealer, outbox: outbox, store: nil, checksum: checksum)
            return receipt
        }

        let match = chosen.map { LayoutCatalog.Match(layout: $0, reason: "chosen") } ?? catalog.identify(file)
        let adapted = match.layout?.adapted(to: file)
        let outputs = ErrorOutputs(outbox: outbox, inputName: name, format: adapted?.format ?? .delimited(
            DelimitedFormat(delimiter: 59, quote: 34, encoding: .auto, headerRow: 1, skipRows: 0)),
                                   language: language, dialect: dialect)
        guard let layout = adapted else {
            try outputs.fileError(RowError(line: 0, field: "", value: name, code: .unknownLayout, detail: LocalizedText(match.reason)))
            receipt.message = match.reason
            receipt.errors = 1
            receipt.errorCodes = [ErrorCode.unknownLayout.rawValue: 1]
            receipt.outputs = try outputs.finish()
            finish(&receipt)
            if !dryRun { try publish(&receipt, file: file, dealer: dealer, outbox: outbox, store: nil, checksum: checksum) }
            return receipt
        }
        receipt.layout = layout.name

        let state = StoreDomainState(store: store, dryRun: dryRun)
        if !dryRun { try state.checkAndRecordAsOf(asOf) }
        var applier = RowApplier(layout: layout, state: state, dealer: dealer, asOf: asOf, sourceFile: name,
                                 settings: workspace.settings, progress: progress)
        applier.deferredMemoryLimit = deferredMemoryLimit
        var outcome = try applier.run(file: file, outputs: outputs)
        guard FileManager.default.fileExists(atPath: file.path) else {
            throw DealersError(.data, path: file.path, "the file was removed while it was being read; nothing was applied")
        }
        guard try FileIdentity(file) == identity else {
            throw DealersError(.data, path: file.path,
                               "the file changed while it was being read; nothing was applied and it stays in the inbox for the next run")
        }
        receipt.rows = outcome.rows
        receipt.actions = outcome.actions
        if let message = outcome.fileMessage { receipt.message = message }
        if layout.errorPolicy == .rejectFile, outcome.rows.rejected > 0, outcome.rows.applied > 0 {
            receipt.message = language == .es
                ? "política reject-file: el fichero se rechaza entero (\(outcome.rows.rejected) filas con errores)"
                : "reject-file policy: the whole file is rejected (\(outcome.rows.rejected) rows with errors)"
            outcome.rows.applied = 0
            outcome.actions = [:]
            receipt.rows = outcome.rows
            receipt.rows.rejected = outcome.rows.read
            receipt.actions = [:]
        }
        receipt.outputs = try outputs.finish()
        receipt.errors = outputs.errorCount
        receipt.errorCodes = Dictionary(uniqueKeysWithValues: outputs.counts.map { ($0.key.rawValue, $0.value) })
        let applied = receipt.rows.applied
        receipt.status = dryRun ? .validated
            : applied == 0 ? .rejected
            : applied == receipt.rows.read ? .applied : .partial
        finish(&receipt)
        if dryRun { return receipt }
        if applied > 0 {
            let record = InputRecord(checksum: checksum, name: name, dealer: dealer, layout: layout.name, status: receipt.status,
                                     asOf: asOf, processedAt: receipt.startedAt, archived: false, receipt: receipt)
            try state.transaction.writeJSON(record, StoreLayout.input(checksum))
            try state.recordChanges(asOf: asOf, source: name)
            try ReconciliationLog.record(outcome.reconciliation, input: name, checksum: checksum, asOf: asOf, in: state.transaction)
            try state.commit()
        } else if !outcome.reconciliation.isEmpty {
            // Nothing applied, but what was refused is kept for reconciliation (§7).
            let tx = store.beginTransaction()
            try ReconciliationLog.record(outcome.reconciliation, input: name, checksum: checksum, asOf: asOf, in: tx)
            try tx.commit()
        }
        try publish(&receipt, file: file, dealer: dealer, outbox: outbox, store: applied > 0 ? store : nil, checksum: checksum)
        return receipt
    }

    /// Writes the receipt, moves the input to the archive, and (when the input was recorded in
    /// the store) marks it archived.
    private func publish(_ receipt: inout Receipt, file: URL, dealer: String?, outbox: URL, store: DocumentStore?,
                         checksum: String) throws {
        // The receipt first, then the move: a failure in between leaves the input in the inbox,
        // where the next run finds it (and completes it, when the store has it).
        let target = try InputArchive.target(for: file, in: workspace.archive(dealer: dealer, date: asOf))
        receipt.archivedTo = target.path.replacingOccurrences(of: workspace.root.path + "/", with: "")
        let receiptName = "receipts/\(receipt.input).json"
        if !receipt.outputs.contains(receiptName) { receipt.outputs.append(receiptName) }
        try AtomicFile.write(try ReceiptCoding.encode(receipt), to: outbox.appendingPathComponent(receiptName))
        try InputArchive.move(file, to: target)
        if let store, var record = try store.readJSON(InputRecord.self, StoreLayout.input(checksum)) {
            record.archived = true
            record.receipt = receipt
            let tx = store.beginTransaction()
            try tx.writeJSON(record, StoreLayout.input(checksum))
            try tx.commit()
        }
    }
}

/// JSON for receipts: pretty, sorted keys, so that people and scripts read them easily.
enum ReceiptCoding {
    static func encode(_ receipt: Receipt) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(receipt)
    }
}
