import Foundation
import DealersDomain
import DealersStore

/// The payment part of `dealers store verify`: the ledger and the contracts agree. Every entry
/// names an existing user and contract and is named by exactly one PAGO/DEVOLUCION event of that
/// user's history with the same end date; every such event has its entry; a reversed payment
/// and its reversal name each other.
///
/// Fed by ``StoreVerifier``'s one pass over the users (``check(_:)``), so users are decoded once.
package struct LedgerVerifier {
    private var entries: [String: LedgerEntry] = [:]
    private var named: Set<String> = []
    private var problems: [String] = []

    /// Reads the ledger (`payments/`).
    package init(store: any DocumentBackend) throws {
        try store.forEachDocument(under: "payments") { key, bytes in
            guard let entry = try? StoreJSON.decode(LedgerEntry.self, from: bytes, path: key.path) else {
                problems.append("\(key.path): unreadable ledger entry"); return
            }
            if (try? StoreLayout.payment(entry.id))?.path != key.path { problems.append("\(key.path): holds payment \(entry.id), expected at another path") }
            if entries[entry.id] != nil { problems.append("payment \(entry.id) appears twice in the ledger") }
            entries[entry.id] = entry
        }
    }

    /// Checks the payment events of one user against the ledger.
    package mutating func check(_ user: User) {
        for event in user.history where event.kind == .pago || event.kind == .devolucion {
            guard let id = event.payment, let entry = entries[id] else {
                problems.append("user \(user.document): \(event.kind.rawValue) event of \(event.date) has no ledger entry"); continue
            }
            if named.contains(id) { problems.append("payment \(id) is named by two history events") }
            named.insert(id)
            if entry.document != user.document || entry.contract != event.contract || entry.kind != event.kind
                || entry.endAfter != event.endAfter || entry.endBefore != event.endBefore {
                problems.append("payment \(id): the ledger and the history of user \(user.document) disagree")
            }
            if !user.contracts.contains(where: { $0.number == entry.contract }) {
                problems.append("payment \(id): user \(user.document) has no contract \(entry.contract)")
            }
        }
    }

    /// The problems found, once every user has been checked.
    package func finish() -> [String] {
        var problems = self.problems
        for (id, entry) in entries {
            if !named.contains(id) { problems.append("payment \(id): no \(entry.kind.rawValue) event in the history of \(entry.document)") }
            if let by = entry.reversedBy, entries[by]?.reverses != id { problems.append("payment \(id) says reversed by \(by), which does not reverse it") }
            if let original = entry.reverses, entries[original]?.reversedBy != id { problems.append("reversal \(id) undoes \(original), which is not marked reversed by it") }
        }
        return problems
    }
}
