/// Who may speak for whole collectives: send a roster (its absent members are cancelled) or
/// confirm a held one (docs/layouts.md, "Roster files").
///
/// A roster cancels whoever it leaves out, so it speaks for whole collectives: only the
/// accounts that see all of a dealer's clients — master and admin — may send or confirm one; a
/// technician's or a seller's roster is refused with `ROSTER_NEEDS_ADMIN`
/// (``UploadRefusal/rosterNeedsAdmin``).
enum RosterAuthority {
    /// Whether `account` may send or confirm a roster.
    static func speaksForCollectives(_ account: PortalAccount) -> Bool {
        account.role == .master || account.role == .admin
    }
}
