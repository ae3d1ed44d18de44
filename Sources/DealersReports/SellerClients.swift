import DealersDomain

/// Whose client each user with a seller is (the user's dealer and `Vendedor`), gathered during
/// the scan of the users, for the reports that are not written from that scan (the payments
/// report's seller cuts). Holds only users with a seller and a dealer, so its memory grows with
/// the dealers' sellers' clients (about 160 bytes each, docs/performance.md), not with the whole store.
package struct SellerClients {
    private var owners: [String: (dealer: String, seller: String)] = [:]

    /// An empty list.
    package init() {}

    /// Notes a user of `dealer` (nothing for the operator's own users or a user without a seller).
    package mutating func add(_ user: User, dealer: String?) {
        guard let dealer, let seller = user.seller else { return }
        owners[user.document] = (dealer, seller)
    }

    /// The seller whose client `document` is, when the row concerned belongs to that seller's dealer.
    package func seller(of document: String, dealer: String?) -> String? {
        guard let owner = owners[document], owner.dealer == dealer else { return nil }
        return owner.seller
    }
}
