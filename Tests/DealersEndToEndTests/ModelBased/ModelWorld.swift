import DealersTestSupport
/// The reference model of §3 (docs/rules-over-time.md, docs/payments.md): collectives with their
/// dealers, users with their contracts and events, the payment ledger. It is a re-implementation
/// written small and apart from the product's rules: nothing here calls `UserRules`,
/// `PaymentRules`, `NightlyRules` or `ContractRenewal`.
struct ModelWorld: Sendable {
    /// By code.
    var collectives: [String: ModelCollective] = [:]
    /// By document.
    var users: [String: ModelUser] = [:]
    /// By payment id (payments and reversals).
    var ledger: [String: ModelPayment] = [:]
    /// Contracts made so far (the next one is numbered one more).
    var contractsMade = 0
    /// The content of every file that had a row applied, with its inbox: sent again, it is a DUPLICATE (§5.6).
    var appliedFiles: Set<String> = []

    /// The number the next contract gets: `C` and eight digits, one more each time.
    mutating func newContractNumber() -> String {
        contractsMade += 1
        let digits = String(contractsMade)
        return "C" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }

    /// The dealer that owns a collective (`nil`: none, or the operator's).
    func dealer(of collective: String) -> String? { collectives[collective]?.dealer }

    /// Whether a file from `inbox` (`nil`: the operator's) may see a user (§3.5).
    func sees(_ user: ModelUser, from inbox: String?) -> Bool {
        inbox == nil || dealer(of: user.collective) == inbox
    }

    /// The users whose holder is `document`.
    func dependants(of document: String) -> [String] {
        users.values.filter { $0.holder == document }.map(\.document).sorted()
    }

    /// Every holder's dependants, by the holder's document.
    var dependantsByHolder: [String: [String]] {
        var found: [String: [String]] = [:]
        for user in users.values { if let holder = user.holder { found[holder, default: []].append(user.document) } }
        return found.mapValues { $0.sorted() }
    }

    /// The dealer a user belonged to on each day, as (from day, dealer) in order.
    func dealers(of user: ModelUser) -> [(from: Day, dealer: String?)] {
        user.moves.map { ($0.from, dealer(of: $0.collective)) }
    }

    /// The dealers a user belonged to at some moment of `day` (two on the day of a move); before
    /// the user's first day, the first dealer.
    func owners(of user: ModelUser, on day: Day) -> Set<String?> {
        var owners: Set<String?> = []
        if let before = user.moves.last(where: { $0.from < day }) ?? user.moves.first {
            owners.insert(dealer(of: before.collective))
        }
        for move in user.moves where move.from == day { owners.insert(dealer(of: move.collective)) }
        return owners
    }
}

/// A collective: its dealer and plan (§3.1). Prices in cents.
struct ModelCollective: Sendable {
    var code: String
    var dealer: String
    var monthlyCents: Int
    var annualCents: Int
    /// The default length of a new contract: 1 or 12 months.
    var months: Int
}

/// A contract's status as of a day (docs/rules-over-time.md, in its order).
enum ModelStatus: String, Sendable {
    case scheduled = "PROGRAMADO", active = "ACTIVO", expired = "VENCIDO", cancelled = "CANCELADO"

    var isCurrent: Bool { self == .scheduled || self == .active }
}

/// A contract and what the nightly needs to know of it.
struct ModelContract: Sendable, Equatable {
    var number: String
    var start: Day
    var end: Day
    var cancelledOn: Day?
    /// The start of an ALTA recorded before it: INICIO is due on it, once.
    var startRecordedInAdvance: Day?
    /// The dates of BAJAs recorded before their date: BAJA_EFECTIVA is due on each, once.
    var bajasRecordedInAdvance: Set<Day> = []
    /// The nightly events recorded for this contract, by kind and date: each once.
    var nightlyMarks: Set<NightlyMark> = []

