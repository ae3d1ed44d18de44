import DealersCore
import Foundation

/// Finds customers for a visitor: a search through the look-up index (``LookupIndex``, written
/// with the reports) and the customer's record read from the store as it is now, both cut to the
/// visitor's scope — a dealer's accounts see only their dealer's customers, a seller only their
/// clients; anything else is "not found", exactly like a document nobody has.
struct CustomerLookup: Sendable {
    let workspace: Workspace
    let openStore: @Sendable () throws -> any DocumentBackend
    let clock: any WallClock

    /// The most results a search returns.
    static let maximumLimit = 100
    /// Results when the request names no limit.
    static let defaultLimit = 20

    /// The scope of an account.
    static func scope(of access: Access) -> LookupIndex.Scope {
        LookupIndex.Scope(dealer: access.dealer, seller: access.seller)
    }

    /// The customers whose document, name, e-mail, phone or contract number starts with `query`.
    func search(_ query: String, limit: Int, access: Access) throws -> [CustomerSummary] {
        let scope = Self.scope(of: access)
        let documents = try LookupIndex(workspace: workspace).search(query, scope: scope, limit: limit)
        guard !documents.isEmpty else { return [] }
        let store = try openStore()
        defer { store.close() }
        var collectives: [String: Collective?] = [:]
        return try documents.compactMap { document in
            try record(document, scope: scope, store: store, collectives: &collectives)?.summary
        }
    }

    /// One customer, when the visitor may see them.
    func customer(_ document: String, access: Access) throws -> CustomerRecord? {
        let store = try openStore()
        defer { store.close() }
        var collectives: [String: Collective?] = [:]
        return try record(document, scope: Self.scope(of: access), store: store, collectives: &collectives)
    }

    /// The record of a user read now, or `nil` when there is none or it is out of scope (the
    /// index may be a report interval behind the store: what it says is checked again here).
    private func record(_ document: String, scope: LookupIndex.Scope, store: any DocumentBackend,
                        collectives: inout [String: Collective?]) throws -> CustomerRecord? {
        guard !document.isEmpty, (try? StoreLayout.user(document)) != nil,
              let user = try store.readUser(document) ?? store.readUser(document.uppercased()) else { return nil }
        if collectives[user.collective] == nil {
            collectives[user.collective] = .some(try store.readJSON(Collective.self, StoreLayout.collective(user.collective)))
        }
        let collective = collectives[user.collective] ?? nil
        if let dealer = scope.dealer, collective?.dealer != dealer { return nil }
        if let seller = scope.seller, user.seller != seller { return nil }
        return CustomerRecord(user: user, collective: collective, asOf: CivilDate(clock.now, in: workspace.settings.timeZone))
    }
}
