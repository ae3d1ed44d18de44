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
/// first read finds who is present and the collectives named (``RosterSurvey``); the members of
/// those collectives — and only those, through the membership index — are read once to find
/// who is absent and to weigh the brake (``RosterBrake``); a second read computes and applies
/// each row's action (``RosterRules``); then the absent members get their BAJAs. A file the
/// brake holds is computed all the same, for its preview, and the caller drops the transaction.
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

    /// The members of a named collective who must go: its current contracts and the absent.
    private struct Absence {
        var collective: String
        var current = 0
        /// Absent dependants first, then holders: each gets a BAJA of their own.
        var documents: [String] = []
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
            let absences = try absentMembers(survey)
            let brake = RosterBrake(settings: scope.settings)
            let excess = absences.compactMap { brake.excess(collective: $0.collective, current: $0.current, cancels: $0.documents.count) }
            let holds = !confirmed && !excess.isEmpty
            outcome.previewed = dryRun || holds
            let stop = try applyRows(feed: feed, survey: survey, commands: commands, rows: rows, outputs: outputs, outcome: &outcome)
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
            if holds {
                let field = layout.schema.fields.first { $0.name == "collective" }?.displayName ?? "collective"
                for e in excess { try outputs.fileError(brake.error(e, field: field)) }
                outcome.held = excess
            }
            for absence in absences {
                for document in absence.documents {
                    let context = scope.rules(line: 0)
                    guard let change = try RosterRules.cancelAbsent(document, collective: absence.collective, state: state,
                                                                    context: context) else { continue }
                    outcome.rows.actions[EventKind.baja.rawValue, default: 0] += 1
                    if outcome.previewed { try preview.append(row(change)) }
                }
            }
        } catch let error as DealersError where error.kind == .data {
            try outputs.fileError(RowError(line: 0, value: scope.sourceFile, code: .malformedFile, detail: LocalizedText(error.message)))
            outcome.rows.fileMessage = error.message
            outcome.rows.rows.applied = 0
            outcome.rows.actions = [:]
        }
        return outcome
    }

    /// Reads the named collectives' members (this dealer's, where no row's person is unknown)
    /// and finds those with a current contract who are absent from the file.
    private func absentMembers(_ survey: RosterSurvey) throws -> [Absence] {
        var absences: [Absence] = []
        let asOf = scope.asOf
        let rules = scope.rules(line: 0)
        for code in survey.named.sorted() where survey.mayCancel(in: code) {
            // Another dealer's collective is, to this dealer, one that does not exist: no BAJA.
            guard let collective = try state.collective(code), rules.mayTouch(collective.dealer) else { continue }
            var absence = Absence(collective: code)
            var holders: [String] = []
            for document in try state.members(of: code) {
                guard let user = try state.user(document), RosterRules.isCurrentMember(user, of: code, asOf: asOf) else { continue }
                absence.current += 1
                guard !survey.isPresent(document) else { continue }
                if user.relationship == .titular { holders.append(document) } else { absence.documents.append(document) }
            }
            absence.documents.append(contentsOf: holders)
            if absence.current > 0 { absences.append(absence) }
        }
        return absences
    }

    /// The second read: each row refused, or its action computed and applied; rows whose holder
    /// is not yet where they say are retried once the file has been read. Returns whether the
    /// header stopped the file.
    private func applyRows(feed: RecordFeed, survey: RosterSurvey, commands: RowCommands, rows: RowApplier,
                           outputs: ErrorOutputs, outcome: inout Outcome) throws -> Bool {
        let deferred = DeferredRows(memoryLimit: deferredMemoryLimit)
        var header = BoundHeader()
        try feed.forEach(onThread: scope.settings.readerThread) { item in
            switch item {
            case .header(let record, let problems, let bound, let stops):
                try header.take(record, problems: problems, columns: bound, stop: stops, outputs: outputs)
            case .row(let row):
                outcome.rows.rows.read += 1
                try handle(row, survey: survey, columns: header.columns, rows: rows, outputs: outputs, outcome: &outcome) { row, cmd in
                    outputs.holdForOrdering()
                    try deferred.append(row, command: cmd)
                }
            }
        }
        if header.stop { return true }
        let columns = header.columns
        for item in deferred.kept {
            try handle(FeedRow(record: item.row.record, validated: item.row, errors: [], command: .success(item.command)),
                       survey: survey, columns: columns, rows: rows, outputs: outputs, outcome: &outcome, waitForHolder: nil)
        }
        try deferred.forEachSpilled(layout: layout, header: header.record, defaultCountry: scope.settings.defaultCountry) { record, row, errors in
            let again = FeedRow(record: record, validated: row, errors: errors, command: row.map(commands.command(for:)))
            try handle(again, survey: survey, columns: columns, rows: rows, outputs: outputs, outcome: &outcome, waitForHolder: nil)
        }
        return false
    }

    private func handle(_ item: FeedRow, survey: RosterSurvey, columns: FieldColumns?, rows: RowApplier, outputs: ErrorOutputs,
                        outcome: inout Outcome, waitForHolder: ((ValidatedRow, RowApplier.Command) throws -> Void)?) throws {
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
               let waitForHolder, let row = item.validated {
                return try waitForHolder(row, .user(cmd))
            }
            return try rows.refuse(line: line, record: item.record, .user(cmd), violation, columns: columns, outputs: outputs,
                                   outcome: &outcome.rows)
        }
        outcome.rows.rows.applied += 1
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
