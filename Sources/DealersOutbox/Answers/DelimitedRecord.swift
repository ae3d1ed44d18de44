import Foundation
import DealersModel
import DealersReading

extension DelimitedFormat {
    /// How a CSV the outbox wrote in `dialect` (an error list, a report) is read back: its
    /// delimiter, `"` quotes, UTF-8 with or without a byte-order mark, the header on line 1.
    package static func outbox(_ dialect: CSVDialect) -> DelimitedFormat {
        DelimitedFormat(delimiter: dialect.delimiter.asciiValue ?? UInt8(ascii: ";"), quote: UInt8(ascii: "\""), encoding: .auto,
                        headerRow: 1, skipRows: 0, headerPinned: true, detectDelimiter: false)
    }
}

/// One record of delimited text written by hand (a correction's rows, an approval file).
package enum DelimitedRecord {
    /// The cells joined by `delimiter`, each quoted (`"`, doubled inside) when it holds the
    /// delimiter, a quote or a line break, then `lineEnd`.
    package static func line(_ cells: [String], delimiter: UInt8, lineEnd: String) -> String {
        let separator = Character(UnicodeScalar(delimiter))
        return cells.map { cell in
            cell.contains(where: { $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" || $0 == separator })
                ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
        }.joined(separator: String(separator)) + lineEnd
    }
}
