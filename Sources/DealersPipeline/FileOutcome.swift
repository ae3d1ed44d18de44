import DealersLayouts
import DealersModel

/// What processing one input file came to, from which its receipt is made.
package struct FileOutcome {
    package var status: Receipt.Status
    package var layout: String?
    package var rows = Receipt.Rows()
    package var actions: [String: Int] = [:]
    package var errors: [ErrorCode: Int] = [:]
    package var outputs: [String] = []
    package var duplicateOf: String?
    package var message: String?

    /// An outcome decided before any row was read (a duplicate, an unknown layout).
    package init(status: Receipt.Status, layout: String?) {
        self.status = status
        self.layout = layout
    }

    /// The outcome of a file whose rows were read: what the rows did, under the layout's error
    /// policy (`reject-file` refuses the whole file when one row is rejected).
    package init(layout: Layout, applied: RowApplier.Outcome, outputs: [String], errors: [ErrorCode: Int], dryRun: Bool,
         language: Language) {
        self.layout = layout.name
        rows = applied.rows
        actions = applied.actions
        message = applied.fileMessage
        self.outputs = outputs
        self.errors = errors
        if layout.errorPolicy == .rejectFile, rows.rejected > 0, rows.applied > 0 {
            message = language == .es
                ? "política reject-file: el fichero se rechaza entero (\(rows.rejected) filas con errores)"
                : "reject-file policy: the whole file is rejected (\(rows.rejected) rows with errors)"
            rows.applied = 0
            rows.rejected = rows.read
            actions = [:]
        }
        status = dryRun ? .validated
            : rows.applied == 0 ? .rejected
            : rows.applied == rows.read ? .applied : .partial
    }

    /// Holds a roster whose BAJAs exceed the brake: nothing applied, status HELD, the message
    /// naming each collective and how to confirm.
    package mutating func hold(_ excess: [RosterBrake.Excess], input: String, language: Language) {
        status = .held
        rows.applied = 0
        actions = [:]
        let counts = excess.map { "\($0.collective): \($0.cancels)/\($0.current)" }.joined(separator: ", ")
        message = language == .es
            ? "retenido: el censo daría de baja a demasiadas personas (\(counts)); revise la vista previa y confirme con \(input).confirmar junto al fichero enviado de nuevo"
            : "held: the roster would cancel too many people (\(counts)); check the preview and confirm with \(input).confirmar beside the file dropped again"
    }
}
