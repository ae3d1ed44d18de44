import Foundation
import DealersModel

/// The store's small index documents as JSON bytes: a contract's entry (`{"document":…,"number":…}`)
/// and a collective member's entry (`{"document":…}`), written exactly as `JSONEncoder` writes
/// them (sorted keys, compact) and read as `JSONDecoder` reads them, falling back to it for
/// anything unusual, like ``UserCodec``.
package enum IndexEntryCodec {
    private enum EntryKey: String, CaseIterable {
        case document, number
    }

    private static let entryKeys = JSONKeyTable<EntryKey>()

    /// Appends a contract index entry.
    package static func encode(_ entry: StoreDomainState.ContractIndexEntry, into out: inout [UInt8]) {
        JSONByteWriter.field("{\"document\":", entry.document, to: &out)
        JSONByteWriter.field(",\"number\":", entry.number, to: &out)
        JSONByteWriter.raw("}", to: &out)
    }

    /// Appends a member entry.
    package static func encode(_ entry: StoreDomainState.MemberEntry, into out: inout [UInt8]) {
        JSONByteWriter.field("{\"document\":", entry.document, to: &out)
        JSONByteWriter.raw("}", to: &out)
    }

    /// Reads a contract index entry.
    /// - Throws: ``DealersError`` of kind `.corruptStore`, exactly when `JSONDecoder` refuses it.
    package static func decodeContractEntry(_ bytes: UnsafeRawBufferPointer, path: String? = nil) throws -> StoreDomainState.ContractIndexEntry {
        if let (document, number) = try? readEntry(bytes), let number {
            return StoreDomainState.ContractIndexEntry(number: number, document: document)
        }
        return try StoreJSONFallback.decode(StoreDomainState.ContractIndexEntry.self, from: bytes, path: path)
    }

    /// Reads a member entry (a `number` key, if any, is ignored as Codable ignores it).
    /// - Throws: ``DealersError`` of kind `.corruptStore`, exactly when `JSONDecoder` refuses it.
    package static func decodeMemberEntry(_ bytes: UnsafeRawBufferPointer, path: String? = nil) throws -> StoreDomainState.MemberEntry {
        if let (document, _) = try? readEntry(bytes) {
            return StoreDomainState.MemberEntry(document: document)
        }
        return try StoreJSONFallback.decode(StoreDomainState.MemberEntry.self, from: bytes, path: path)
    }

    /// The `document` (required) and `number` (when present) of an entry.
    private static func readEntry(_ bytes: UnsafeRawBufferPointer) throws(JSONByteReader.Failure) -> (String, String?) {
        var r = JSONByteReader(bytes)
        var document: String?, number: String?
        try entryKeys.readObject(&r) { key, r throws(JSONByteReader.Failure) in
            switch key {
            case .document: document = try r.readString()
            case .number: number = try r.readString()
            }
        }
        try r.finish()
        guard let document else { throw JSONByteReader.Failure(expected: "a document key", offset: 0) }
        return (document, number)
    }
}
