import Foundation
import Logging
import DealersDomainStore
import DealersLayouts
import DealersModel
import DealersOutbox
import DealersReading
import DealersStore
import DealersSupport
import DealersWorkspace

/// Processes one input file from start to finish (§5 steps 2–7): identify its layout, read and
/// validate every row, apply the valid rows as one transaction, write the error files and the
/// receipt, and move the input to the archive.
public struct FileProcessor: RunStep {
    /// The workspace, as-of date and logger of the run.
    public let context: RunContext
    /// The layouts.
    public let catalog: LayoutCatalog
    /// Told how far the row loop is (a progress bar, or log lines).
    public let progress: ProgressReporter?
    /// Rows waiting for their holder kept whole before they wait on disk (see ``DeferredRows``).
    package var deferredMemoryLimit = DeferredRows.defaultMemoryLimit
    /// Users the domain keeps decoded before writing them to the transaction (``StoreDomainState``).
    package var userCacheLimit = StoreDomainState.defaultCacheLimit
    /// Rows whose users are read in one call on a store that reads in batches (``RowApplier``).
    package var readAheadRows = RowApplier.defaultReadAheadRows
    /// Where a dry run keeps the users leaving that cache (the old way, for differential tests).
    package var dryRunOverlay = DryRunOverlay.standard

    /// Creates a processor.
    public init(context: RunContext, catalog: LayoutCatalog, progress: ProgressReporter? = nil) {
        self.context = context
        self.catalog = catalog
        self.progress = progress
    }

    private var language: Language { workspace.settings.language }
    private var dialect: CSVDialect { workspace.settings.csvDialect }

    /// Processes a file from a dealer's inbox (or the operator's, `dealer == nil`).
    ///
    /// The file has one transaction, begun and ended here: the domain state applies the rows to
    /// it, and it commits once, with the input's record, its change log and what it did not
    /// apply (or is dropped: a dry run, nothing to keep). The receipt comes from the run's
    /// ``FileOutcome`` in one function, ``receipt(_:for:names:match:)``. Every processing publishes
    /// under its own names, those of the input's archived copy (``OutputNames``).
    /// - Parameters:
    ///   - store: the open store (any ``DocumentBackend``); for a dry run it is read but never
    ///     changed.
    ///   - layout: a layout to use instead of identifying one.
    ///   - identified: the file's identification when the caller has it already (a run sorts
    ///     its files by layout): it is used as it is, not made again.
    ///   - fingerprint: the file's identity and checksum when the caller made them already (a
    ///     worker's claim): the content is not hashed again.
    ///   - dryRun: validate and check the rules only: the error files and the receipt go to
    ///     `validate/` in `validationOutbox` (default: the dealer's outbox), nothing else.
    ///   - seller: check the rows in this seller's scope (`validate --seller`); otherwise a
    ///     dealer's file uploaded by a seller account (its uploader note) is in that seller's scope.
    public func process(_ file: URL, dealer: String?, store: any DocumentBackend, layout chosen: Layout? = nil,
                        identified: LayoutCatalog.Match? = nil, fingerprint: InputFingerprint? = nil, dryRun: Bool = false,
                        validationOutbox: URL? = nil, seller: String? = nil) throws -> Receipt {
        var attempt = self
        return try ConflictRetry.run(file.lastPathComponent, path: file.path, doing: "applying the file", logger: logger,
                                     onRetry: { retry in
                                         attempt.retries = retry
                                         PipelineMetrics.retried()
                                     }) {
            try attempt.processOnce(file, dealer: dealer, store: store, layout: chosen, identified: identified,
                                    fingerprint: fingerprint, dryRun: dryRun, validationOutbox: validationOutbox, seller: seller)
        }
    }

    /// How many times this processing applied the file again (in the receipt when not zero).
    private var retries = 0

