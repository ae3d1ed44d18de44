/// One thing wrong with one row (or with the file, on line 0/1), as a person reads it in the
/// error file: where, which field, the value as it came, a stable code and why.
public struct RowError: Error, Sendable, Equatable {
    /// The line a person sees in the file (header = 1); 0 for the file as a whole.
    public var line: Int
    /// The 1-based column, when the error is about one cell.
    public var column: Int?
    /// The field's name as the layout knows it (or the header as written).
    public var field: String
    /// The value as it came.
    public var value: String
    /// The stable code.
    public var code: ErrorCode
    /// What was expected, in every language.
    public var detail: LocalizedText

    /// Creates an error.
    public init(line: Int, column: Int? = nil, field: String = "", value: String = "", code: ErrorCode,
                detail: LocalizedText = LocalizedText("")) {
        self.line = line
        self.column = column
        self.field = field
        self.value = value
        self.code = code
        self.detail = detail
    }

    /// The message in a language.
    public func message(_ language: Language) -> String {
        Messages.message(code, field: field, value: value, detail: detail.in(language), language: language)
    }
}
