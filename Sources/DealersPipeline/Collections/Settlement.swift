import Foundation
import Logging
import DealersDomain
import DealersDomainStore
import DealersModel
import DealersSEPA
import DealersStore
import DealersWorkspace

/// Settles direct debits on their due date, for `nightly`: every PENDING collection due on or
/// before the as-of date becomes a payment (method `DIRECT_DEBIT`, the period it collected, its
/// id the collection's) through the payment rules, exactly as a payments-file row would, and is
/// marked SETTLED — in one transaction, before the nightly job expires anything, so a contract
/// whose period was collected never expires on its last day. A returned collection is never
/// PENDING, so it is never applied; a rerun finds nothing PENDING and writes nothing.
public struct Settlement: RunStep {
    /// The workspace, the as-of date and the logger.
    public let context: RunContext

    /// Creates a settlement run.
    public init(context: RunContext) {
        self.context = context
    }

    /// Settles what is due; returns how many collections were applied and how many refused.
    @discardableResult
    public func run(store: any DocumentBackend) throws -> (applied: Int, refused: Int) {
        // Done again from the start after a concurrent transaction: what committed is settled.
        try ConflictRetry.run("settlement \(asOf)", doing: "settling", logger: logger) { try settle(store: store) }
    }

    private func settle(store: any DocumentBackend) throws -> (applied: Int, refused: Int) {
        // The pending index only: its keys sort by due date, what is due comes first.
        var due: [SEPACollection] = []
        try store.forEachDocument(under: CollectionKeys.pendingFolder) { key, bytes in
            let entry = try StoreJSON.decode(PendingCollection.self, from: bytes, path: store.location(of: key))
            guard entry.dueDate <= asOf,
                  let c = try store.readJSON(SEPACollection.self, CollectionKeys.collection(entry.id)), c.status == .pending else { return }
            due.append(c)
        }
        guard !due.isEmpty else { return (0, 0) }
        let state = StoreDomainState(store: store, transaction: store.beginTransaction())
        var applied = 0, refused = 0
        for var c in due.sorted(by: { ($0.dueDate, $0.id) < ($1.dueDate, $1.id) }) {
            let cmd = PaymentCommand(action: .pago, id: c.id, date: c.dueDate, contract: c.contract, amount: c.amount,
                                     currency: c.currency, method: CollectionPlanner.directDebit, period: c.period,
                                     reference: c.id)
            let rule = RuleContext(asOf: asOf, dealer: c.dealer, sourceFile: c.file, line: 0)
            if let violation = try PaymentRules.apply(cmd, to: state, context: rule) {
                c.refusal = violation.code.rawValue
                refused += 1
                logger.warning("collection not applied", metadata: ["collection": "\(c.id)", "code": "\(violation.code.rawValue)"])
            } else {
                applied += 1
            }
            c.status = .settled
            c.settledOn = asOf
            try state.transaction.writeJSON(c, CollectionKeys.collection(c.id))
            try state.transaction.delete(CollectionKeys.pending(c.id, due: c.dueDate))
        }
        try state.recordChanges(asOf: asOf, source: NightlyRules.source, since: asOf.adding(days: -1))
        try state.commit()
        logger.info("settlement \(asOf): \(applied) collections applied, \(refused) refused")
        return (applied, refused)
    }
}
