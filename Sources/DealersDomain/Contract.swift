import DealersModel

/// A user's contract: number, dates, and whether it was cancelled (§3.3).
public struct Contract: Codable, Sendable, Equatable {
    /// The contract number, unique in the store (`C00000001`).
    public var number: String
    /// The first day of service.
    public var start: CivilDate
    /// The last day of service.
    public var end: CivilDate
    /// The date of the BAJA, when there was one.
    public var cancelledOn: CivilDate?
    /// The collective the contract was made in.
    public var collective: String

    /// The status as of a date.
    public func status(asOf date: CivilDate) -> ContractStatus {
        if let cancelledOn, cancelledOn <= date { return .cancelled }
        if date < start { return .scheduled }
        if end < date { return .expired }
        return .active
    }

    /// Creates a value from each stored property (the memberwise initialiser, for the package's other targets).
    public init(
        number: String,
        start: CivilDate,
        end: CivilDate,
        cancelledOn: CivilDate? = nil,
        collective: String
    ) {
        self.number = number
        self.start = start
        self.end = end
        self.cancelledOn = cancelledOn
        self.collective = collective
    }
}

/// A contract's status as of a date.
public enum ContractStatus: String, Codable, Sendable, CaseIterable {
    /// Starts later.
    case scheduled = "SCHEDULED"
    /// In force.
    case active = "ACTIVE"
    /// Its end date has passed.
    case expired = "EXPIRED"
    /// Cancelled by a BAJA.
    case cancelled = "CANCELLED"

    /// Whether the contract is current (ACTIVE or SCHEDULED).
    public var isCurrent: Bool { self == .active || self == .scheduled }
}
