import DealersCore
import Foundation

/// Confirms a held roster from the portal (docs/layouts.md, "Roster files"): the receipt named
/// must be one of the visitor's own and `HELD`; its archived input — looked up among the names
/// the visitor's archive lists, never made a path — goes back into the visitor's inbox with
/// `<name>.confirmar` beside it, and the next run applies it as computed then.
struct HeldConfirmation {
    let scope: PortalScope

    /// Why a confirmation was refused.
    enum Refusal: Error {
        /// No such receipt, not a held one, or its archived input is gone.
        case notHeld
    }

    /// Puts the input of the held receipt `receipt` (a dated name in `receipts/`) back with its
    /// confirmation marker, through `drop` (the upload's checks and atomic link).
    func confirm(_ receipt: DatedName, drop: InboxDrop) throws -> InboxDrop.Stored {
        guard receipt.date != nil, let found = scope.receipts.lookUp(receipt), let data = found.folder.contents(of: found.entry),
              let held = try? JSONDecoder().decode(ReceiptSummary.self, from: data), held.status == Receipt.Status.held.rawValue,
              let name = held.input, let input = archived(held) else { throw Refusal.notHeld }
        return try drop.store(name: name, data: input, confirmed: true)
    }

    /// The archived input of a receipt: `archive/<who>/<date>/<name>`, in this scope's archive.
    private func archived(_ receipt: ReceiptSummary) -> Data? {
        let parts = (receipt.archivedTo ?? "").split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 4, parts[0] == "archive", parts[1] == (scope.dealer ?? "_operator"),
              let found = scope.archive.lookUp(DatedName(date: parts[2], name: parts[3])) else { return nil }
        return found.folder.contents(of: found.entry)
    }
}
