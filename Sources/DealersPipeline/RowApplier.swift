import Foundation
import DealersDomain
import DealersDomainStore
import DealersLayouts
import DealersModel
import DealersOutbox
import DealersReading
import DealersSupport
import DealersValidation

/// Reads a file with its layout and applies each valid row to the domain in file order; rows
/// whose holder is not yet known are retried once the whole file has been seen, so holders and
/// dependants resolve whatever their order.
package struct RowApplier {
    package let layout: Layout
    package let state: StoreDomainState
    /// The run, the dealer and the file.
    package let scope: FileScope
    /// Told every `progressInterval` records how far the loop is.
    package var progress: ProgressReporter? = nil
    /// Rows waiting for their holder kept whole; past this they wait on disk (``DeferredRows``).
    package var deferredMemoryLimit = DeferredRows.defaultMemoryLimit
    /// Rows whose users are read in one call on a store that reads in batches.
    package var readAheadRows = Self.defaultReadAheadRows
    /// Records between two progress reports: rare enough to cost nothing in the loop.
    package static let progressInterval = 1000

    package struct Outcome {
        package var rows = Receipt.Rows()
        package var actions: [String: Int] = [:]
        package var fileMessage: String?
        /// Payments and movements not applied, for the reconciliation ledger and report.
        package var reconciliation: [ReconciliationItem] = []
        /// Rows that referred to another dealer's data, for the operator's conflicts report.
        package var conflicts: [ConflictFile.Item] = []
        /// Where the reading and the applying threads waited for each other (`nil` on one thread).
        package var handOver: HandOverWaits?
    }

    package enum Command: Sendable {
        case user(UserCommand)
        case collective(CollectiveCommand)
        case payment(PaymentCommand)
    }

    package func run(file: URL, outputs: ErrorOutputs) throws -> Outcome {
        if layout.kind == .bankStatement {
            return try StatementApplier(layout: layout, state: state, scope: scope).run(file: file, outputs: outputs)
        }
        let commands = RowCommands(layout: layout, paymentMethods: scope.settings.paymentMethods)
        let feed = RecordFeed(file: file, layout: layout, commands: commands, defaultCountry: scope.settings.defaultCountry)
        var outcome = Outcome()
        let deferred = DeferredRows(memoryLimit: deferredMemoryLimit)
        var header = BoundHeader()
        var bytesRead: Int64 = 0
        progress?.started(file: scope.sourceFile, totalBytes: Self.size(of: file))
        defer { progress?.finished(rows: outcome.rows.read) }
        // On a store a round trip away, rows wait in `ahead` until a batch of them can have its
        // users read in one call, sent before the batch ahead of it is applied (`waiting`), so
        // that the server reads while the rules work; elsewhere each row is applied as it comes.
        // The rows retried once the file has been seen (their holder was not known) go the same
        // way: one at a time, each one's reads would wait for every write sent before them.
        let batch = state.readsInBatches ? max(1, readAheadRows) : 1
        var ahead: [FeedRow] = []
        var waiting: (rows: [FeedRow], users: UsersReadAhead)?
        let waitForHolder: (SourceRecord, Command) throws -> Void = { record, cmd in
            // Its errors, if it fails on the retry, come after later rows': keep them in line order.
            outputs.holdForOrdering()
            try deferred.append(record, command: cmd)
        }
        // Whether the rows are the retry's: a holder still unknown then refuses the row.
        var retrying = false
        // Applies the batch whose users were asked for, once the users of the next (`ahead`, when
        // full) are asked for in turn — one read ahead at a time: the waiting batch's users are
        // taken first — or every row left (`last`).
        func applyAhead(last: Bool = false) throws {
            let previous = waiting
            waiting = nil
            if let previous { try state.finishPrefetch(previous.users) }
            if !ahead.isEmpty {
                let rows = ahead   // taken out first: a row that throws ends the file, not a second pass
                ahead.removeAll(keepingCapacity: true)
                waiting = (rows, try state.startPrefetch(Self.documents(of: rows)))
            }
            if let previous { try applyRows(previous.rows) }
            if last, let rest = waiting {
                waiting = nil
                try state.finishPrefetch(rest.users)
                try applyRows(rest.rows)
            }
        }
        func applyRows(_ rows: [FeedRow]) throws {
            for row in rows { try apply(row) }
        }
        func apply(_ row: FeedRow) throws {
            try handle(row, columns: header.columns, outputs: outputs, outcome: &outcome, waitForHolder: retrying ? nil : waitForHolder)
        }
        func take(_ row: FeedRow) throws {
            if batch == 1 {
                // Applied as it comes: no array of one row taken out and made again per row.
                try apply(row)
            } else {
                ahead.append(row)
                if ahead.count >= batch { try applyAhead() }
            }
        }

        do {
            outcome.handOver = try feed.forEach(onThread: scope.settings.readerThread) { item in
                switch item {
                case .header(let record, let problems, let bound, let stops):
                    try header.take(record, problems: problems, columns: bound, stop: stops, outputs: outputs)
                case .row(let row):
                    outcome.rows.read += 1
                    if let progress {
                        bytesRead += Int64(row.record.rawCount ?? 0)
                        if outcome.rows.read % Self.progressInterval == 0 {
                            progress.advanced(rows: outcome.rows.read, bytesRead: bytesRead)
                        }
                    }
                    try take(row)
                }
            }
            try applyAhead(last: true)
        } catch let error as DealersError where error.kind == .data {
            try applyAhead(last: true)
            try outputs.fileError(RowError(line: 0, value: scope.sourceFile, code: .malformedFile, detail: LocalizedText(error.message)))
            outcome.fileMessage = error.message
            outcome.rows.applied = 0
            outcome.actions = [:]
            return outcome
        }
        if header.stop {
            outcome.fileMessage = "the header lacks required columns"
            outcome.rows.applied = 0
            return outcome
        }
        retrying = true
        for item in deferred.kept {
            try take(FeedRow(record: item.record, errors: [], command: .success(item.command)))
        }
        // Validated and mapped once already: the same values and command come back.
        try deferred.forEachSpilled(layout: layout, header: header.record, defaultCountry: scope.settings.defaultCountry) { record, row, errors in
            try take(FeedRow(record: record, errors: errors, command: row.map(commands.command(for:))))
        }
        try applyAhead(last: true)
        if outcome.rows.read == 0 {
            try outputs.fileError(RowError(line: 0, value: scope.sourceFile, code: .emptyFile))
            outcome.fileMessage = header.bound ? "no data rows" : "empty file"
        }
        return outcome
    }

    /// A validated (or refused) record: rejected with its errors, or applied with its command.
    /// A row whose holder is not known goes to `waitForHolder` when there is one (the first
    /// pass), else is settled as refused (the retry).
    ///
    /// The row's parts are read where the feed row holds them: a copy of a validated row or of
    /// a command (made through their value witnesses) cost 3 % of the applying thread. A row has
    /// a command exactly when it passed validation (``FeedRow/command``), at its record's line.
    private func handle(_ item: FeedRow, columns: FieldColumns?, outputs: ErrorOutputs, outcome: inout Outcome,
                        waitForHolder: ((SourceRecord, Command) throws -> Void)?) throws {
        switch item.command {
        case nil:
            outcome.rows.rejected += 1
            try outputs.reject(item.record, errors: item.errors)
        case .failure(let error)?:
            outcome.rows.rejected += 1
            try outputs.reject(item.record, errors: [error])
        case .success(let cmd)?:
            let line = item.record.line
            let violation = try apply(cmd, line: line)
            if let violation, violation.code == .holderNotFound, let waitForHolder {
                try waitForHolder(item.record, cmd)
            } else {
                try settle(line: line, record: item.record, cmd, violation, columns: columns, outputs: outputs, outcome: &outcome)
            }
        }
    }

    /// Rows whose users are read in one call on a store that reads in batches, unless told
    /// otherwise (``readAheadRows``). Each read ahead is answered only after every write sent
    /// before it, so the client waits for the server once per batch: with 2,000 rows (a few MiB
    /// of rows and users) it waited a fifth as long on the 100,000-row file as with 500
    /// (docs/scaling.md, "Fewer, larger statements").
    package static let defaultReadAheadRows = 2_000

    /// The users the rows' commands name (each row's own and its holder).
    private static func documents(of rows: [FeedRow]) -> [String] {
        var documents: [String] = []
        documents.reserveCapacity(rows.count * 2)
        for row in rows {
            guard case .success(.user(let cmd))? = row.command else { continue }
            documents.append(cmd.document)
            if let holder = cmd.holder { documents.append(holder) }
        }
        return documents
    }

    private static func size(of file: URL) -> Int64 {
        Int64((try? FileSystem.info(at: file.path, followingLinks: false))?.size ?? 0)
    }

    private func apply(_ command: Command, line: Int) throws -> RuleViolation? {
        let context = scope.rules(line: line)
        switch command {
        case .user(let cmd): return try UserRules.apply(cmd, to: state, context: context)
        case .collective(let cmd): return try CollectiveRules.apply(cmd, to: state, context: context)
        case .payment(let cmd): return try PaymentRules.apply(cmd, to: state, context: context)
        }
    }

    private func settle(line: Int, record: SourceRecord, _ command: Command, _ violation: RuleViolation?, columns: FieldColumns?,
                        outputs: ErrorOutputs, outcome: inout Outcome) throws {
        guard let violation else {
            outcome.rows.applied += 1
            let action: Action
            switch command {
            case .user(let c): action = c.action
            case .collective(let c): action = c.action
            case .payment(let c): action = c.action
            }
            outcome.actions[action.rawValue, default: 0] += 1
            return
        }
        try refuse(line: line, record: record, command, violation, columns: columns, outputs: outputs, outcome: &outcome)
    }

    /// Rejects a row a rule refused: its error (in the refused cell's column), its payment for
    /// reconciliation, and the operator's conflict when it referred to another dealer's data.
    package func refuse(line: Int, record: SourceRecord, _ command: Command, _ violation: RuleViolation, columns: FieldColumns?,
                        outputs: ErrorOutputs, outcome: inout Outcome) throws {
        outcome.rows.rejected += 1
        if case .payment(let cmd) = command {
            outcome.reconciliation.append(ReconciliationItem(
                id: cmd.id, reason: violation.code, detail: Messages.message(violation.code, field: violation.field, value: violation.value,
                                         detail: violation.detail.in(scope.settings.language), language: scope.settings.language),
                date: cmd.date,
                amount: cmd.amount, currency: cmd.currency, reference: cmd.contract ?? cmd.document ?? cmd.originalId,
                text: cmd.reference, dealer: scope.dealer, line: line,
                originalId: violation.code == .reversalNeedsMaster ? cmd.originalId : nil))
        }
        let column = columns?.column(ofField: violation.field)
        let fieldName = layout.schema.fields.first { $0.name == violation.field }?.displayName ?? violation.field
        if let conflict = violation.conflict {
            outcome.conflicts.append(ConflictFile.Item(line: line, field: fieldName, value: violation.value,
                                                       answered: violation.code, conflict: conflict,
                                                       rowCollective: command.namedCollective))
        }
        let cellText = column.flatMap { record.cell(at: $0 - 1)?.text }
        try outputs.reject(record, errors: [RowError(line: line, column: column, field: fieldName,
                                                         value: cellText ?? violation.value, code: violation.code,
                                                         detail: violation.detail)])
    }
}

extension RowApplier.Command {
    /// The collective a row names, if any (a user row's collective, a collectives row's code).
    package var namedCollective: String? {
        switch self {
        case .user(let c): return c.collective
        case .collective(let c): return c.code
        case .payment: return nil
        }
    }
}
