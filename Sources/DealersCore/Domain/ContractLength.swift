/// A length of time a contract runs or is extended by, in whole months (`1M`, `1A`, `12M`).
public struct ContractLength: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Whole months (a year is 12).
    public let months: Int

    /// One month.
    public static let month = ContractLength(months: 1)
    /// One year.
    public static let year = ContractLength(months: 12)

    /// Creates a length of whole months (at least one).
    public init(months: Int) {
        self.months = max(1, months)
    }

    /// Parses what people write: `1M`, `1 mes`, `MENSUAL`, `monthly`, `1A`, `1 año`, `ANUAL`,
    /// `1Y`, `yearly`, `12M`, `6 meses`. `nil` when it is none of these.
    public init?(parsing text: String) {
        let key = TextNormalization.key(text)
        if let months = Self.words[key] { self.init(months: months); return }
        let digits = key.prefix { $0.isNumber }
        guard let count = Int(digits), count > 0, count <= 120 else { return nil }
        let unit = String(key.dropFirst(digits.count))
        guard let factor = Self.units[unit] else { return nil }
        self.init(months: count * factor)
    }

    /// Lengths written as a word, in months.
    private static let words: [String: Int] = [
        "mensual": 1, "mes": 1, "monthly": 1, "month": 1, "m": 1,
        "anual": 12, "ano": 12, "anio": 12, "yearly": 12, "annual": 12, "year": 12, "a": 12, "y": 12,
    ]

    /// Units after a count (`6M`, `2 años`), in months.
    private static let units: [String: Int] = ["m": 1, "mes": 1, "meses": 1, "month": 1, "months": 1,
                                               "a": 12, "ano": 12, "anos": 12, "y": 12, "year": 12, "years": 12]

    /// Whether this is exactly one month or one year (what an EXTENSIÓN or a payment may grant).
    public var isMonthOrYear: Bool { months == 1 || months == 12 }

    /// `1M`, `1A`, `6M`, `2A`.
    public var description: String { months % 12 == 0 ? "\(months / 12)A" : "\(months)M" }

    /// Adds this length to a date with calendar arithmetic.
    public func added(to date: CivilDate) -> CivilDate { date.adding(months: months) }

    /// Subtracts this length from a date with calendar arithmetic.
    public func subtracted(from date: CivilDate) -> CivilDate { date.adding(months: -months) }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let length = ContractLength(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "expected a length like 1M or 1A, found \(text)"))
        }
        self = length
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
