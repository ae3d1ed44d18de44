import Foundation

/// Reads a file with its layout and applies each valid row to the domain in file order; rows
/// whose holder is not yet known are retried once the whole file has been seen, so holders and
/// dependants resolve whatever their order.
struct RowApplier {
    let layout: Layout
    let state: StoreDomainState
    let dealer: String?
    let asOf: CivilDate
    let sourceFile: String
    let settings: Settings
    /// Told every `progressInterval` records how far the loop is.
    var progress: ProgressReporter? = nil
    /// Rows waiting for their holder kept whole; past this they wait on disk (``DeferredRows``).
    var deferredMemoryLimit = 20_000
    /// Records between two progress reports: rare enough to cost nothing in the loop.
    static let progressInterval = 1000

    struct Outcome {
        var rows = Receipt.Rows()
        var actions: [String: Int] = [:]
        var fileMessage: String?
        /// Payments and movements not applied, for the reconciliation ledger and report.
        var reconciliation: [ReconciliationItem] = []
    }

    enum Command {
        case user(UserCommand)
        case collective(CollectiveCommand)
        case payment(PaymentCommand)
    }

    func run(file: URL, outputs: ErrorOutputs) throws -> Outcome {
        if layout.kind == .bankStatement {
            return try StatementApplier(layout: layout, state: state, dealer: dealer, asOf: asOf, sourceFile: sourceFile,
                                        settings: settings).run(file: file, outputs: outputs)
        }
        let validator = RowValidator(layout: layout, defaultCountry: settings.defaultCountry)
        var outcome = Outcome()
        let deferred = DeferredRows(memoryLimit: deferredMemoryLimit)
        var header: SourceRecord?
        var recordNumber = 0
        var headerBound = layout.headerRecordNumber == 0
        var stop = false
        struct Stop: Error {}
        var bytesRead: Int64 = 0
        progress?.started(file: sourceFile, totalBytes: Self.size(of: file))
        defer { progress?.finished(rows: outcome.rows.read) }

        do {
            try RecordSources.make(file, layout: layout).read { record in
                recordNumber += 1
                if let progress {
                    bytesRead += Int64(record.raw?.count ?? 0)
                    if recordNumber % Self.progressInterval == 0 { progress.advanced(rows: recordNumber, bytesRead: bytesRead) }
                }
                if !headerBound {
                    if isHeader(record, number: recordNumber) {
                        headerBound = true
                        header = record
                        outputs.setHeader(record)
                        let problems = validator.bindHeader(record)
                        for problem in problems { try outputs.fileError(problem) }
                        if problems.contains(where: { $0.code == .missingColumn })
                            || (layout.unknownColumns == .reject && problems.contains(where: { $0.code == .unknownColumn })) {
                            stop = true
                            throw Stop()
                        }
                    }
                    return
                }
                if record.isBlank { return }
                outcome.rows.read += 1
                let (validated, errors) = validator.validate(record)
                try handle(record, validated, errors, validator: validator, outputs: outputs, outcome: &outcome) { row, cmd in
                    try deferred.append(row, command: cmd)
                }
            }
        } catch is Stop {
        } catch let error as DealersError where error.kind == .data {
            try outputs.fileError(RowError(line: 0, value: sourceFile, code: .malformedFile, detail: LocalizedText(error.message)))
            outcome.fileMessage = error.message
            outcome.rows.applied = 0
            outcome.actions = [:]
            return outcome
        }
        if stop {
            outcome.fileMessage = "the header lacks required columns"
            outcome.rows.applied = 0
            return outcome
        }
        for item in deferred.kept {
            let violation = try apply(item.command, line: item.row.line)
            try settle(item.row, item.command, violation, validator: validator, outputs: outputs, outcome: &outcome)
        }
        // Validated and mapped once already: the same values and command come back.
        try deferred.forEachSpilled(layout: layout, header: header, defaultCountry: settings.defaultCountry) { record, row, errors in
            try handle(record, row, errors, validator: validator, outputs: outputs, outcome: &outcome, waitForHolder: nil)
        }
        if outcome.rows.read == 0 {
            try outputs.fileError(RowError(line: 0, value: sourceFile, code: .emptyFile))
            outcome.fileMessage = headerBound ? "no data rows" : "empty file"
        }
        return outcome
    }

