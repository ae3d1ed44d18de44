import DealersCore
import DealersSupport
import Foundation

/// A small versioned JSON file of the portal's (`portal/users.json`, `portal/tokens.json`): read
/// whole and checked as strict JSON, written atomically (`AtomicFile`: readers see the old file
/// or the new one).
struct PortalJSONFile: Sendable {
    /// Where the file lives.
    let url: URL
    /// What it holds, for messages ("portal accounts").
    let what: String
    /// The shape a reader expects, for messages (`{"version": 2, "users": [...]}`).
    let expected: String

    /// The decoded file; `nil` when it does not exist yet.
    /// - Throws: ``DealersError`` `.io` when it cannot be read, `.config` when it is not strict
    ///   JSON (with line and column) or not of the expected shape (with the JSON path).
    func load<Contents: Decodable>(_ type: Contents.Type) throws -> Contents? {
        let read: Data?
        do { read = try FileSystem.readIfPresent(url.path) } catch let error as DealersError {
            throw DealersError(.io, path: url.path, "cannot read the \(what): \(error.message)")
        }
        guard let data = read else { return nil }
        let document = StrictJSONCheck.withoutByteOrderMark(data)
        try StrictJSONCheck.check(document, file: url.path, errorKind: .config)
        do {
            return try JSONDecoder().decode(Contents.self, from: document)
        } catch {
            throw DealersError(.config, path: url.path, "not a valid \(what) file (expected \(expected)): \(Self.describe(error))")
        }
    }

    /// Replaces the file (pretty-printed, sorted keys, a final line break), atomically.
    /// - Throws: ``DealersError`` `.io` / `.cannotCreate`.
    func save<Contents: Encodable>(_ contents: Contents) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        var data = try encoder.encode(contents)
        data.append(0x0A)
        try AtomicFile.write(data, to: url)
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
}
