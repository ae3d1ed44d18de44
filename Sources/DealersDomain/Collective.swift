import Foundation
import DealersModel

/// A group of users (company, association, segment) with its country, dealer and plan (§3.1).
public struct Collective: Codable, Sendable, Equatable {
    /// The unique code, upper case.
    public var code: String
    /// The name people know it by.
    public var name: String
    /// ISO 3166-1 alpha-2 country where the service is active.
    public var country: String
    /// The dealer that owns it; `nil` for the service operator's own collectives.
    public var dealer: String?
    /// Prices and default length.
    public var plan: Plan
    /// Whether new altas are accepted.
    public var active: Bool
    /// When it was created and last changed (as-of dates).
    public var createdOn: CivilDate
    /// When it was last changed.
    public var updatedOn: CivilDate
    /// The catalogue code of how its users pay (`Forma de pago`); `nil` when not said. Only
    /// collectives paying by direct debit (`DIRECT_DEBIT`) are collected (docs/sepa.md).
    public var paymentMethod: String?

    /// Creates a value from each stored property (the memberwise initialiser, for the package's other targets).
    public init(
        code: String,
        name: String,
        country: String,
        dealer: String? = nil,
        plan: Plan,
        active: Bool,
        createdOn: CivilDate,
        updatedOn: CivilDate,
        paymentMethod: String? = nil
    ) {
        self.code = code
        self.name = name
        self.country = country
        self.dealer = dealer
        self.plan = plan
        self.active = active
        self.createdOn = createdOn
        self.updatedOn = updatedOn
        self.paymentMethod = paymentMethod
    }
}

/// What a collective's users pay and for how long a contract runs by default.
public struct Plan: Codable, Sendable, Equatable {
    /// The monthly price, when there is one.
    public var monthlyPrice: Decimal?
    /// The annual price, when there is one.
    public var annualPrice: Decimal?
    /// ISO 4217 currency of the prices.
    public var currency: String
    /// Length of a new contract when an ALTA gives no end date.
    public var defaultLength: ContractLength

    /// Creates a value from each stored property (the memberwise initialiser, for the package's other targets).
    public init(
        monthlyPrice: Decimal? = nil,
        annualPrice: Decimal? = nil,
        currency: String,
        defaultLength: ContractLength
    ) {
        self.monthlyPrice = monthlyPrice
        self.annualPrice = annualPrice
        self.currency = currency
        self.defaultLength = defaultLength
    }
}
