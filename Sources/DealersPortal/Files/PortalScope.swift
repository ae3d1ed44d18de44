import DealersCore
import Foundation

/// The folders one account reaches: a dealer's `outbox/<DEALER>/` and `inbox/<DEALER>/`, or the
/// operator's `outbox/` and `inbox/`, and the archived input of a held roster it confirms
/// (`archive/<DEALER or _operator>/<date>/`). Nothing else of the workspace is ever opened for a visitor.
struct PortalScope: Sendable {
    /// The workspace.
    let workspace: Workspace
    /// The dealer (`nil`: the operator).
    let dealer: String?

    /// `outbox[/<DEALER>]/reports/`.
    var reports: ReadableFolder { ReadableFolder(url: workspace.outbox(dealer: dealer).appendingPathComponent("reports")) }
    /// `outbox[/<DEALER>]/receipts/`: date folders of receipts, and the latest views.
    var receipts: ReadableFolder { ReadableFolder(url: workspace.outbox(dealer: dealer).appendingPathComponent("receipts")) }
    /// `outbox[/<DEALER>]/errors/`: date folders of error files.
    var errors: ReadableFolder { ReadableFolder(url: workspace.outbox(dealer: dealer).appendingPathComponent("errors")) }
    /// `archive/<DEALER or _operator>/`: date folders of archived inputs (read only to confirm a held roster).
    var archive: ReadableFolder {
        ReadableFolder(url: workspace.root.appendingPathComponent("archive").appendingPathComponent(dealer ?? "_operator"))
    }
    /// `inbox[/<DEALER>]/`, where uploads go.
    var inbox: URL { workspace.inbox(dealer: dealer) }
    /// What links to this scope's files carry: `?dealer=<DEALER>` when an operator looks at a
    /// dealer's folders, nothing otherwise.
    var linkQuery = ""
}
