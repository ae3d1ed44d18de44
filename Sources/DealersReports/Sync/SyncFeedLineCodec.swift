import DealersModel

/// A sync feed line as JSON bytes, without `JSONEncoder`: exactly the bytes `JSONEncoder` writes
/// for a ``SyncFeedLine`` with `outputFormatting = [.sortedKeys, .withoutEscapingSlashes]` (keys
/// sorted, optional fields left out when `nil`), through ``JSONByteWriter``. A differential test
/// holds the two to the same bytes.
package enum SyncFeedLineCodec {
    /// Appends `line` as one compact JSON object (no line break) to `out`.
    package static func encode(_ line: SyncFeedLine, into out: inout [UInt8]) {
        typealias W = JSONByteWriter
        W.raw("{\"asOf\":", to: &out)
        W.date(line.asOf, to: &out)
        W.raw(",\"feed\":", to: &out)
        W.int(line.feed, to: &out)
        W.field(",\"kind\":", line.kind.rawValue, to: &out)
        W.raw(",\"sequence\":", to: &out)
        W.int(line.sequence, to: &out)
        W.field(",\"source\":", line.source, to: &out)
        W.raw(",\"user\":", to: &out)
        encode(line.user, into: &out)
        W.raw("}", to: &out)
    }

    /// Appends a ``SyncUser`` as a JSON object.
    package static func encode(_ user: SyncUser, into out: inout [UInt8]) {
        typealias W = JSONByteWriter
        W.field("{\"collective\":", user.collective, to: &out)
        if let contract = user.contract {
            W.field(",\"contract\":{\"end\":", contract.end, to: &out)
            W.field(",\"number\":", contract.number, to: &out)
            W.field(",\"start\":", contract.start, to: &out)
            W.field(",\"status\":", contract.status.rawValue, to: &out)
            W.raw("}", to: &out)
        }
        W.field(",\"dealer\":", user.dealer, to: &out)
        W.field(",\"document\":", user.document, to: &out)
        W.field(",\"documentType\":", user.documentType, to: &out)
        W.field(",\"email\":", user.email, to: &out)
        W.field(",\"firstName\":", user.firstName, to: &out)
        W.field(",\"holder\":", user.holder, to: &out)
        W.field(",\"lastName\":", user.lastName, to: &out)
        W.field(",\"phone\":", user.phone, to: &out)
        W.field(",\"relationship\":", user.relationship.rawValue, to: &out)
        W.field(",\"seller\":", user.seller, to: &out)
        W.raw("}", to: &out)
    }
}
