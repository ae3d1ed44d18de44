import Foundation

/// How the store turns values into documents and back: pretty-printed, sorted keys, no escaped
/// slashes, dates as ISO 8601 strings, a final line break — a file a person can read and diff.
public enum StoreJSON {
    /// Encodes `value` as a store document.
    /// - Throws: ``DealersError`` of kind `.internalError` when the value cannot be encoded.
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        do {
            var data = try encoder.encode(value)
            data.append(UInt8(ascii: "\n"))
            return data
        } catch {
            throw DealersError(.internalError, "cannot encode \(T.self) as JSON: \(error)")
        }
    }

    /// Decodes a store document; `path` names the file in the error.
    /// - Throws: ``DealersError`` of kind `.corruptStore` naming the file and the JSON location.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data, path: String) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            return try decoder.decode(type, from: data)
        } catch let error as DecodingError {
            throw DealersError(.corruptStore, path: path, "is not a valid \(T.self) document: \(describe(error))")
        } catch {
            throw DealersError(.corruptStore, path: path, "is not a valid \(T.self) document: \(error)")
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        func at(_ path: [CodingKey]) -> String {
            let text = path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return text.isEmpty ? "at the top level" : "at \(text.hasPrefix(".") ? String(text.dropFirst()) : text)"
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "missing \"\(key.stringValue)\" \(at(context.codingPath))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "\(context.debugDescription) \(at(context.codingPath))"
        case .dataCorrupted(let context):
            let underlying = context.underlyingError.map { " (\($0.localizedDescription))" } ?? ""
            return "\(context.debugDescription)\(underlying) \(at(context.codingPath))"
        @unknown default:
            return "\(error)"
        }
    }
}

/// `meta.json`: what kind of store this is and which layout version wrote it.
struct StoreMeta: Codable, Equatable {
    /// The layout version this code reads and writes.
    static let currentSchemaVersion = 1
    static let fileName = "meta.json"

    var schemaVersion: Int
    var createdAt: String?
    var createdBy: String?

    /// Reads `meta.json`, creating it in a fresh store; refuses a newer or unreadable one.
    /// - Parameter create: whether a missing `meta.json` may be created (only with the lock).
    static func load(in directory: URL, create: Bool) throws -> StoreMeta {
        let url = directory.appendingPathComponent(fileName)
        if let data = try StoreFiles.read(url) {
            let meta = try StoreJSON.decode(StoreMeta.self, from: data, path: url.path)
            guard meta.schemaVersion <= currentSchemaVersion else {
                throw DealersError(.corruptStore, path: url.path,
                                   "the store has schema version \(meta.schemaVersion), written by a newer dealers; "
                                   + "this version understands up to \(currentSchemaVersion) — use a newer dealers")
            }
            guard meta.schemaVersion >= 1 else {
                throw DealersError(.corruptStore, path: url.path, "invalid schema version \(meta.schemaVersion)")
            }
            return meta
        }
        guard create else {
            throw DealersError(.noInput, path: directory.path, "is not a dealers store (no \(fileName))")
        }
        let foreign = try StoreFiles.names(in: directory).filter { !["lock", "journal"].contains($0) && !$0.hasPrefix(".") }
        guard foreign.isEmpty else {
            throw DealersError(.corruptStore, path: directory.path,
                               "has no \(fileName) but is not empty (\(foreign.sorted().prefix(3).joined(separator: ", ")));"
                               + " refusing to turn it into a store — restore meta.json or choose an empty folder")
        }
        let meta = StoreMeta(schemaVersion: currentSchemaVersion,
                             createdAt: ISO8601DateFormatter().string(from: Date()),
                             createdBy: "dealers")
        try AtomicFile.write(try StoreJSON.encode(meta), to: url)
        return meta
    }
}
