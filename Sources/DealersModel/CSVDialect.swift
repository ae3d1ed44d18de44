/// The CSV dialect of outputs: separator, byte order mark, line ending and decimal separator.
///
/// Encoded in JSON with each character as a one-character string:
/// `{"delimiter": ";", "byteOrderMark": true, "lineEnding": "\r\n", "decimalSeparator": ","}`.
public struct CSVDialect: Sendable, Codable, Equatable {
    /// The field separator (`;` for Spanish Excel). Must be one ASCII character other than `"`,
    /// CR or LF.
    public var delimiter: Character
    /// Whether the file starts with a UTF-8 byte order mark, so that Excel detects UTF-8.
    public var byteOrderMark: Bool
    /// The record terminator (`"\r\n"`).
    public var lineEnding: String
    /// The decimal separator of numbers (`,` for Spanish).
    public var decimalSeparator: Character

    /// Creates a dialect.
    public init(delimiter: Character, byteOrderMark: Bool, lineEnding: String, decimalSeparator: Character) {
        self.delimiter = delimiter
        self.byteOrderMark = byteOrderMark
        self.lineEnding = lineEnding
        self.decimalSeparator = decimalSeparator
    }

    /// What Spanish Excel opens with a double click: `;`, BOM, CRLF, decimal comma.
    public static let spanishExcel = CSVDialect(delimiter: ";", byteOrderMark: true, lineEnding: "\r\n",
                                                decimalSeparator: ",")
    /// The English convention: `,`, BOM, CRLF, decimal point.
    public static let english = CSVDialect(delimiter: ",", byteOrderMark: true, lineEnding: "\r\n",
                                           decimalSeparator: ".")

    /// The date pattern that goes with this dialect when none is given: `dd/mm/yyyy` with a
    /// decimal comma (Spanish), else `yyyy-mm-dd`.
    public var conventionalDateFormat: String {
        decimalSeparator == "," ? "dd/mm/yyyy" : "yyyy-mm-dd"
    }

    private enum CodingKeys: String, CodingKey {
        case delimiter, byteOrderMark, lineEnding, decimalSeparator
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func character(_ key: CodingKeys) throws -> Character {
            let text = try c.decode(String.self, forKey: key)
            guard text.count == 1, let first = text.first else {
                throw DecodingError.dataCorruptedError(forKey: key, in: c,
                                                       debugDescription: "expected one character, found \"\(text)\"")
            }
            return first
        }
        delimiter = try character(.delimiter)
        byteOrderMark = try c.decode(Bool.self, forKey: .byteOrderMark)
        lineEnding = try c.decode(String.self, forKey: .lineEnding)
        decimalSeparator = try character(.decimalSeparator)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(String(delimiter), forKey: .delimiter)
        try c.encode(byteOrderMark, forKey: .byteOrderMark)
        try c.encode(lineEnding, forKey: .lineEnding)
        try c.encode(String(decimalSeparator), forKey: .decimalSeparator)
    }
}