    /// One attempt of ``process(_:dealer:store:layout:identified:fingerprint:dryRun:validationOutbox:seller:)``.
    private func processOnce(_ file: URL, dealer: String?, store: any DocumentBackend, layout chosen: Layout?,
                             identified: LayoutCatalog.Match?, fingerprint: InputFingerprint?, dryRun: Bool,
                             validationOutbox: URL?, seller: String?) throws -> Receipt {
        let input = try FileInput(file, dealer: dealer, workspace: workspace, started: clock.now, fingerprint: fingerprint)
        let outbox = dryRun ? validationOutbox ?? input.outbox : input.outbox
        // An outbox that cannot be written stops here, before anything is applied.
        try AtomicFile.createDirectory(outbox.appendingPathComponent(dryRun ? "validate" : "receipts"))

        if !dryRun, let previous = try InputRecord.find(input.checksum, dealer: dealer, in: store) {
            if previous.wasInterrupted(before: input), var stored = previous.receipt {
                // A run stopped after its commit: finish what it left (receipt, archive), under
                // the names that run chose.
                try publish(&stored, input: input, to: try input.archiveTarget(recorded: stored.archivedTo, asOf: asOf), store: store)
                logger.info("\(PersonalData.mask(stored.summary)) (completed after an interrupted run)")
                return stored
            }
            var outcome = FileOutcome(status: .duplicate, layout: previous.layout)
            outcome.duplicateOf = previous.name
            outcome.message = language == .es
                ? "el mismo contenido ya se aplicó el \(previous.asOf) como \(previous.name)"
                : "the same content was applied on \(previous.asOf) as \(previous.name)"
            let target = try input.archiveTarget(asOf: asOf)
            var r = receipt(outcome, for: input, names: OutputNames(archivedTo: target.relative, input: input.name), match: nil)
            try publish(&r, input: input, to: target, store: store)
            return r
        }

        // The archive target is chosen once, here: it names every answer of this processing.
        let target = dryRun ? nil : try input.archiveTarget(asOf: asOf)
        let names = target.map { OutputNames(archivedTo: $0.relative, input: input.name) } ?? .validation(input: input.name)
        // The one identification of the file: layout, header line, dialect and encoding.
        let match = identified ?? catalog.identify(file, as: chosen)
        let outputs = ErrorOutputs(outbox: outbox, names: names, inputName: input.name, format: match.layout?.format ?? .delimited(
            DelimitedFormat(delimiter: 59, quote: 34, encoding: .auto, headerRow: 1, skipRows: 0)),
                                   language: language, dialect: dialect, text: RejectedText(match))
        let refusal = match.refusal.map { RowError(line: 0, value: input.name, code: .malformedFile, detail: $0) }
        guard let layout = match.layout, refusal == nil else {
            let error = refusal ?? RowError(line: 0, field: "", value: input.name, code: .unknownLayout, detail: LocalizedText(match.reason))
            try outputs.fileError(error)
            var outcome = FileOutcome(status: .rejected, layout: refusal == nil ? nil : match.layout?.name)
            outcome.message = refusal?.message(language) ?? match.reason
            outcome.outputs = try outputs.finish()
            outcome.errors = [error.code: 1]
            var r = receipt(outcome, for: input, names: names, match: match)
            try answer(&r, input: input, outbox: outbox, names: names, target: target, store: store)
            return r
        }
        if let hint = match.headerHint {
            try outputs.fileError(RowError(line: layout.headerLine ?? 1, code: .headerNotRecognised, detail: hint))
        }

        let transaction = store.beginTransaction()
        let state = StoreDomainState(store: store, transaction: transaction, dryRun: dryRun, cacheLimit: userCacheLimit,
                                     keepsPersonalData: layout.kind == .roster, overlay: dryRunOverlay)
        if !dryRun { try state.checkAndRecordAsOf(asOf) }
        var scope = FileScope(context: context, dealer: dealer, sourceFile: input.name)
        if dealer != nil { scope.seller = seller ?? DoneMarkers.uploaderDetails(of: input.file)?.seller }
        let applied: RowApplier.Outcome
        var roster: RosterApplier.Outcome?
        var previewOutputs: [String] = []
        if layout.kind == .roster {
            let preview = ChangePreview(outbox: outbox, names: names, inputName: input.name, language: language, dialect: dialect)
            var applier = RosterApplier(layout: layout, state: state, scope: scope, preview: preview)
            applier.dryRun = dryRun
            applier.confirmed = try FileSystem.exists(InboxScanner.confirmation(for: file).path, followingLinks: true)
            applier.deferredMemoryLimit = deferredMemoryLimit
            let result = try applier.run(file: file, outputs: outputs)
            applied = result.rows
            roster = result
            if result.previewed { previewOutputs = try preview.finish() }
        } else {
            var applier = RowApplier(layout: layout, state: state, scope: scope, progress: progress)
            applier.deferredMemoryLimit = deferredMemoryLimit
            applier.readAheadRows = readAheadRows
            applied = try applier.run(file: file, outputs: outputs)
        }
        try input.checkUnchanged()
        var outcome = FileOutcome(layout: layout, applied: applied, outputs: try outputs.finish() + previewOutputs, errors: outputs.counts,
                                  dryRun: dryRun, language: language)
        if let hint = match.headerHint, outcome.rows.applied == 0 { outcome.message = hint.in(language) }
        if let held = roster?.held, !held.isEmpty, !dryRun { outcome.hold(held, input: input.name, language: language) }
        var r = receipt(outcome, for: input, names: names, match: match)
        logger.debug("\(input.name): rows read, checked and applied in \(seconds(since: input.started)) s",
                     metadata: ["dealer": "\(dealer ?? "-")"])
        if let waits = applied.handOver {
            logger.debug("\(input.name): \(waits.summary)", metadata: ["dealer": "\(dealer ?? "-")"])
        }
        guard let target else {
            try answer(&r, input: input, outbox: outbox, names: names, target: nil, store: store)
            return r
        }
        r.archivedTo = target.relative
        if outcome.status == .held {
            // Held: nothing of the file is kept; it is computed again when confirmed.
            try transaction.discardAll()
        } else if outcome.rows.applied > 0 {
            try transaction.writeJSON(InputRecord(r, input: input), StoreLayout.input(input.checksum, dealer: dealer))
            try state.recordChanges(asOf: asOf, source: input.name)
            try ReconciliationLog.record(applied.reconciliation, input: input.name, checksum: input.checksum, asOf: asOf,
                                         uploadedBy: r.uploadedBy, in: transaction)
            try ConflictLog.record(applied.conflicts, input: input.name, checksum: input.checksum, dealer: dealer, asOf: asOf, in: transaction)
            try state.commit()
            logger.debug("\(input.name): committed (change log, record, segment) \(seconds(since: input.started)) s after it started")
        } else if !applied.reconciliation.isEmpty || !applied.conflicts.isEmpty {
            // Nothing applied (a reject-file policy may have refused rows that were): the rows'
            // changes go, what was refused stays for reconciliation (§7) and the operator's conflicts.
            try transaction.discardAll()
            try ReconciliationLog.record(applied.reconciliation, input: input.name, checksum: input.checksum, asOf: asOf,
                                         uploadedBy: r.uploadedBy, in: transaction)
            try ConflictLog.record(applied.conflicts, input: input.name, checksum: input.checksum, dealer: dealer, asOf: asOf, in: transaction)
            try DataVersion.noteChanges(in: transaction)
            try transaction.commit()
        }
        try publish(&r, input: input, to: target, store: store)
        return r
    }

