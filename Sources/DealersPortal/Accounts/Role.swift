/// What a portal account is: the service operator's staff, or one of a dealer's people.
///
/// The role alone decides what an account may see and do (``Access``); the dealer and the seller
/// code of the account only say *whose* folders those are.
public enum Role: String, Codable, Sendable, CaseIterable {
    /// The service operator's staff: every dealer; the only role that makes, changes, disables and
    /// removes accounts and approves reversals. (Files of version 1 called it `operator`.)
    case master
    /// One dealer: all of that dealer's folders, uploads, receipts and reports. (Version 1: `dealer`.)
    case admin
    /// One dealer: users and collectives files, their receipts, the users, contract-history and
    /// collective-status reports; nothing of payments.
    case technician
    /// One dealer and one seller code: only their own clients.
    case seller

    /// Reads a role as written on the command line, in a form or in `users.json`: the English
    /// names, the Spanish ones (`maestro`, `administrador`, `tecnico`/`técnico`, `vendedor`) and
    /// version 1's `operator` (master) and `dealer` (admin); case is ignored.
    public init?(word: String) {
        switch word.lowercased() {
        case "master", "maestro", "operator": self = .master
        case "admin", "administrador", "dealer": self = .admin
        case "technician", "tecnico", "técnico": self = .technician
        case "seller", "vendedor": self = .seller
        default: return nil
        }
    }

    /// Whether accounts of this role belong to one dealer (every role but the master).
    public var needsDealer: Bool { self != .master }

    /// Whether accounts of this role carry a seller code.
    public var needsSeller: Bool { self == .seller }

    /// The accepted words, for error messages.
    public static var words: String { allCases.map(\.rawValue).joined(separator: "|") }

    public init(from decoder: any Decoder) throws {
        let word = try decoder.singleValueContainer().decode(String.self)
        guard let role = Role(word: word) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "unknown role \"\(word)\" (expected \(Role.words))"))
        }
        self = role
    }
}
