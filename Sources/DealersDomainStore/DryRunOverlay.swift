/// Where a dry run keeps the users it changed once they leave ``StoreDomainState``'s cache.
package enum DryRunOverlay: Sendable, Equatable {
    /// As compact facts in a ``FactOverlay`` of these limits (the default).
    case facts(FactOverlay.Limits)
    /// As JSON documents written into the store transaction, which a dry run never commits: the
    /// way before the fact overlay, kept for the differential tests that compare the two.
    case transaction

    /// The fact overlay with its standard limits.
    package static let standard = DryRunOverlay.facts(.standard)
}
