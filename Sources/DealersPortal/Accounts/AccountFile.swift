import DealersCore
import DealersSupport
import Foundation

/// The accounts file, `portal/users.json` in the workspace: read whole, written atomically.
///
/// Version 2 (written now) gives each account a ``Role``, an e-mail, a seller code and a disabled
/// flag; version 1 files (`dealer` and `operator` accounts) are still read, as admin and master.
public struct AccountFile: Sendable {
    /// Where the file lives.
    public let url: URL

    private struct Contents: Codable {
        var version = AccountFile.version
        var users: [PortalAccount]
    }

    /// The version written.
    public static let version = 2

    /// The accounts file of a workspace.
    public init(workspace: Workspace) {
        url = workspace.portalAccounts
    }

    /// An accounts file at an explicit place.
    public init(url: URL) {
        self.url = url
    }

    private var file: PortalJSONFile {
        PortalJSONFile(url: url, what: "portal accounts", expected: "{\"version\": \(Self.version), \"users\": [...]}")
    }

    /// The accounts, sorted by name; none when the file does not exist yet.
    /// - Throws: ``DealersError`` `.config` when the file is not a valid accounts file.
    public func load() throws -> [PortalAccount] {
        guard let contents = try file.load(Contents.self) else { return [] }
        guard (1...Self.version).contains(contents.version) else {
            throw DealersError(.config, path: url.path, "version \(contents.version) of the portal accounts file is newer than this program reads (1…\(Self.version))")
        }
        return contents.users
    }

    /// Replaces the accounts (atomically: readers see the old file or the new one).
    /// - Throws: ``DealersError`` `.io` / `.cannotCreate`.
    public func save(_ accounts: [PortalAccount]) throws {
        try file.save(Contents(users: accounts.sorted { $0.name.lowercased() < $1.name.lowercased() }))
    }
}
