import Foundation
import DealersModel
import DealersOutbox
import DealersSupport
import DealersWorkspace

/// The seller cuts of a report (`outbox/<DEALER>/sellers/<CODE>/reports/<name>.xlsx|.csv`): a
/// seller's clients' rows, without the dealer column, as in the dealer's own files.
///
/// The sellers are found in the rows (the users layout's `Vendedor`), so a cut's files are opened
/// at the first row of its seller; only codes that are valid folder names (``SellerCode``) get a
/// cut. On ``close()`` the files of a seller folder that got no row this time (a seller whose
/// clients all moved to another) are removed, so a seller never keeps a stale list of clients
/// that are no longer theirs. Used by one thread at a time (the caller's or a ``ReportLane``'s).
package final class SellerCuts {
    /// Opens the files of one cut in a folder (`…/sellers/<CODE>/reports/`) for a dealer.
    package typealias Opener = (_ folder: URL, _ dealer: String) throws -> ReportTarget

    private let workspace: Workspace
    private let fileNames: [String]
    private let open: Opener
    private var cuts: [String: [String: ReportTarget]] = [:]

    /// Cuts for the workspace's dealers; `fileNames` are the report's files (`users.csv` …),
    /// the ones a stale cut loses.
    package init(workspace: Workspace, fileNames: [String], open: @escaping Opener) {
        self.workspace = workspace
        self.fileNames = fileNames
        self.open = open
    }

    /// Writes a row (given as the operator's) to the cut of its dealer's seller, opening it first
    /// if needed; a row without a dealer or a valid seller code belongs to no cut.
    package func append(_ row: [OutputValue], dealer: String?, seller: String?) throws {
        guard let dealer, let seller, SellerCode.isValid(seller) else { return }
        if cuts[dealer]?[seller] == nil {
            let folder = workspace.outbox(dealer: dealer, seller: seller).appendingPathComponent("reports")
            cuts[dealer, default: [:]][seller] = try open(folder, dealer)
        }
        try cuts[dealer]?[seller]?.append(row)
    }

    /// Publishes every cut, then removes the report's files from seller folders no row reached.
    /// - Throws: the first error of a writer or of a removal.
    package func close() throws {
        for targets in cuts.values {
            for target in targets.values { try target.close() }
        }
        for dealer in workspace.settings.dealers {
            let sellers = workspace.outbox(dealer: dealer).appendingPathComponent("sellers")
            for seller in try FileSystem.names(in: sellers.path) where cuts[dealer]?[seller] == nil {
                let reports = sellers.appendingPathComponent(seller).appendingPathComponent("reports")
                for name in fileNames { try FileSystem.remove(reports.appendingPathComponent(name).path) }
            }
        }
        cuts = [:]
    }
}
