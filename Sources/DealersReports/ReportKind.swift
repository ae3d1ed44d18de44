import DealersModel

/// The reports of `outbox/reports/` (§7), by their stable file names.
public enum ReportKind: String, CaseIterable, Sendable {
    /// `contract-history`: every contract-history event up to the as-of date.
    case contractHistory = "contract-history"
    /// `collective-status`: contract statuses per collective, with a chart.
    case collectiveStatus = "collective-status"
    /// `users`: each user and their current contract.
    case users
    /// `payments`: the ledger (applied, reversed) and what was not applied, with the reason.
    case payments
    /// `collections`: the SEPA direct debits and what became of them (workspaces with a creditor).
    case collections
    /// `conflicts`: rows of dealers' files that referred to another dealer's data; the operator's only.
    case conflicts
    /// `pending-reversals`: reversals sent by dealers, waiting for a master's approval; the operator's only.
    case pendingReversals = "pending-reversals"

    /// Whether dealers get the report too (in `outbox/<DEALER>/reports/`), not only the operator.
    public var isForDealers: Bool { self != .conflicts && self != .pendingReversals }

    /// Whether a dealer's sellers get their cut of the report too (in
    /// `outbox/<DEALER>/sellers/<CODE>/reports/`): the users, contract-history and payments reports.
    public var isForSellers: Bool { self == .users || self == .contractHistory || self == .payments }

    /// The report's short title as people read it beside its stable file name (the portal's
    /// report list and dashboard): "Histórico de contratos" / "Contract history".
    public func title(_ language: Language) -> String {
        let es: String, en: String
        switch self {
        case .contractHistory: (es, en) = ("Histórico de contratos", "Contract history")
        case .collectiveStatus: (es, en) = ("Estado de colectivos", "Collective status")
        case .users: (es, en) = ("Usuarios", "Users")
        case .payments: (es, en) = ("Cobros", "Payments")
        case .collections: (es, en) = ("Adeudos SEPA", "SEPA direct debits")
        case .conflicts: (es, en) = ("Conflictos", "Conflicts")
        case .pendingReversals: (es, en) = ("Devoluciones pendientes", "Pending reversals")
        }
        return language == .en ? en : es
    }
}

/// Which files of a report are written.
public struct ReportFormats: OptionSet, Sendable {
    public let rawValue: Int
    /// Creates a set from its bits.
    public init(rawValue: Int) { self.rawValue = rawValue }
    /// `<name>.xlsx`.
    public static let xlsx = ReportFormats(rawValue: 1)
    /// `<name>.csv`.
    public static let csv = ReportFormats(rawValue: 2)
    /// Both.
    public static let all: ReportFormats = [.xlsx, .csv]
}
