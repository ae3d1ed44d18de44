import Foundation
import DealersDomain

extension StoreDomainState: PaymentState {
    public func payment(_ id: String) throws -> LedgerEntry? {
        if let cached = ledger[id] { return cached }
        let entry = try transaction.readJSON(LedgerEntry.self, StoreLayout.payment(id))
        ledger[id] = entry
        return entry
    }

    public func save(_ entry: LedgerEntry) throws {
        ledger[entry.id] = entry
        try transaction.writeJSON(entry, StoreLayout.payment(entry.id))
    }
}
