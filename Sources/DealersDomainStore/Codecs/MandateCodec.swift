import DealersDomain
import DealersModel

/// A user's ``Mandate`` as JSON bytes, inside ``UserCodec``: the bytes `JSONEncoder` writes with
/// sorted keys, optional fields left out when `nil`.
enum MandateCodec {
    private enum Key: String, CaseIterable {
        case accountHolder, address, bic, iban, reference, signedOn
    }

    private static let keys = JSONKeyTable<Key>()

    /// Appends `mandate` as a compact JSON object to `out`.
    static func encode(_ mandate: Mandate, into out: inout [UInt8]) {
        typealias W = JSONByteWriter
        W.raw("{", to: &out)
        var first = true
        func key(_ comma: StaticString, _ plain: StaticString) {
            W.raw(first ? plain : comma, to: &out)
            first = false
        }
        if let v = mandate.accountHolder { key(",\"accountHolder\":", "\"accountHolder\":"); W.string(v, to: &out) }
        if let v = mandate.address { key(",\"address\":", "\"address\":"); W.string(v, to: &out) }
        if let v = mandate.bic { key(",\"bic\":", "\"bic\":"); W.string(v, to: &out) }
        key(",\"iban\":", "\"iban\":")
        W.string(mandate.iban, to: &out)
        W.field(",\"reference\":", mandate.reference, to: &out)
        W.field(",\"signedOn\":", mandate.signedOn, to: &out)
        W.raw("}", to: &out)
    }

    /// Reads a mandate object.
    static func read(_ r: inout JSONByteReader) throws(JSONByteReader.Failure) -> Mandate {
        let start = r.offset
        var accountHolder: String?, address: String?, bic: String?, iban: String?, reference: String?, signedOn: CivilDate?
        try keys.readObject(&r) { key, r throws(JSONByteReader.Failure) in
            switch key {
            case .accountHolder: accountHolder = try r.readNullIfPresent() ? nil : try r.readString()
            case .address: address = try r.readNullIfPresent() ? nil : try r.readString()
            case .bic: bic = try r.readNullIfPresent() ? nil : try r.readString()
            case .iban: iban = try r.readString()
            case .reference: reference = try r.readString()
            case .signedOn: signedOn = try r.readDate()
            }
        }
        guard let iban, let reference, let signedOn else {
            throw JSONByteReader.Failure(expected: "every key of a Mandate", offset: start)
        }
        return Mandate(reference: reference, iban: iban, bic: bic, signedOn: signedOn, accountHolder: accountHolder,
                       address: address)
    }
}
