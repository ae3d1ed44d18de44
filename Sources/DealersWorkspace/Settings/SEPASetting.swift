import DealersFormats
import DealersModel
import DealersSEPA

/// The direct-debit settings (`"sepa"` in `dealers.json`, docs/sepa.md): who collects for each
/// dealer and for the operator, how many days ahead, and in which format. Every creditor's
/// identifier (ISO 7064 mod 97-10), IBAN (mod 97) and BIC are checked when the settings load, so a
/// bad one stops `collect` (and every other command) at start, exit 78, naming the key.
public struct SEPASetting: Sendable, Equatable {
    /// The creditor of each dealer's collectives, by dealer code.
    public var creditors: [String: Creditor]
    /// The creditor of the operator's own collectives (no dealer).
    public var operatorCreditor: Creditor?
    /// A contract is collected when its period ends within this many calendar days.
    public var leadDays: Int
    /// The message format; only `pain.008.001.02` is written.
    public var format: String

    /// No creditor: nothing is collected.
    public static let none = SEPASetting(creditors: [:], operatorCreditor: nil, leadDays: 5, format: "pain.008.001.02")

    /// The creditor that collects a collective of `dealer` (`nil`: the operator's).
    public func creditor(for dealer: String?) -> Creditor? {
        dealer.map { creditors[$0] } ?? operatorCreditor
    }

    package static func parse(_ cursor: JSONCursor, dealers: [String]) throws -> SEPASetting {
        let object = try cursor.object(allowed: ["creditors", "operatorCreditor", "leadDays", "format"])
        var s = SEPASetting.none
        if let c = object["creditors"] {
            for (dealer, value) in try c.object() {
                guard dealers.contains(dealer) else { throw value.fail("\"\(dealer)\" is not a dealer of \"dealers\"") }
                s.creditors[dealer] = try creditor(value)
            }
        }
        if let c = object["operatorCreditor"] { s.operatorCreditor = try creditor(c) }
        if let l = object["leadDays"] {
            let days = try l.int()
            guard (1...60).contains(days) else { throw l.fail("expected a number of days between 1 and 60") }
            s.leadDays = days
        }
        if let f = object["format"] {
            let format = try f.string()
            guard format == s.format else { throw f.fail("expected \"pain.008.001.02\", found \"\(format)\"") }
        }
        return s
    }

    private static func creditor(_ cursor: JSONCursor) throws -> Creditor {
        let c = try cursor.object(allowed: ["name", "creditorId", "iban", "bic", "address"])
        func required(_ key: String) throws -> JSONCursor {
            guard let v = c[key] else { throw cursor.fail("a creditor needs \"\(key)\"") }
            return v
        }
        let nameCursor = try required("name")
        let name = try nameCursor.string()
        guard !name.isEmpty, name.count <= 70 else { throw nameCursor.fail("expected a name of 1 to 70 characters") }
        let idCursor = try required("creditorId")
        let identifier: String
        switch SEPA.checkCreditorIdentifier(try idCursor.string()) {
        case .success(let v): identifier = v
        case .failure(let f): throw idCursor.fail(f.english)
        }
        let ibanCursor = try required("iban")
        let iban: String
        switch DomainFormat.iban.check(try ibanCursor.string()) {
        case .success(let v): iban = v
        case .failure(let f): throw ibanCursor.fail(f.english)
        }
        guard SEPA.isSEPACountry(SEPA.country(ofIBAN: iban)) else { throw ibanCursor.fail("\(iban.prefix(2)) is not a SEPA country") }
        var bic: String?
        if let b = c["bic"] {
            switch DomainFormat.bic.check(try b.string()) {
            case .success(let v): bic = v
            case .failure(let f): throw b.fail(f.english)
            }
            if let bic, !SEPA.bicMatches(iban: iban, bic: bic) { throw b.fail("the BIC \(bic) is not of the IBAN's country") }
        }
        return Creditor(name: name, identifier: identifier, iban: iban, bic: bic, address: try c["address"]?.string())
    }
}
