import Foundation
import DealersDomain
import DealersDomainStore
import DealersModel
import DealersSEPA
import DealersStore

/// A returned direct debit in a bank statement (docs/sepa.md, "Returns"): a camt debit entry that
/// carries return information (`RtrInf`) or names a known collection's `EndToEndId`. The
/// collection is marked RETURNED with the bank's reason; when it had been applied as a payment,
/// the payment is reversed exactly as a DEVOLUCIÓN row does (the movement's id is the
/// reversal's). Told apart by content, never by the file's name.
package struct CollectionReturn {
    package let state: StoreDomainState
    /// The run, the dealer and the file.
    package let scope: FileScope

    /// Applies a debit movement as a return; `nil` when it is not one (an ordinary debit), else
    /// success or the reason it changed nothing (unknown collection, already returned, the
    /// reversal refused).
    package func apply(_ m: BankMovement) throws -> Result<Void, RuleViolation>? {
        let key = try m.endToEndId.map(CollectionKeys.collection)
        let known = try key.flatMap { try state.transaction.readJSON(SEPACollection.self, $0) }
        // Another dealer's collection is, to this dealer, one that does not exist.
        let visible = known.flatMap { c in scope.dealer == nil || c.dealer == scope.dealer ? c : nil }
        guard m.isReturn || visible != nil else { return nil }
        guard var collection = visible, let key else {
            return .failure(RuleViolation(.unknownCollection, field: "endToEndId", value: m.endToEndId ?? "NOTPROVIDED"))
        }
        if collection.status == .returned {
            return .failure(RuleViolation(.alreadyReturned, field: "endToEndId", value: collection.id,
                                          detail: LocalizedText("\(collection.returnedOn?.description ?? "") \(collection.returnCode ?? "")")))
        }
        let code = m.returnReason ?? ""
        let reason = ReturnReason.text(code)
        if collection.status == .settled, collection.refusal == nil {
            let cmd = PaymentCommand(action: .devolucion, id: m.id, date: m.date, amount: collection.amount,
                                     currency: collection.currency, method: CollectionPlanner.directDebit,
                                     originalId: collection.id, reference: "\(code) \(reason.in(.es))")
            if let violation = try PaymentRules.applyBankReturn(cmd, to: state, context: scope.rules(line: m.line)) {
                return .failure(violation)
            }
            collection.reversal = m.id
        }
        if collection.status == .pending {
            try state.transaction.delete(CollectionKeys.pending(collection.id, due: collection.dueDate))
        }
        collection.status = .returned
        collection.returnCode = code.isEmpty ? nil : code
        collection.returnReason = code.isEmpty ? nil : reason.in(.es)
        collection.returnedOn = m.date
        try state.transaction.writeJSON(collection, key)
        return .success(())
    }
}
