/// A length of time a contract runs or is extended by, in whole months (`1M`, `1A`, `12M`,
/// `12 meses`, `trimestral` …: see ``DurationVocabulary``).
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

    /// Parses what people write, in the one vocabulary of ``DurationVocabulary``: `1M`, `12M`,
    /// `1A`, `1 mes`, `12 meses`, `1 año`, `2 años`, `mensual`, `trimestral`, `semestral`,
    /// `anual`, `1 month`, `1 year`, `monthly`, `quarterly`, `half-yearly`, `yearly` …
    /// `nil` when it is none of these (``parse(_:)`` says what was expected).
    public init?(parsing text: String) {
        guard let months = DurationVocabulary.months(text) else { return nil }
        self.init(months: months)
    }

    /// Parses a duration, or says what was expected, in Spanish and English.
    public static func parse(_ text: String) -> Result<ContractLength, FormatFailure> {
        guard let length = ContractLength(parsing: text) else {
            return .failure(FormatFailure(spanish: "se espera \(DurationVocabulary.expected.es)",
                                          english: "expected \(DurationVocabulary.expected.en)"))
        }
        return .success(length)
    }

    /// What a duration may look like, for messages that name the whole vocabulary.
    public static var expected: LocalizedText {
        LocalizedText(es: DurationVocabulary.expected.es, en: DurationVocabulary.expected.en)
    }

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
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "expected \(DurationVocabulary.expected.en), found \(text)"))
        }
        self = length
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
