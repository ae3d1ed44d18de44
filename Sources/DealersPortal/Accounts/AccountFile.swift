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
        let document = StrictJSONCheck.withoutByteOrderMark(data)
        try StrictJSONCheck.check(document, file: url.path, errorKind: .config)
        let contents: Contents
        do {
            contents = try JSONDecoder().decode(Contents.self, from: document)
        } catch {
            throw DealersError(.config, path: url.path, "not a valid portal accounts file (expected {\"version\": \(Self.version), \"users\": [...]}): \(Self.describe(error))")
        }
        guard (1...Self.version).contains(contents.version) else {
            throw DealersError(.config, path: url.path, "version \(contents.version) of the portal accounts file is newer than this program reads (1…\(Self.version))")
        }
        return contents.users
    }

    /// A decoding error in words, with the path of the value (`users[2].role`).
    private static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        let context: DecodingError.Context
        switch error {
        case .dataCorrupted(let c), .keyNotFound(_, let c), .typeMismatch(_, let c), .valueNotFound(_, let c): context = c
        @unknown default: return "\(error)"
        }
        var path = ""
        for key in context.codingPath {
            if let index = key.intValue { path += "[\(index)]" } else { path += (path.isEmpty ? "" : ".") + key.stringValue }
        }
        if case .keyNotFound(let key, _) = error { return "\(path.isEmpty ? "" : path + ": ")missing \"\(key.stringValue)\"" }
        return "\(path.isEmpty ? "" : path + ": ")\(context.debugDescription)"
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
