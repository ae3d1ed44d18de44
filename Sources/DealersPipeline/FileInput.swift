import Foundation
import DealersModel
import DealersSupport
import DealersWorkspace

/// The input file of one run, as it was when the run began: where it is and whose, its content
/// checksum and its identity (device, inode, size, modification time).
package struct FileInput {
    package let file: URL
    package let name: String
    package let dealer: String?
    package let checksum: String
    package let identity: FileIdentity
    package let started: Date
    /// The dealer's (or the operator's) outbox.
    package let outbox: URL
    private let workspace: Workspace

    /// - Parameters:
    ///   - started: when its processing began (the run's clock).
    ///   - fingerprint: the file's identity and checksum when the caller has them already (a
    ///     worker claimed the file by its checksum); made here otherwise.
    package init(_ file: URL, dealer: String?, workspace: Workspace, started: Date, fingerprint: InputFingerprint? = nil) throws {
        self.started = started
        self.file = file
        name = file.lastPathComponent
        self.dealer = dealer
        self.workspace = workspace
        outbox = workspace.outbox(dealer: dealer)
        let fingerprint = try fingerprint ?? InputFingerprint(file)
        identity = fingerprint.identity
        checksum = fingerprint.checksum
    }

    /// A seller's cut of this file's dealer's outbox (`outbox/<DEALER>/sellers/<CODE>/`).
    package func workspaceOutbox(dealer: String, seller: String) -> URL {
        workspace.outbox(dealer: dealer, seller: seller)
    }

    /// A place in the archive, and that path relative to the workspace.
    package typealias ArchiveTarget = (url: URL, relative: String)

    /// Throws when the file was removed or changed while it was read: nothing of it is applied.
    package func checkUnchanged() throws {
        guard try FileSystem.exists(file.path, followingLinks: true) else {
            throw DealersError(.data, path: file.path, "the file was removed while it was being read; nothing was applied")
        }
        guard try FileIdentity(file) == identity else {
            throw DealersError(.data, path: file.path,
                               "the file changed while it was being read; nothing was applied and it stays in the inbox for the next run")
        }
    }

    /// Where the file goes in the archive of `asOf` (a name no earlier input has there), and
    /// that path relative to the workspace.
    package func archiveTarget(asOf: CivilDate) throws -> ArchiveTarget {
        let url = try InputArchive.target(for: file, in: workspace.archive(dealer: dealer, date: asOf))
        return (url, url.path.replacingOccurrences(of: workspace.root.path + "/", with: ""))
    }

    /// The target an interrupted run of this very file chose and recorded (relative to the
    /// workspace), so that its answers are completed under the same names; a new one when none
    /// was recorded (a record of an earlier release) or when something else now has that name.
    package func archiveTarget(recorded: String?, asOf: CivilDate) throws -> ArchiveTarget {
        guard let recorded, !recorded.hasPrefix("/"), !recorded.split(separator: "/").contains("..") else {
            return try archiveTarget(asOf: asOf)
        }
        let url = workspace.root.appendingPathComponent(recorded)
        guard try FileSystem.entry(at: url.path, followingLinks: false) == .absent else { return try archiveTarget(asOf: asOf) }
        try AtomicFile.createDirectory(url.deletingLastPathComponent())
        return (url, recorded)
    }
}
