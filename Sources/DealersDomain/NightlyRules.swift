import DealersModel

/// What the nightly run does to one user as of a date (§8 `nightly`): it records, once each, the
/// changes of status that happen by the calendar rather than by a file.
///
/// - INICIO: a contract recorded in advance (its ALTA's `date` after its `recordedOn`) reached
///   its start date;
/// - BAJA_EFECTIVA: a BAJA recorded in advance reached its date (the contract is CANCELLED by
///   date already; the BAJA event stays where it was, this one says it took effect);
/// - EXPIRACION: a contract's end date passed (dated the day after the end, the first day
///   without service).
///
/// "Once" is decided by the history itself: an event is added only when the user's history has
/// no event of that kind for that contract and date, so running the rules again for the same or
/// a later date adds nothing. A contract whose end later moves (e.g. a payment restarts it) can
/// expire again at its new end.
public enum NightlyRules {
    /// The `sourceFile` of the events the nightly run records.
    public static let source = "nightly"

    /// Counts of the events added.
    public struct Counts: Codable, Sendable, Equatable {
        /// INICIO events.
        public var started = 0
        /// BAJA_EFECTIVA events.
        public var cancelled = 0
        /// EXPIRACION events.
        public var expired = 0
        /// Users changed.
        public var users = 0

        /// Creates empty counts.
        public init() {}

        /// Adds another batch's counts.
        public mutating func add(_ other: Counts) {
            started += other.started
            cancelled += other.cancelled
            expired += other.expired
            users += other.users
        }
    }

    /// Adds the events due as of `asOf` to `user`; returns what was added (`users == 0`: nothing,
    /// the user is unchanged).
    public static func apply(to user: inout User, asOf: CivilDate) -> Counts {
        var counts = Counts()
        var added: [ContractEvent] = []
        for pending in pendingEvents(of: user) where pending.fires(asOf: asOf) {
            added.append(ContractEvent(date: pending.date, document: user.document, collective: user.collective(on: pending.date),
                                       kind: pending.kind, contract: pending.contract.number, endBefore: pending.contract.end,
                                       endAfter: pending.contract.end, sourceFile: source, sourceLine: nil, note: nil,
                                       recordedOn: asOf))
            switch pending.kind {
            case .inicio: counts.started += 1
            case .bajaEfectiva: counts.cancelled += 1
            default: counts.expired += 1
            }
        }
        guard !added.isEmpty else { return counts }
        user.history.append(contentsOf: added.sorted { $0.date < $1.date })
        user.updatedOn = max(user.updatedOn, asOf)
        counts.users = 1
        return counts
    }

    /// An event the rules will add to a user once the as-of date reaches ``dueFrom`` (and, for
    /// an expiry, before ``until``): what the store's date index files under its date.
    public struct PendingEvent: Sendable, Equatable {
        /// INICIO, BAJA_EFECTIVA or EXPIRACION.
        public var kind: EventKind
        /// The event's date.
        public var date: CivilDate
        /// The first as-of date on which it is added.
        public var dueFrom: CivilDate
        /// The first as-of date on which it is no longer added (an expired contract cancelled
        /// later is CANCELLED from then on), or `nil`.
        public var until: CivilDate?
        /// The contract concerned.
        public var contract: Contract

        /// Whether a run as of `asOf` adds it.
        public func fires(asOf: CivilDate) -> Bool {
            dueFrom <= asOf && until.map { asOf < $0 } ?? true
        }

        /// Whether some as-of date adds it.
        public var canFire: Bool { until.map { dueFrom < $0 } ?? true }
    }

    /// The events not yet in `user`'s history that some run will add (or would have, had it
    /// run in time), in the order ``apply(to:asOf:)`` adds them: per contract, INICIO,
    /// BAJA_EFECTIVA, EXPIRACION. A function of the user alone, so that an index of their
    /// dates can be checked against the users.
    public static func pendingEvents(of user: User) -> [PendingEvent] {
        var result: [PendingEvent] = []
        for contract in user.contracts {
            let events = user.history.filter { $0.contract == contract.number }
            func has(_ kind: EventKind, on date: CivilDate) -> Bool {
                events.contains { $0.kind == kind && $0.date == date }
            }
            func inAdvance(_ kind: EventKind, on date: CivilDate) -> Bool {
                events.contains { $0.kind == kind && $0.date == date && ($0.recordedOn.map { $0 < date } ?? false) }
            }
            let cancelledBeforeStart = contract.cancelledOn.map { $0 <= contract.start } ?? false
            if !cancelledBeforeStart, inAdvance(.alta, on: contract.start), !has(.inicio, on: contract.start) {
                result.append(PendingEvent(kind: .inicio, date: contract.start, dueFrom: contract.start, contract: contract))
            }
            if let cancelled = contract.cancelledOn, inAdvance(.baja, on: cancelled), !has(.bajaEfectiva, on: cancelled) {
                result.append(PendingEvent(kind: .bajaEfectiva, date: cancelled, dueFrom: cancelled, contract: contract))
            }
            // EXPIRED (Contract.status) from the day after the end, not before the start, until a BAJA's date.
            let expiry = contract.end.adding(days: 1)
            let expiring = PendingEvent(kind: .expiracion, date: expiry, dueFrom: max(expiry, contract.start),
                                        until: contract.cancelledOn, contract: contract)
            if expiring.canFire, !has(.expiracion, on: expiry) { result.append(expiring) }
        }
        return result
    }
}
