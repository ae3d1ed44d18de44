import Foundation
import DealersSupport

/// The layout of a fixed-width file: where the record type code is, and the fields of each
/// record type. Positions and lengths count bytes, as in Norma 43 and other banking formats.
public struct FixedWidthSpec: Sendable {
    /// The encoding of the text in the fields.
    public var encoding: TextEncoding
    /// The 1-based position of the record type code.
    public var recordTypeStart: Int
    /// The length of the record type code; 0 means one record type, whose code is `""`.
    public var recordTypeLength: Int
    /// The fields of each record type, by type code, in the order they become cells.
    public var records: [String: [FixedWidthField]]
    /// The declared length of every record (e.g. 80 for Norma 43); `nil` means no check.
    public var recordLength: Int?

    /// Creates a layout.
    public init(encoding: TextEncoding = .auto, recordTypeStart: Int = 1, recordTypeLength: Int = 0,
                records: [String: [FixedWidthField]], recordLength: Int? = nil) {
        self.encoding = encoding
        self.recordTypeStart = recordTypeStart
        self.recordTypeLength = recordTypeLength
        self.records = records
        self.recordLength = recordLength
    }

    /// Throws a `.layout` error when a position or a length cannot be right.
    public func validate() throws {
        guard recordTypeStart >= 1, recordTypeLength >= 0 else {
            throw DealersError(.layout, "the record type code must start at position 1 or later "
                               + "and have a length of 0 or more")
        }
        if let recordLength, recordLength < 1 {
            throw DealersError(.layout, "the record length must be at least 1, found \(recordLength)")
        }
        for (code, fields) in records {
            for field in fields where field.start < 1 || field.length < 1 {
                throw DealersError(.layout, "field \"\(field.name)\" of record type \"\(code)\" must start at "
                                   + "position 1 or later and be at least 1 long, found start \(field.start), "
                                   + "length \(field.length)")
            }
        }
    }
}

/// One field of a fixed-width record.
public struct FixedWidthField: Sendable, Equatable {
    /// The field's name, as the layout's columns refer to it.
    public var name: String
    /// The 1-based position of the field's first byte.
    public var start: Int
    /// The field's length in bytes.
    public var length: Int

    /// Creates a field.
    public init(name: String, start: Int, length: Int) {
        self.name = name
        self.start = start
        self.length = length
    }
}
