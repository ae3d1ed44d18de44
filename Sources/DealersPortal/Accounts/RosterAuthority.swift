/// Who may speak for whole collectives: send a roster (its absent members are cancelled) or
/// confirm a held one (docs/layouts.md, "Roster files").
///
/// The hook for the roles of issue 29: there, only admin and master accounts may, and a seller's
/// roster is refused with `ROSTER_NEEDS_ADMIN` (``UploadRefusal/rosterNeedsAdmin``). Today the
/// accounts are a dealer's (which becomes its admin) and the operator's (which becomes master),
/// and both may.
enum RosterAuthority {
    /// Whether `account` may send or confirm a roster.
    static func speaksForCollectives(_ account: PortalAccount) -> Bool { true }
}
