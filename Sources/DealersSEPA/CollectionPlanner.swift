import Foundation
import DealersDomain
import DealersModel

/// Decides, as of a date, which contracts are collected and how (docs/sepa.md, "Collection"):
/// pure, values in and a ``SEPACollection`` out, so that the rule is tested without a store.
public struct CollectionPlanner: Sendable {
    /// The date `collect` runs as of.
    public var asOf: CivilDate
    /// A contract whose end is at most this many calendar days after `asOf` is collected.
    public var leadDays: Int
    /// The catalogue code of direct debit: only collectives paying this way are collected.
    public static let directDebit = "DIRECT_DEBIT"

    /// Creates a planner.
    public init(asOf: CivilDate, leadDays: Int) {
        self.asOf = asOf
        self.leadDays = leadDays
    }

    /// The collection of a user's current contract for its next period, or `nil` when there is
    /// none to make: the collective does not pay by direct debit, the contract is not ACTIVE, has
    /// a BAJA, ends later than `leadDays` from `asOf` (or has ended), no mandate pays for it (the
    /// user's own, else the holder's), the plan has no price, or the period was collected already.
    /// - Parameters:
    ///   - user: the contract's user.
    ///   - collective: the user's collective.
    ///   - holder: the user's holder, for a dependant (whose mandate pays when the user has none).
    ///   - use: what the store remembers of the paying mandate (`nil`: never collected).
    ///   - exists: whether a collection with this id was made already.
    ///   - file: the pain.008 file the collection goes in.
    public func plan(user: User, collective: Collective, holder: User?, use: MandateUse?,
                     exists: (String) throws -> Bool, file: String) rethrows -> SEPACollection? {
        guard collective.paymentMethod == Self.directDebit, let contract = user.latestContract,
              contract.cancelledOn == nil, contract.status(asOf: asOf) == .active else { return nil }
        let daysLeft = contract.end.daysSinceEpoch - asOf.daysSinceEpoch
        guard daysLeft >= 0, daysLeft <= leadDays else { return nil }
        let payer: User
        if user.mandate != nil { payer = user } else if let holder, holder.mandate != nil { payer = holder } else { return nil }
        guard let mandate = payer.mandate else { return nil }
        guard let (period, amount) = price(of: contract, user: user, plan: collective.plan) else { return nil }
        let id = SEPACollection.id(contract: contract.number, periodFrom: contract.end)
        guard try !exists(id) else { return nil }
        let sameMandate = use.map { $0.reference == mandate.reference } ?? false
        let amended = sameMandate && use.map { $0.lastIBAN != mandate.iban } == true
        return SEPACollection(
            id: id, dealer: collective.dealer, collective: collective.code, contract: contract.number,
            document: user.document, payer: payer.document, amount: amount, currency: collective.plan.currency,
            period: period, periodFrom: contract.end, periodTo: period.added(to: contract.end),
            dueDate: Self.dueDate(end: contract.end, asOf: asOf),
            sequence: sameMandate ? .recurrent : .first, mandateReference: mandate.reference,
            mandateSignedOn: mandate.signedOn, iban: mandate.iban, bic: mandate.bic,
            debtorName: mandate.accountHolder ?? [payer.firstName, payer.lastName].filter { !$0.isEmpty }.joined(separator: " "),
            originalIBAN: amended ? use?.lastIBAN : nil, status: .pending, file: file, createdOn: asOf)
    }

    /// The day the bank debits: the contract's end, or the TARGET business day before it; a run
    /// so late that this day is not after the as-of date asks for the next business day instead
    /// (a bank takes no collection dated in the past).
    public static func dueDate(end: CivilDate, asOf: CivilDate) -> CivilDate {
        let due = TargetCalendar.previousBusinessDay(onOrBefore: end)
        return due > asOf ? due : TargetCalendar.nextBusinessDay(after: asOf)
    }

    /// The period and price collected: the contract's last period (what its latest ALTA, PAGO or
    /// EXTENSIÓN added, one month or one year), priced by the plan; the other price when the plan
    /// lacks that one; `nil` when it has neither.
    public func price(of contract: Contract, user: User, plan: Plan) -> (ContractLength, Decimal)? {
        let last = user.history.last { event in
            event.contract == contract.number && [.alta, .pago, .extension].contains(event.kind) && event.endAfter != nil
        }
        var period = ContractLength.month
        if let last, let after = last.endAfter {
            let from = last.endBefore ?? contract.start
            if ContractLength.year.added(to: from) == after { period = .year }
        }
        if let amount = PeriodDerivation.price(of: period, plan: plan) { return (period, amount) }
        let other: ContractLength = period == .year ? .month : .year
        return PeriodDerivation.price(of: other, plan: plan).map { (other, $0) }
    }
}
