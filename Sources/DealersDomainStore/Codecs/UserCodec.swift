import Foundation
import DealersDomain
import DealersModel

/// A user document as JSON bytes, without `JSONEncoder` and `JSONDecoder` on the way.
///
/// ``encode(_:into:)`` writes exactly the bytes `JSONEncoder` writes with
/// `outputFormatting = [.sortedKeys, .withoutEscapingSlashes]` and `.iso8601` dates: one line,
/// keys sorted, optional fields left out when `nil`. ``decode(_:path:)`` reads any document
/// `JSONDecoder` reads into an equal ``User``: compact or pretty-printed, keys in any order,
/// unknown keys ignored. A document the fast reader does not follow (duplicate keys, numbers
/// with fractions, a byte order mark, invalid JSON …) is handed to `JSONDecoder`, so the result,
/// value or error, is always Codable's.
public enum UserCodec {
    private enum UserKey: String, CaseIterable {
        case birthDate, collective, contracts, createdOn, dependants, document, documentType, email, firstName
        case history, holder, lastName, mandate, phone, relationship, seller, updatedOn
    }

    private static let userKeys = JSONKeyTable<UserKey>()

    /// Appends `user` as a compact JSON document (no trailing line break) to `out`.
    public static func encode(_ user: User, into out: inout [UInt8]) {
        typealias W = JSONByteWriter
        W.raw("{", to: &out)
        W.field("\"birthDate\":", user.birthDate, to: &out)
        if user.birthDate != nil { W.raw(",", to: &out) }
        W.field("\"collective\":", user.collective, to: &out)
        W.raw(",\"contracts\":[", to: &out)
        for (i, contract) in user.contracts.enumerated() {
            if i > 0 { W.raw(",", to: &out) }
            ContractCodec.encode(contract, into: &out)
        }
        W.field("],\"createdOn\":", user.createdOn, to: &out)
        W.raw(",\"dependants\":[", to: &out)
        for (i, dependant) in user.dependants.enumerated() {
            if i > 0 { W.raw(",", to: &out) }
            W.string(dependant, to: &out)
        }
        W.field("],\"document\":", user.document, to: &out)
        W.field(",\"documentType\":", user.documentType, to: &out)
        W.field(",\"email\":", user.email, to: &out)
        W.field(",\"firstName\":", user.firstName, to: &out)
        W.raw(",\"history\":[", to: &out)
        for (i, event) in user.history.enumerated() {
            if i > 0 { W.raw(",", to: &out) }
            ContractCodec.encode(event, into: &out)
        }
        W.raw("]", to: &out)
        W.field(",\"holder\":", user.holder, to: &out)
        W.field(",\"lastName\":", user.lastName, to: &out)
        if let mandate = user.mandate {
            W.raw(",\"mandate\":", to: &out)
            MandateCodec.encode(mandate, into: &out)
        }
        W.field(",\"phone\":", user.phone, to: &out)
        W.field(",\"relationship\":", user.relationship.rawValue, to: &out)
        W.field(",\"seller\":", user.seller, to: &out)
        W.field(",\"updatedOn\":", user.updatedOn, to: &out)
        W.raw("}", to: &out)
    }

    /// Reads a user document.
    /// - Parameters:
    ///   - bytes: one JSON document (compact or pretty-printed, UTF-8).
    ///   - path: the file the document came from, named in errors; worked out only when the
    ///     fast reader gives up (a full scan does not build a path per document).
    /// - Throws: ``DealersError`` of kind `.corruptStore` naming the JSON location, exactly when
    ///   `JSONDecoder` refuses the document.
    public static func decode(_ bytes: UnsafeRawBufferPointer, path: @autoclosure () -> String? = nil) throws -> User {
        do {
            return try decodeFast(bytes)
        } catch {
            return try StoreJSONFallback.decode(User.self, from: bytes, path: path())
        }
    }

    /// The fast reader alone, without the `JSONDecoder` fallback.
    package static func decodeFast(_ bytes: UnsafeRawBufferPointer) throws(JSONByteReader.Failure) -> User {
        var reader = JSONByteReader(bytes)
        let user = try readUser(&reader)
        try reader.finish()
        return user
    }

    /// Reads a user document from contiguous bytes (`Data`, `[UInt8]` …); see ``decode(_:path:)``.
    public static func decode(_ bytes: some ContiguousBytes, path: @autoclosure () -> String? = nil) throws -> User {
        try bytes.withUnsafeBytes { try decode($0, path: path()) }
    }


    private static func readUser(_ r: inout JSONByteReader) throws(JSONByteReader.Failure) -> User {
        var birthDate: CivilDate?, collective: String?, contracts: [Contract]?, createdOn: CivilDate?
        var dependants: [String]?, document: String?, documentType: String?, email: String?, firstName: String?
        var history: [ContractEvent]?, holder: String?, lastName: String?, phone: String?
        var relationship: Relationship?, seller: String?, updatedOn: CivilDate?, mandate: Mandate?
        try userKeys.readObject(&r) { key, r throws(JSONByteReader.Failure) in
            switch key {
            case .birthDate: birthDate = try r.readNullIfPresent() ? nil : try r.readDate()
            case .collective: collective = try r.readString()
            case .contracts: contracts = try r.readArray(ContractCodec.readContract)
            case .createdOn: createdOn = try r.readDate()
            case .dependants: dependants = try r.readArray { (r: inout JSONByteReader) throws(JSONByteReader.Failure) in try r.readString() }
            case .document: document = try r.readString()
            case .documentType: documentType = try r.readNullIfPresent() ? nil : try r.readString()
            case .email: email = try r.readNullIfPresent() ? nil : try r.readString()
            case .firstName: firstName = try r.readString()
            case .history: history = try r.readArray(ContractCodec.readEvent)
            case .holder: holder = try r.readNullIfPresent() ? nil : try r.readString()
            case .lastName: lastName = try r.readString()
            case .mandate: mandate = try r.readNullIfPresent() ? nil : try MandateCodec.read(&r)
            case .phone: phone = try r.readNullIfPresent() ? nil : try r.readString()
            case .relationship: relationship = try r.readEnum(Relationship.self)
            case .seller: seller = try r.readNullIfPresent() ? nil : try r.readString()
            case .updatedOn: updatedOn = try r.readDate()
            }
        }
        guard let collective, let contracts, let createdOn, let dependants, let document, let firstName,
              let history, let lastName, let relationship, let updatedOn else {
            throw JSONByteReader.Failure(expected: "every key of a User", offset: 0)
        }
        return User(document: document, documentType: documentType, firstName: firstName, lastName: lastName,
                    email: email, phone: phone, birthDate: birthDate, relationship: relationship, holder: holder,
                    dependants: dependants, collective: collective, seller: seller, contracts: contracts, history: history,
                    createdOn: createdOn, updatedOn: updatedOn, mandate: mandate)
    }
}
