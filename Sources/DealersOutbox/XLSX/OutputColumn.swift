/// One column of an output worksheet: its header and, optionally, its width.
public struct OutputColumn: Sendable, Equatable {
    /// The header text, written in the bold header row.
    public var header: String
    /// The width in Excel character units; `nil` picks one from the header and the values written
    /// (dates about 12, amounts about 14).
    public var width: Double?

    /// Creates a column.
    public init(_ header: String, width: Double? = nil) {
        self.header = header
        self.width = width
    }

    /// Creates a column (labelled form).
    public init(header: String, width: Double? = nil) {
        self.init(header, width: width)
    }
}