    /// A validated (or refused) record: rejected with its errors, or mapped to its command and
    /// applied. A row whose holder is not known goes to `waitForHolder` when there is one (the
    /// first pass), else is settled as refused (the retry).
    private func handle(_ record: SourceRecord, _ validated: ValidatedRow?, _ errors: [RowError], validator: RowValidator,
                        outputs: ErrorOutputs, outcome: inout Outcome,
                        waitForHolder: ((ValidatedRow, Command) throws -> Void)?) throws {
        guard let row = validated else {
            outcome.rows.rejected += 1
            try outputs.reject(record, errors: errors)
            return
        }
        switch command(for: row) {
        case .failure(let error):
            outcome.rows.rejected += 1
            try outputs.reject(record, errors: [error])
        case .success(let cmd):
            let violation = try apply(cmd, line: row.line)
            if let violation, violation.code == .holderNotFound, let waitForHolder {
                try waitForHolder(row, cmd)
            } else {
                try settle(row, cmd, violation, validator: validator, outputs: outputs, outcome: &outcome)
            }
        }
    }

    private static func size(of file: URL) -> Int64 {
        ((try? FileManager.default.attributesOfItem(atPath: file.path))?[.size] as? NSNumber)?.int64Value ?? 0
    }

    private func isHeader(_ record: SourceRecord, number: Int) -> Bool {
        if case .xlsx(let x) = layout.format { return record.line >= x.headerRow }
        return number == layout.headerRecordNumber
    }

    private func command(for row: ValidatedRow) -> Result<Command, RowError> {
        let action = row.action ?? .alta
        switch layout.kind {
        case .users: return RowMapping.userCommand(row, action: action).map(Command.user)
        case .collectives: return RowMapping.collectiveCommand(row, action: action).map(Command.collective)
        case .payments:
            return RowMapping.paymentCommand(row, action: row.action ?? .pago, methods: settings.paymentMethods).map(Command.payment)
        case .bankStatement:
            // Statements never reach row mapping: `run` hands them to `StatementApplier`.
            return .failure(RowError(line: row.line, field: layout.kind.rawValue, code: .unknownLayout))
        }
    }

    private func apply(_ command: Command, line: Int) throws -> RuleViolation? {
        let context = RuleContext(asOf: asOf, dealer: dealer, sourceFile: sourceFile, line: line,
                                  defaultLength: settings.defaultContractLength)
        switch command {
        case .user(let cmd): return try UserRules.apply(cmd, to: state, context: context)
        case .collective(let cmd): return try CollectiveRules.apply(cmd, to: state, context: context)
        case .payment(let cmd): return try PaymentRules.apply(cmd, to: state, context: context)
        }
    }

    private func settle(_ row: ValidatedRow, _ command: Command, _ violation: RuleViolation?, validator: RowValidator,
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
        outcome.rows.rejected += 1
        if case .payment(let cmd) = command {
            outcome.reconciliation.append(ReconciliationItem(
                id: cmd.id, reason: violation.code, detail: Messages.message(violation.code, field: violation.field, value: violation.value,
                                         detail: violation.detail.in(settings.language), language: settings.language),
                date: cmd.date,
                amount: cmd.amount, currency: cmd.currency, reference: cmd.contract ?? cmd.document ?? cmd.originalId,
                text: cmd.reference, dealer: dealer, line: row.line))
        }
        let column = validator.column(ofField: violation.field)
        let fieldName = layout.schema.fields.first { $0.name == violation.field }?.displayName ?? violation.field
        let cellText = column.flatMap { row.record.cell(at: $0 - 1)?.text }
        try outputs.reject(row.record, errors: [RowError(line: row.line, column: column, field: fieldName,
                                                         value: cellText ?? violation.value, code: violation.code,
                                                         detail: violation.detail)])
    }
}
