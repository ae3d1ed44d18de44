import DealersStore

/// The users of a file's next rows, asked for ahead of their rows
/// (``StoreDomainState/startPrefetch(_:)``, ``StoreDomainState/finishPrefetch(_:)``).
public struct UsersReadAhead {
    /// The documents asked for, not in the cache when asked, with their keys.
    let wanted: [String: StoreKey]
    /// The store's read of them (`nil`: nothing was asked).
    let read: ReadAhead?
}
