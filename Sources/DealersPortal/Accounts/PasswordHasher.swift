import HummingbirdBcrypt

/// Hashes and checks passwords with bcrypt.
public struct PasswordHasher: Sendable {
    /// The production cost (2^12 rounds); below ``minimumSafeCost`` is for tests only.
    public static let defaultCost: UInt8 = 12
    /// The lowest cost accepted outside tests.
    public static let minimumSafeCost: UInt8 = 10
    /// The bcrypt cost used for new hashes.
    public let cost: UInt8

    /// A hasher with a cost (4…31).
    public init(cost: UInt8 = PasswordHasher.defaultCost) {
        self.cost = min(max(cost, 4), 31)
    }

    /// A new salted hash of `password`.
    public func hash(_ password: String) -> String {
        Bcrypt.hash(password, cost: cost)
    }

    /// Whether `password` matches `hash`. With no hash (an unknown account) a fixed hash is
    /// checked all the same, so an unknown name costs as long as a wrong password.
    public func verify(_ password: String, hash: String?) -> Bool {
        guard let hash else {
            _ = Bcrypt.verify(password, hash: Self.decoy)
            return false
        }
        return Bcrypt.verify(password, hash: hash)
    }

    /// A default-cost hash of a random string, made once (lazily) and checked for unknown names.
    private static let decoy = Bcrypt.hash(String(UInt64.random(in: 0...UInt64.max), radix: 36), cost: defaultCost)
}
