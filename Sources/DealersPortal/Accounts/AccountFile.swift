import DealersCore
import DealersSupport
import Foundation

/// The accounts file, `portal/users.json` in the workspace: read whole, written atomically.
public struct AccountFile: Sendable {
    /// Where the file lives.
    public let url: URL

    private struct Contents: Codable {
        var version = 1
        var users: [PortalAccount]
    }

    /// The accounts file of a workspace.
    public init(workspace: Workspace) {
        url = workspace.root.appendingPathComponent("portal").appendingPathComponent("users.json")
    }

    /// An accounts file at an explicit place.
    public init(url: URL) {
        self.url = url
    }

    /// The accounts, sorted by name; none when the file does not exist yet.
    /// - Throws: ``DealersError`` `.config` when the file is not a valid accounts file.
    public func load() throws -> [PortalAccount] {
        let read: Data?
        do { read = try FileSystem.readIfPresent(url.path) } catch let error as DealersError {
            throw DealersError(.io, path: url.path, "cannot read the portal accounts: \(error.message)")
        }
        guard let data = read else { return [] }
        do {
            return try JSONDecoder().decode(Contents.self, from: data).users
        } catch {
            throw DealersError(.config, path: url.path, "not a valid portal accounts file (expected {\"version\": 1, \"users\": [...]}): \(error)")
        }
    }

    /// Replaces the accounts (atomically: readers see the old file or the new one).
    /// - Throws: ``DealersError`` `.io` / `.cannotCreate`.
    public func save(_ accounts: [PortalAccount]) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let sorted = accounts.sorted { $0.name.lowercased() < $1.name.lowercased() }
        var data = try encoder.encode(Contents(users: sorted))
        data.append(0x0A)
        try AtomicFile.write(data, to: url)
    }
}
