/// What a row asks for.
public enum Action: String, Sendable, CaseIterable, Codable {
    /// Create (a user with a contract, a collective).
    case alta = "ALTA"
    /// Cancel (a contract) or deactivate (a collective).
    case baja = "BAJA"
    /// Extend a contract by a month or a year.
    case `extension` = "EXTENSION"
    /// Change data, or move a user to another collective.
    case modificacion = "MODIFICACION"
    /// A payment.
    case pago = "PAGO"
    /// A reversal of a payment.
    case devolucion = "DEVOLUCION"
}
