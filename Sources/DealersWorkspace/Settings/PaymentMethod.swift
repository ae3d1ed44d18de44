import DealersModel

/// A way of paying, from the catalogue in `dealers.json` (`paymentMethods`).
public struct PaymentMethod: Sendable, Equatable, Codable {
    /// The stable code (`CARD`, `TRANSFER` …).
    public var code: String
    /// The name people read (Spanish).
    public var name: String
    /// Other spellings accepted in files (matched without case, accents or spacing).
    public var aliases: [String]

    /// Creates a method.
    public init(code: String, name: String, aliases: [String]) {
        self.code = code
        self.name = name
        self.aliases = aliases
    }

    /// The catalogue used when `dealers.json` gives none.
    public static let standard: [PaymentMethod] = [
        PaymentMethod(code: "CARD", name: "Tarjeta", aliases: ["tarjeta", "tarjeta de crédito", "tarjeta de débito", "tpv", "card", "credit card"]),
        PaymentMethod(code: "TRANSFER", name: "Transferencia", aliases: ["transferencia", "transferencia bancaria", "bizum", "transfer", "wire"]),
        PaymentMethod(code: "DIRECT_DEBIT", name: "Domiciliación", aliases: ["domiciliación", "domiciliacion", "recibo", "adeudo", "sepa", "direct debit"]),
        PaymentMethod(code: "CASH", name: "Efectivo", aliases: ["efectivo", "metálico", "contado", "cash"]),
        PaymentMethod(code: "CHEQUE", name: "Cheque", aliases: ["cheque", "talón", "check"]),
        PaymentMethod(code: "OTHER", name: "Otro", aliases: ["otro", "other"]),
    ]

    /// The method a text names (its code, name or an alias), if any.
    public static func find(_ text: String, in catalogue: [PaymentMethod]) -> PaymentMethod? {
        let key = TextNormalization.key(text)
        return catalogue.first { method in
            ([method.code, method.name] + method.aliases).contains { TextNormalization.key($0) == key }
        }
    }

    package static func catalogue(_ cursor: JSONCursor) throws -> [PaymentMethod] {
        var seen: Set<String> = []
        let methods = try cursor.array().map { item -> PaymentMethod in
            let m = try item.object(allowed: ["code", "name", "aliases"])
            guard let code = m["code"], let name = m["name"] else { throw item.fail("a payment method needs code and name") }
            let method = PaymentMethod(code: try code.string().uppercased(), name: try name.string(), aliases: try m["aliases"]?.strings() ?? [])
            let spellings = Set(([method.code, method.name] + method.aliases).map(TextNormalization.key))
            if let clash = spellings.first(where: seen.contains) {
                throw item.fail("\"\(clash)\" names two payment methods")
            }
            seen.formUnion(spellings)
            return method
        }
        guard !methods.isEmpty else { throw cursor.fail("the catalogue needs at least one method") }
        return methods
    }
}
