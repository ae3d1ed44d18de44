import DealersOutbox

/// One audience's files of a report: the operator's (every row, with the dealer column) or one
/// dealer's (that dealer's rows, without it), as an XLSX sheet and/or a CSV file.
package struct ReportTarget {
    /// The dealer, or `nil` for the operator.
    package var dealer: String?
    package var xlsx: XLSXWriter?
    package var sheet: XLSXSheet?
    package var csv: CSVWriter?
    /// The position of the dealer column in the operator's rows, dropped for a dealer.
    package let dealerColumn: Int

    /// Whether a row of `owner` belongs in these files.
    package func takes(_ owner: String?) -> Bool { dealer == nil || dealer == owner }

    /// Writes a row (given as the operator's).
    package func append(_ row: [OutputValue]) throws {
        var own = row
        if dealer != nil { own.remove(at: dealerColumn) }
        try sheet?.append(own)
        try csv?.append(own)
    }

    /// Closes the writers, publishing the files.
    package func close() throws {
        try xlsx?.close()
        try csv?.close()
    }
}
