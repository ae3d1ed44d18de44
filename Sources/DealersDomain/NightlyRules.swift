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
        for contract in user.contracts {
            let events = user.history.filter { $0.contract == contract.number }
            func has(_ kind: EventKind, on date: CivilDate) -> Bool {
                events.contains { $0.kind == kind && $0.date == date }
            }
            func inAdvance(_ kind: EventKind, on date: CivilDate) -> Bool {
                events.contains { $0.kind == kind && $0.date == date && ($0.recordedOn.map { $0 < date } ?? false) }
            }
            func event(_ kind: EventKind, _ date: CivilDate) -> ContractEvent {
                ContractEvent(date: date, document: user.document, collective: user.collective(on: date), kind: kind,
                              contract: contract.number, endBefore: contract.end, endAfter: contract.end,
                              sourceFile: source, sourceLine: nil, note: nil, recordedOn: asOf)
            }
            let cancelledBeforeStart = contract.cancelledOn.map { $0 <= contract.start } ?? false
            if contract.start <= asOf, !cancelledBeforeStart, inAdvance(.alta, on: contract.start),
               !has(.inicio, on: contract.start) {
                added.append(event(.inicio, contract.start))
                counts.started += 1
            }
            if let cancelled = contract.cancelledOn, cancelled <= asOf, inAdvance(.baja, on: cancelled),
               !has(.bajaEfectiva, on: cancelled) {
                added.append(event(.bajaEfectiva, cancelled))
                counts.cancelled += 1
            }
            let expiry = contract.end.adding(days: 1)
            if contract.status(asOf: asOf) == .expired, !has(.expiracion, on: expiry) {
                added.append(event(.expiracion, expiry))
                counts.expired += 1
            }
        }
        guard !added.isEmpty else { return counts }
        user.history.append(contentsOf: added.sorted { $0.date < $1.date })
        user.updatedOn = max(user.updatedOn, asOf)
        counts.users = 1
        return counts
    }
}