    func status(on day: Day) -> ModelStatus {
        if let cancelledOn, cancelledOn <= day { return .cancelled }
        if day < start { return .scheduled }
        if end < day { return .expired }
        return .active
    }
}

/// A nightly event already recorded for a contract: its kind and date.
struct NightlyMark: Hashable, Sendable {
    var kind: ModelEvent.Kind
    var date: Day
}

/// One event of a user's contract history, as far as the model compares it.
struct ModelEvent: Hashable, Sendable, CustomStringConvertible {
    enum Kind: String, Sendable {
        case alta = "ALTA", baja = "BAJA", extend = "EXTENSION", modify = "MODIFICACION"
        case move = "CAMBIO_COLECTIVO", expiry = "EXPIRACION", payment = "PAGO", reversal = "DEVOLUCION"
        case start = "INICIO", bajaEffective = "BAJA_EFECTIVA"

        /// Whether the event is about one contract (a data change or a move names the current one, if any).
        var namesContract: Bool { self != .modify && self != .move }
    }

    var kind: Kind
    var date: Day
    var collective: String
    /// The contract, for the kinds that are about one.
    var contract: String?

    var description: String { "\(date) \(kind.rawValue) \(collective) \(contract ?? "-")" }
}

/// A user (§3.2) with the contracts, the events and the collective of every day.
struct ModelUser: Sendable {
    var document: String
    var firstName: String
    var lastName: String
    var relationship: String
    var holder: String?
    var collective: String
    var contracts: [ModelContract]
    var events: [ModelEvent] = []
    /// Every collective the user joined, from the as-of date of the row that put them there.
    var moves: [(from: Day, collective: String)]

    var latest: ModelContract? { contracts.last }

    var isHolder: Bool { relationship == "TITULAR" }

    /// Whether the latest contract is ACTIVE or SCHEDULED on a day.
    func isCurrent(on day: Day) -> Bool { latest?.status(on: day).isCurrent ?? false }

    /// The collective on a day: the latest one joined on or before it, else the first.
    func collective(on day: Day) -> String {
        moves.last { $0.from <= day }?.collective ?? moves.first?.collective ?? collective
    }

    mutating func join(_ code: String, on day: Day) {
        guard code != collective || moves.isEmpty else { return }
        collective = code
        moves.append((day, code))
    }
}

/// A ledger entry: a payment and what it did, or a reversal.
struct ModelPayment: Sendable {
    var id: String
    var isReversal: Bool
    var document: String
    var contract: String
    /// The dealer of the collective it was paid in.
    var dealer: String?
    var cents: Int
    var months: Int
    var startBefore: Day, endBefore: Day, startAfter: Day, endAfter: Day
    var reversedBy: String?
}

/// The codes the model refuses a row with (a subset of the product's stable codes).
enum ModelCode: String, Error, Sendable {
    case missingValue = "MISSING_VALUE", invalidFormat = "INVALID_FORMAT", duplicateInFile = "DUPLICATE_IN_FILE"
    case unknownCollective = "UNKNOWN_COLLECTIVE", unknownUser = "UNKNOWN_USER"
    case activeContractExists = "ACTIVE_CONTRACT_EXISTS", contractCancelled = "CONTRACT_CANCELLED"
    case holderNotFound = "HOLDER_NOT_FOUND", holderInOtherCollective = "HOLDER_IN_OTHER_COLLECTIVE"
    case holderHasDependants = "HOLDER_HAS_DEPENDANTS", invalidDates = "INVALID_DATES"
    case identifierUnavailable = "IDENTIFIER_UNAVAILABLE", duplicatePayment = "DUPLICATE_PAYMENT"
    case unknownReference = "UNKNOWN_REFERENCE", amountMismatch = "AMOUNT_MISMATCH"
    case unknownPayment = "UNKNOWN_PAYMENT", alreadyReversed = "ALREADY_REVERSED"
    case reversalNeedsMaster = "REVERSAL_NEEDS_MASTER"
}
