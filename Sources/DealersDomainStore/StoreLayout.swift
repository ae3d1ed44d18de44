import DealersDomain
import DealersStore

/// Where each kind of document lives in the store (see `docs/store.md`). Users, members and
/// contract numbers are spread over 256 buckets so that no folder grows past a few thousand
/// entries at a million users.
public enum StoreLayout {
    /// `collectives/<CODE>.json`.
    public static func collective(_ code: String) throws -> StoreKey {
        try StoreKey("collectives/\(safe(code)).json")
    }

    /// `users/<bucket>/<DOCUMENT>.json`.
    public static func user(_ document: String) throws -> StoreKey {
        try StoreKey(path("users/", bucket(document), "/", safe(document), ".json"))
    }

    /// The parts joined in one string, copied once into a buffer of the right size (string
    /// interpolation grows its buffer as it goes, and a user's key is made for every row).
    private static func path(_ parts: String...) -> String {
        String(unsafeUninitializedCapacity: parts.reduce(0) { $0 + $1.utf8.count }) { buffer in
            var end = 0
            for part in parts { end = buffer[end...].initialize(fromContentsOf: part.utf8) }
            return end
        }
    }

    /// `members/<CODE>/<bucket>/<DOCUMENT>.json`: one small file per member of a collective.
    public static func member(_ collective: String, _ document: String) throws -> StoreKey {
        try StoreKey(path("members/", safe(collective), "/", bucket(document), "/", safe(document), ".json"))
    }

    /// The document a `members/…` or `users/…` key files: its last component without `.json`
    /// (the document itself unless ``safe(_:)`` replaced characters).
    public static func document(in key: StoreKey) -> String {
        String(key.name.dropLast(".json".count))
    }

    /// The folder of a collective's members.
    public static func membersFolder(_ collective: String) -> String { "members/\(safe(collective))" }

    /// `contracts/<bucket>/<NUMBER>.json`: which user holds a contract number.
    public static func contract(_ number: String) throws -> StoreKey {
        try StoreKey(path("contracts/", bucket(number), "/", safe(number), ".json"))
    }

    /// `inputs/<cc>/<sha256>.json`: every input ever applied, by content checksum (the
    /// operator's, and dealers' from before records were kept per dealer).
    public static func input(_ checksum: String) throws -> StoreKey {
        try StoreKey("inputs/\(checksum.prefix(2))/\(safe(checksum)).json")
    }

    /// `inputs/<cc>/<sha256>-<DEALER>.json`: an input a dealer applied. Kept per dealer so that
    /// the same content sent by another dealer is never a DUPLICATE of it (docs/reliability.md).
    public static func input(_ checksum: String, dealer: String?) throws -> StoreKey {
        guard let dealer else { return try input(checksum) }
        return try StoreKey("inputs/\(checksum.prefix(2))/\(safe(checksum))-\(safe(dealer)).json")
    }

    /// `payments/<bucket>/<ID>.json`: one payment-ledger entry (payment or reversal). An id with
    /// characters a key cannot hold gets a hash suffix so that two ids never share a file.
    public static func payment(_ id: String) throws -> StoreKey {
        try StoreKey("payments/\(bucket(id))/\(name(id)).json")
    }

    /// A key's last component for an identifier: itself, or, when it has characters a key cannot
    /// hold, its ``safe(_:)`` form and a hash, so that two identifiers never share a file.
    package static func name(_ id: String) -> String {
        safe(id) == id ? id : "\(safe(id))-h\(bucket(id))\(bucket(String(id.reversed())))"
    }

    /// `reconciliation/<cc>/<checksum>.json`: what one input file did not apply (the
    /// operator's, and dealers' from before entries were kept per dealer).
    public static func reconciliation(_ checksum: String) throws -> StoreKey {
        try StoreKey("reconciliation/\(checksum.prefix(2))/\(safe(checksum)).json")
    }

    /// `reconciliation/<cc>/<checksum>-<DEALER>.json`: what one dealer's input did not apply.
    public static func reconciliation(_ checksum: String, dealer: String?) throws -> StoreKey {
        guard let dealer else { return try reconciliation(checksum) }
        return try StoreKey("reconciliation/\(checksum.prefix(2))/\(safe(checksum))-\(safe(dealer)).json")
    }

    /// `conflicts/<cc>/<checksum>-<DEALER>.json`: what one dealer's input referred to of other
    /// dealers (the operator's conflicts report).
    public static func conflicts(_ checksum: String, dealer: String) throws -> StoreKey {
        try StoreKey("conflicts/\(checksum.prefix(2))/\(safe(checksum))-\(safe(dealer)).json")
    }

    /// `sequence.json`: counters (next contract number).
    public static let sequence = "sequence.json"

    private static let hexPairs: [String] = (0..<256).map { String(format: "%02x", $0) }

    /// Two hex digits of a stable FNV-1a hash.
    public static func bucket(_ text: String) -> String {
        var hash: UInt32 = 2_166_136_261
        for byte in text.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        return hexPairs[Int(hash & 0xFF)]
    }

    /// A key component made only of `[A-Za-z0-9._-]` (others become `_`), never `.` or `..`.
    package static func safe(_ text: String) -> String {
        // The usual case, ASCII letters and digits only, is the text itself; anything else maps
        // each character (not byte) that is not one of those to `_`.
        let clean = text.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."): return true
            default: return false
            }
        }
        let mapped = clean ? text : String(text.map { c in
            c.isASCII && (c.isLetter || c.isNumber || c == "-" || c == "_" || c == ".") ? c : "_"
        })
        return mapped.isEmpty || mapped.utf8.allSatisfy({ $0 == UInt8(ascii: ".") }) ? "_" + mapped : mapped
    }
}

extension DocumentReading {
    /// The user with a normalised document, decoded with ``UserCodec``, or `nil`.
    public func readUser(_ document: String) throws -> User? {
        let key = try StoreLayout.user(document)
        return try read(key).map { try UserCodec.decode($0, path: location(of: key)) }
    }
}
