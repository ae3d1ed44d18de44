import DealersLayouts
import DealersModel
import DealersValidation
import DealersWorkspace

/// Maps validated rows to the command the domain rules take, by the layout's kind: what a row
/// means, decided without the store (so it can be done on the reading thread).
package struct RowCommands: Sendable {
    package let kind: LayoutKind
    package let paymentMethods: [PaymentMethod]
    /// Where the fields the mapping reads sit in the layout's rows.
    package let fields: MappedFields

    /// The mapping for rows of `layout`.
    package init(layout: Layout, paymentMethods: [PaymentMethod]) {
        kind = layout.kind
        self.paymentMethods = paymentMethods
        fields = MappedFields(layout.schema)
    }

    /// The command of a valid row, or the error that keeps it from having one.
    package func command(for row: ValidatedRow) -> Result<RowApplier.Command, RowError> {
        switch kind {
        case .users:
            return RowMapping.userCommand(row, action: row.action ?? .alta, fields: fields).map(RowApplier.Command.user)
        case .roster:
            // A roster row has no action: ``RosterApplier`` computes it against the store.
            return RowMapping.userCommand(row, action: row.action ?? .alta, fields: fields).map(RowApplier.Command.user)
        case .collectives: return RowMapping.collectiveCommand(row, action: row.action ?? .alta, methods: paymentMethods, fields: fields).map(RowApplier.Command.collective)
        case .payments:
            return RowMapping.paymentCommand(row, action: row.action ?? .pago, methods: paymentMethods, fields: fields).map(RowApplier.Command.payment)
        case .bankStatement:
            // Statements never reach row mapping: `RowApplier` hands them to `StatementApplier`.
            return .failure(RowError(line: row.line, field: kind.rawValue, code: .unknownLayout))
        }
    }
}
