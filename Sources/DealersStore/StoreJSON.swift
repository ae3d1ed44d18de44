import Foundation

/// How the store turns values into documents and back: compact (one line in a segment), sorted
/// keys, no escaped slashes, dates as ISO 8601 strings. ``encodePretty(_:)`` gives the same with
/// indentation and a final line break, for the store's own small files and for people.
public enum StoreJSON {
    /// Encodes `value` as a store document: compact JSON with sorted keys.
    /// - Throws: ``DealersError`` of kind `.internalError` when the value cannot be encoded.
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        try encode(value, formatting: [.sortedKeys, .withoutEscapingSlashes])
    }

    /// Encodes `value` pretty-printed with sorted keys and a final line break.
    public static func encodePretty<T: Encodable>(_ value: T) throws -> Data {
        var data = try encode(value, formatting: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        data.append(UInt8(ascii: "\n"))
        return data
    }

    private static func encode<T: Encodable>(_ value: T, formatting: JSONEncoder.OutputFormatting) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = formatting
        encoder.dateEncodingStrategy = .iso8601
        do {
            return try encoder.encode(value)
        } catch {
            throw DealersError(.internalError, "cannot encode \(T.self) as JSON: \(error)")
        }
    }

    /// A document (compact or not) laid out for people: indented, one member per line.
    public static func indented(_ data: Data) -> Data {
        Data(data.withUnsafeBytes { JSONCompaction.indent($0) })
    }

    /// Decodes a document handed out by ``DocumentStore/forEachDocument(under:_:)``.
    public static func decode<T: Decodable>(_ type: T.Type, from bytes: UnsafeRawBufferPointer, path: String) throws -> T {
        try decode(type, from: Data(bytes), path: path)
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
    /// The layout version this code reads and writes: 1 was one file per document, 2 is segments.
    static let currentSchemaVersion = 2
    static let fileName = "meta.json"

    var schemaVersion: Int
    var createdAt: String?
    var createdBy: String?
    /// The layout this store was upgraded from, while leftovers of it may remain.
    var migratedFrom: Int?

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
        let foreign = try StoreFiles.names(in: directory).filter { !["lock", "journal", "segments", Manifest.fileName].contains($0) && !$0.hasPrefix(".") }
        guard foreign.isEmpty else {
            throw DealersError(.corruptStore, path: directory.path,
                               "has no \(fileName) but is not empty (\(foreign.sorted().prefix(3).joined(separator: ", ")));"
                               + " refusing to turn it into a store — restore meta.json or choose an empty folder")
        }
        // A new store: the empty manifest first, so that a store with meta.json always has one.
        try Manifest.empty.save(in: directory)
        let meta = StoreMeta(schemaVersion: currentSchemaVersion,
                             createdAt: ISO8601DateFormatter().string(from: Date()),
                             createdBy: "dealers")
        try meta.save(in: directory)
        return meta
    }

    /// Replaces `meta.json` atomically and durably.
    func save(in directory: URL) throws {
        try AtomicFile.write(try StoreJSON.encodePretty(self), to: directory.appendingPathComponent(Self.fileName))
    }
}
