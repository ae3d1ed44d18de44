import DealersCore
import Foundation

/// The folders one account reaches, cut to what its role may see (``Access``):
///
/// - master: the operator's `outbox/` and `inbox/` (or, asked with `?dealer=CODE`, that dealer's);
/// - admin and technician: `outbox/<DEALER>/` and `inbox/<DEALER>/` (a technician's listings
///   leave out the payments report and the receipts and error files of payments files);
/// - seller: `outbox/<DEALER>/sellers/<CODE>/` — their own cut — and no inbox.
///
/// - and, to confirm a held roster, its archived input (`archive/<DEALER or _operator>/<date>/`),
///   for the accounts that may speak for whole collectives (``RosterAuthority``).
///
/// Nothing else of the workspace is ever opened for a visitor.
struct PortalScope: Sendable {
    /// The workspace.
    let workspace: Workspace
    /// The role's rules.
    let access: Access
    /// The dealer whose folders these are (`nil`: the operator's).
    let dealer: String?
    /// The names of the layouts whose receipts the role sees (`nil`: all).
    let layouts: Set<String>?

    /// The scope of an access over its own dealer's folders, or over `dealer` (a master looking at one).
    init(workspace: Workspace, access: Access, dealer: String?) {
        self.workspace = workspace
        self.access = access
        self.dealer = dealer
        if let kinds = access.layoutKinds {
            let catalog = try? LayoutCatalog(folder: workspace.layouts)
            layouts = Set((catalog?.layouts ?? []).filter { kinds.contains($0.kind) }.map(\.name))
        } else {
            layouts = nil
        }
    }

    /// The outbox folder the files come from.
    private var outbox: URL {
        let own = workspace.outbox(dealer: dealer)
        guard access.role == .seller, let dealer, let seller = access.seller else { return own }
        return workspace.outbox(dealer: dealer, seller: seller)
    }

    /// `…/reports/`.
    var reports: ReadableFolder { ReadableFolder(url: outbox.appendingPathComponent("reports"), filter: .reports(access)) }
    /// `…/receipts/`: date folders of receipts, and the latest views.
    var receipts: ReadableFolder { ReadableFolder(url: receiptsURL, filter: .receipts(layouts: layouts)) }
    /// `…/errors/`: date folders of error files.
    var errors: ReadableFolder {
        ReadableFolder(url: outbox.appendingPathComponent("errors"), filter: .errors(receipts: receiptsURL, layouts: layouts))
    }
    private var receiptsURL: URL { outbox.appendingPathComponent("receipts") }
    /// `archive/<DEALER or _operator>/`: date folders of archived inputs (read only to confirm a held roster).
    var archive: ReadableFolder {
        ReadableFolder(url: workspace.root.appendingPathComponent("archive").appendingPathComponent(dealer ?? "_operator"))
    }
    /// `inbox[/<DEALER>]/`, where uploads go.
    var inbox: URL { workspace.inbox(dealer: dealer) }
    /// What links to this scope's files carry: `?dealer=<DEALER>` when a master looks at a
    /// dealer's folders, nothing otherwise.
    var linkQuery = ""
}