    /// The receipt of an outcome: the one place a receipt is made. Its timing is completed
    /// when it is published.
    private func receipt(_ outcome: FileOutcome, for input: FileInput, names: OutputNames, match: LayoutCatalog.Match?) -> Receipt {
        var r = Receipt(input: input.name, dealer: input.dealer, checksum: input.checksum, layout: outcome.layout,
                        status: outcome.status, asOf: asOf, startedAt: Receipt.timestamp(input.started))
        r.rows = outcome.rows
        r.actions = outcome.actions
        r.errors = outcome.errors.values.reduce(0, +)
        r.errorCodes = Dictionary(uniqueKeysWithValues: outcome.errors.map { ($0.key.rawValue, $0.value) })
        r.outputs = outcome.outputs + [names.receipt]
        r.duplicateOf = outcome.duplicateOf
        r.message = outcome.message
        r.dialect = match?.dialect
        r.preamble = match?.preamble
        r.uploadedBy = DoneMarkers.uploader(of: input.file)
        r.retries = retries > 0 ? retries : nil
        return r
    }

    /// Seconds since `start`, to the millisecond.
    private func seconds(since start: Date) -> Double {
        (clock.seconds(since: start) * 1000).rounded() / 1000
    }

    /// Publishes a real run's receipt, or writes a validation's to `validate/`.
    private func answer(_ receipt: inout Receipt, input: FileInput, outbox: URL, names: OutputNames,
                        target: FileInput.ArchiveTarget?, store: any DocumentBackend) throws {
        if let target { return try publish(&receipt, input: input, to: target, store: store) }
        receipt.finish(at: clock.now, startedAt: input.started)
        try AtomicFile.write(try ReceiptCoding.encode(receipt), to: outbox.appendingPathComponent(names.receipt))
    }

    /// Completes the receipt's timing (everything up to here, the commit included), writes it
    /// under the processing's name and as the input name's latest receipt, then moves the input
    /// to the archive (`target`, which named the processing): a failure in between leaves the
    /// input in the inbox, where the next run finds it (and completes it, when the store has it).
    /// A worker sharing the inbox first confirms its claim on the file: one whose lease was taken
    /// over leaves the answer to the worker that took it.
    private func publish(_ receipt: inout Receipt, input: FileInput, to target: FileInput.ArchiveTarget,
                         store: any DocumentBackend) throws {
        try (store as? any WorkerCoordination)?.confirmClaims()
        let names = OutputNames(archivedTo: target.relative, input: input.name)
        receipt.archivedTo = target.relative
        if !receipt.outputs.contains(names.receipt) { receipt.outputs.append(names.receipt) }
        receipt.finish(at: clock.now, startedAt: Receipt.date(receipt.startedAt) ?? input.started)
        let data = try ReceiptCoding.encode(receipt)
        try AtomicFile.write(data, to: input.outbox.appendingPathComponent(names.receipt))
        if let latest = names.latestReceipt { try AtomicFile.write(data, to: input.outbox.appendingPathComponent(latest)) }
        if let folder = SellerAnswers.folder(for: input) {
            try SellerAnswers.copy(receipt: data, receiptNames: [names.receipt] + (names.latestReceipt.map { [$0] } ?? []),
                                   outputs: receipt.outputs, from: input.outbox, to: folder)
        }
        try InputArchive.move(input.file, to: target.url)
    }
}

/// JSON for receipts: pretty, sorted keys, so that people and scripts read them easily.
package enum ReceiptCoding {
    package static func encode(_ receipt: Receipt) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(receipt)
    }
}
