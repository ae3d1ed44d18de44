import DealersCore
import Foundation

/// The API tokens file, `portal/tokens.json` in the workspace (`{"version": 1, "tokens": [...]}`):
/// read whole, checked as strict JSON, written atomically.
public struct TokenFile: Sendable {
    /// Where the file lives.
    public let url: URL

    private struct Contents: Codable {
        var version = TokenFile.version
        var tokens: [APIToken]
    }

    /// The version written.
    public static let version = 1

    /// The tokens file of a workspace.
    public init(workspace: Workspace) {
        url = workspace.portal.appendingPathComponent("tokens.json")
    }

    private var file: PortalJSONFile {
        PortalJSONFile(url: url, what: "portal tokens", expected: "{\"version\": \(Self.version), \"tokens\": [...]}")
    }

    /// The tokens, oldest first; none when the file does not exist yet.
    /// - Throws: ``DealersError`` `.config` when the file is not a valid tokens file.
    public func load() throws -> [APIToken] {
        guard let contents = try file.load(Contents.self) else { return [] }
        guard contents.version == Self.version else {
            throw DealersError(.config, path: url.path, "version \(contents.version) of the portal tokens file is not one this program reads (\(Self.version))")
        }
        return contents.tokens
    }

    /// Replaces the tokens, atomically.
    /// - Throws: ``DealersError`` `.io` / `.cannotCreate`.
    public func save(_ tokens: [APIToken]) throws {
        try file.save(Contents(tokens: tokens))
    }
}
