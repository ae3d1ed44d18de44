import Foundation
import DealersDomain
import DealersDomainStore
import DealersLayouts
import DealersModel
import DealersOutbox
import DealersReading
import DealersReports
import DealersSupport
import DealersValidation

/// Applies a roster file (docs/layouts.md, "Roster files"), in the file's one transaction: a
/// first read finds who is present and the collectives named (``RosterSurvey``); the keys of
/// those collectives' members — and only those, through the membership index — tell who is
/// absent; a second read computes and applies each row's action (``RosterRules``), noting who had
/// a current contract where; then the absent (and the present whose rows never reached the rules)
/// are read, once, to count the current contracts and give the absent their BAJAs, and the brake
/// (``RosterBrake``) may hold the whole file. A held file is computed all the same, for its
/// preview, and the caller drops the transaction.
package struct RosterApplier {
    package let layout: Layout
    package let state: StoreDomainState
    /// The run, the dealer and the file.
    package let scope: FileScope
    /// Where computed changes go when a preview is wanted (a dry run, a held file).
    package let preview: ChangePreview
    /// A dry run (`dealers validate`): the preview is always written.
    package var dryRun = false
    /// The file was confirmed (`<file>.confirmar`, or the portal): the brake does not hold it.
    package var confirmed = false
    /// Rows waiting for their holder kept whole before they wait on disk (``DeferredRows``).
    package var deferredMemoryLimit = DeferredRows.defaultMemoryLimit

    /// What the roster came to.
    package struct Outcome {
        /// Rows read, applied (unchanged ones included) and rejected; computed actions.
        package var rows = RowApplier.Outcome()
        /// The collectives whose BAJAs exceed the brake: non-empty means the file is held.
        package var held: [RosterBrake.Excess] = []
        /// Whether the preview was written to (a dry run, or a held file).
        package var previewed = false
    }

    /// A named collective of this dealer: its members before the file (keys of the membership
    /// index), then its current contracts and the absent with one.
    private struct Named {
        var collective: String
        var members: [String]
        var current = 0
        /// Absent dependants first, then holders: each gets a BAJA of their own.
        var absent: [String] = []
    }

    /// What the applying pass noted for the brake: the documents whose row was applied, and per
    /// collective how many of them had a current contract there before.
    private struct Seen {
        var documents: Set<String> = []
        var currentIn: [String: Int] = [:]
    }

    package init(layout: Layout, state: StoreDomainState, scope: FileScope, preview: ChangePreview) {
        self.layout = layout
        self.state = state
        self.scope = scope
        self.preview = preview
    }

    private var language: Language { scope.settings.language }

    package func run(file: URL, outputs: ErrorOutputs) throws -> Outcome {
        let commands = RowCommands(layout: layout, paymentMethods: scope.settings.paymentMethods)
        let feed = RecordFeed(file: file, layout: layout, commands: commands, defaultCountry: scope.settings.defaultCountry)
        let rows = RowApplier(layout: layout, state: state, scope: scope)
        var outcome = Outcome()
        do {
            let survey = try RosterSurvey.read(feed, onThread: scope.settings.readerThread)
            var named = try namedCollectives(survey)
            // The changes go to the preview while they are computed when it may be wanted: a
            // dry run, or a file the brake may hold (someone is absent); it is published only then.
            outcome.previewed = dryRun || (!confirmed && named.contains { $0.members.contains { !survey.isPresent($0) } })
            var seen = Seen()
            let stop = try applyRows(feed: feed, survey: survey, commands: commands, rows: rows, outputs: outputs,
                                     outcome: &outcome, seen: &seen)
            if stop {
                outcome.rows.fileMessage = "the header lacks required columns"
                outcome.rows.rows.applied = 0
                return outcome
            }
            if outcome.rows.rows.read == 0 {
                try outputs.fileError(RowError(line: 0, value: scope.sourceFile, code: .emptyFile))
                outcome.rows.fileMessage = "no data rows"
                return outcome
            }
            // Nothing accepted (every row rejected): never "everyone absent", and nothing to hold.
            guard outcome.rows.rows.applied > 0 else {
                outcome.previewed = dryRun
                return outcome
            }
            try countAndFindAbsent(&named, survey: survey, seen: seen)
            let brake = RosterBrake(settings: scope.settings)
            let excess = named.compactMap { brake.excess(collective: $0.collective, current: $0.current, cancels: $0.absent.count) }
            if !confirmed, !excess.isEmpty {
                let field = layout.schema.fields.first { $0.name == "collective" }?.displayName ?? "collective"
                for e in excess { try outputs.fileError(brake.error(e, field: field)) }
                outcome.held = excess
            }
            for collective in named {
                for document in collective.absent {
                    guard let change = try RosterRules.cancelAbsent(document, collective: collective.collective, state: state,
                                                                    context: scope.rules(line: 0)) else { continue }
                    outcome.rows.actions[EventKind.baja.rawValue, default: 0] += 1
                    if outcome.previewed { try preview.append(row(change)) }
                }
            }
            outcome.previewed = dryRun || !outcome.held.isEmpty
        } catch let error as DealersError where error.kind == .data {
            try outputs.fileError(RowError(line: 0, value: scope.sourceFile, code: .malformedFile, detail: LocalizedText(error.message)))
            outcome.rows.fileMessage = error.message
            outcome.rows.rows.applied = 0
            outcome.rows.actions = [:]
        }
        return outcome
    }

    /// The collectives the file names whose members may be cancelled — this dealer's (another
    /// dealer's is, to this dealer, one that does not exist), where no row's person is unknown —
    /// with their members' documents as the membership index has them before the file.
    private func namedCollectives(_ survey: RosterSurvey) throws -> [Named] {
        let rules = scope.rules(line: 0)
        var named: [Named] = []
        for code in survey.named.sorted() where survey.mayCancel(in: code) {
            guard let collective = try state.collective(code), rules.mayTouch(collective.dealer) else { continue }
            named.append(Named(collective: code, members: try state.members(of: code)))
        }
        return named
    }

    /// Counts each named collective's current contracts before the file — those the applying
    /// pass saw, and the members it did not see (the absent, the present whose rows were refused),
    /// read now — and finds the absent with a current contract.
    private func countAndFindAbsent(_ named: inout [Named], survey: RosterSurvey, seen: Seen) throws {
        let asOf = scope.asOf
        for i in named.indices {
            let code = named[i].collective
            named[i].current = seen.currentIn[code] ?? 0
            var holders: [String] = []
            for document in named[i].members where !seen.documents.contains(document) {
                guard let user = try state.user(document), RosterRules.isCurrentMember(user, of: code, asOf: asOf) else { continue }
                named[i].current += 1
                guard !survey.isPresent(document) else { continue }
                if user.relationship == .titular { holders.append(document) } else { named[i].absent.append(document) }
            }
            named[i].absent.append(contentsOf: holders)
        }
    }

    /// The second read: each row refused, or its action computed and applied; rows whose holder
    /// is not yet where they say are retried once the file has been read. Returns whether the
    /// header stopped the file.
    private func applyRows(feed: RecordFeed, survey: RosterSurvey, commands: RowCommands, rows: RowApplier,
                           outputs: ErrorOutputs, outcome: inout Outcome, seen: inout Seen) throws -> Bool {
        let deferred = DeferredRows(memoryLimit: deferredMemoryLimit)
        var header = BoundHeader()
        try feed.forEach(onThread: scope.settings.readerThread) { item in
            switch item {
            case .header(let record, let problems, let bound, let stops):
                try header.take(record, problems: problems, columns: bound, stop: stops, outputs: outputs)
            case .row(let row):
                outcome.rows.rows.read += 1
                try handle(row, survey: survey, columns: header.columns, rows: rows, outputs: outputs, outcome: &outcome,
                           seen: &seen) { record, cmd in
                    outputs.holdForOrdering()
                    try deferred.append(record, command: cmd)
                }
            }
        }
        if header.stop { return true }
        let columns = header.columns
        for item in deferred.kept {
            try handle(FeedRow(record: item.record, errors: [], command: .success(item.command)),
                       survey: survey, columns: columns, rows: rows, outputs: outputs, outcome: &outcome, seen: &seen,
                       waitForHolder: nil)
        }
        try deferred.forEachSpilled(layout: layout, header: header.record, defaultCountry: scope.settings.defaultCountry) { record, row, errors in
            let again = FeedRow(record: record, errors: errors, command: row.map(commands.command(for:)))
            try handle(again, survey: survey, columns: columns, rows: rows, outputs: outputs, outcome: &outcome, seen: &seen,
                       waitForHolder: nil)
        }
        return false
    }

    private func handle(_ item: FeedRow, survey: RosterSurvey, columns: FieldColumns?, rows: RowApplier, outputs: ErrorOutputs,
                        outcome: inout Outcome, seen: inout Seen,
                        waitForHolder: ((SourceRecord, RowApplier.Command) throws -> Void)?) throws {
        let line = item.record.line
        let cmd: UserCommand
        switch item.command {
        case nil:
            outcome.rows.rows.rejected += 1
            return try outputs.reject(item.record, errors: item.errors)
        case .failure(let error)?:
            outcome.rows.rows.rejected += 1
            return try outputs.reject(item.record, errors: [error])
        case .success(.user(let user))?:
            cmd = user
        case .success(let other)?:
            // A roster's rows are users rows (``RowCommands``): anything else is the layout's fault.
            return try rows.refuse(line: line, record: item.record, other,
                                   RuleViolation(.unknownLayout, field: "action", value: layout.kind.rawValue),
                                   columns: columns, outputs: outputs, outcome: &outcome.rows)
        }
        // A person listed twice: both rows refused, the person present.
        if let others = survey.otherLines(of: cmd.document, than: line) {
            let violation = RuleViolation(.duplicateInFile, field: "document", value: cmd.document,
                                          detail: LocalizedText(others.map(String.init).joined(separator: ", ")))
            return try rows.refuse(line: line, record: item.record, .user(cmd), violation, columns: columns, outputs: outputs,
                                   outcome: &outcome.rows)
        }
        let result = try RosterRules.apply(cmd, to: state, context: scope.rules(line: line))
        if let violation = result.violation {
            if violation.code == .holderNotFound || violation.code == .holderInOtherCollective,
               let waitForHolder {
                return try waitForHolder(item.record, .user(cmd))
            }
            return try rows.refuse(line: line, record: item.record, .user(cmd), violation, columns: columns, outputs: outputs,
                                   outcome: &outcome.rows)
        }
        outcome.rows.rows.applied += 1
        seen.documents.insert(cmd.document)
        if let collective = result.currentIn { seen.currentIn[collective, default: 0] += 1 }
        guard let first = result.changes.first else { return }
        // A move is counted as one; a change of data alone as a MODIFICACIÓN.
        let kind = result.changes.contains { $0.action == .cambioColectivo } ? EventKind.cambioColectivo : first.action
        outcome.rows.actions[kind.rawValue, default: 0] += 1
        if outcome.previewed {
            for change in result.changes { try preview.append(row(change)) }
        }
    }

    /// A change as a preview row, in the workspace's language.
    private func row(_ change: RosterChange) -> [String] {
        let field = layout.schema.fields.first { $0.name == change.field }?.displayName ?? change.field
        return [ReportVocabulary(language: language).event(change.action), change.document, change.name, field,
                change.before, change.after]
    }
}
