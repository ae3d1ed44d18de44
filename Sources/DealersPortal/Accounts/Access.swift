import DealersCore

/// What one account may see and do: the single place the portal's routes ask. Its answers depend
/// on the role only; the account's dealer and seller code pick whose folders (``PortalScope``).
///
/// | role | reports | uploads, receipts, error files | accounts, audit, other dealers |
/// |---|---|---|---|
/// | master | every one | every layout | yes |
/// | admin | every one of its dealer | every layout | no |
/// | technician | users, contract-history, collective-status | users and collectives layouts | no |
/// | seller | users, contract-history, payments (its own cut) | users layouts (its own clients only; its own uploads' answers) | no |
public struct Access: Sendable, Equatable {
    /// The role.
    public let role: Role
    /// The dealer (every role but the master).
    public let dealer: String?
    /// The seller code (a seller).
    public let seller: String?

    /// The access of an account.
    public init(account: PortalAccount) {
        role = account.role
        dealer = account.scopeDealer
        seller = account.role == .seller ? account.seller : nil
    }

    /// The reports the role may read; `nil`: every file of its reports folder.
    public var reportKinds: Set<ReportKind>? {
        switch role {
        case .master, .admin: return nil
        case .technician: return [.users, .contractHistory, .collectiveStatus]
        case .seller: return Set(ReportKind.allCases.filter(\.isForSellers))
        }
    }

    /// The kinds of input the role may upload and whose receipts and error files it sees; `nil`: all.
    public var layoutKinds: Set<LayoutKind>? {
        switch role {
        case .master, .admin: return nil
        case .technician: return [.users, .collectives]
        case .seller: return [.users]
        }
    }

    /// Whether a report file (`users.csv`, `payments.xlsx` …) is one the role may read.
    public func mayRead(report fileName: String) -> Bool {
        guard let kinds = reportKinds else { return true }
        let base = fileName.split(separator: ".", maxSplits: 1).first.map(String.init) ?? fileName
        return ReportKind(rawValue: base).map(kinds.contains) ?? false
    }

    /// Whether the role may send or see files of a layout kind.
    public func mayHandle(_ kind: LayoutKind) -> Bool {
        layoutKinds?.contains(kind) ?? true
    }

    /// Whether the role may upload at all (every role does; a seller only users files, applied in
    /// the seller's scope: the uploader note names the seller code).
    public var mayUpload: Bool { layoutKinds != [] }

    /// Whether the role makes, changes, disables and removes accounts (the master only).
    public var managesAccounts: Bool { role == .master }

    /// Whether the role approves the reversals dealers send (the master only).
    public var approvesReversals: Bool { role == .master }

    /// Whether the role reads the audit log (the master only).
    public var readsAudit: Bool { role == .master }

    /// Whether the role may look at any declared dealer's folders (`?dealer=CODE`; the master only).
    public var looksAtEveryDealer: Bool { role == .master }
}
