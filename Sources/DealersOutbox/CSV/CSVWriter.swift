import CCSV
import Foundation
import DealersModel
import DealersSupport

/// Writes one CSV file atomically: rows stream through a buffer to a hidden temporary file in
/// the target folder, which ``close()`` flushes and renames over the target.
///
/// Fields that contain the delimiter, a double quote, CR or LF are quoted by libcsv
/// (`csv_write2`, quote `"`); other fields are written as they are. Text values are neutralised
/// against formula injection (``neutralizeFormula(_:)``). A writer dropped without ``close()``
/// deletes its temporary file and leaves the target untouched.
public final class CSVWriter {
    /// The file written on ``close()``.
    public let url: URL
    /// The dialect of the file.
    public let dialect: CSVDialect
    /// The pattern dates are written with (`dd/mm/yyyy`, `yyyy-mm-dd`; see ``OutputValue/date(_:)``).
    public let dateFormat: String

    private enum State { case open, closed, failed(any Error) }

    private static let flushThreshold = 64 * 1024
    private static let quote: UInt8 = 0x22
    private let file: StagedFile
    private let delimiter: UInt8
    private let lineEnding: [UInt8]
    private var buffer: [UInt8] = []
    private var state = State.open
    private var atStartOfFile = true

    /// Starts a CSV file at `url` (created on ``close()``); writes the byte order mark if the
    /// dialect asks for one.
    /// - Parameter dateFormat: the date pattern (`yyyy`, `mm`, `dd`, other characters copied);
    ///   `nil` uses the dialect's ``CSVDialect/conventionalDateFormat``.
    /// - Throws: ``DealersError`` `.config` for a dialect that cannot be written (a delimiter that
    ///   is not one ASCII character, or is `"`, CR or LF), `.cannotCreate` naming the file when its
    ///   folder cannot be written.
    public init(url: URL, dialect: CSVDialect, dateFormat: String? = nil) throws {
        guard let delimiter = dialect.delimiter.asciiValue,
              delimiter != CSVWriter.quote, delimiter != 0x0A, delimiter != 0x0D else {
            throw DealersError(.config, path: url.path,
                               "the CSV delimiter must be one ASCII character other than a double quote or a line break")
        }
        self.url = url
        self.dialect = dialect
        self.dateFormat = dateFormat ?? dialect.conventionalDateFormat
        self.delimiter = delimiter
        lineEnding = Array(dialect.lineEnding.utf8)
        file = try StagedFile(target: url)
        buffer.reserveCapacity(CSVWriter.flushThreshold + 4096)
        if dialect.byteOrderMark {
            buffer.append(contentsOf: [0xEF, 0xBB, 0xBF])
        }
    }

    /// Appends one record of values: text neutralised against formulas, numbers with the
    /// dialect's decimal separator and no grouping (amounts with at least two decimals, no
    /// currency sign), dates by ``dateFormat``, booleans as `TRUE`/`FALSE`.
    /// - Throws: ``DealersError`` `.io` naming the file when the disk write fails.
    public func append(_ row: [OutputValue]) throws {
        try appendRecord(row.map(text(of:)))
    }

    /// Appends one record of plain strings, each neutralised against formulas like `.text`.
    public func appendRaw(_ fields: [String]) throws {
        try appendRecord(fields.map(neutralizeFormula))
    }

    /// Writes what is buffered, flushes it to disk and renames the file into place.
    /// Calling it again after success does nothing.
    /// - Throws: ``DealersError`` `.io` naming the file; the target is then left as it was.
    public func close() throws {
        switch state {
        case .closed: return
        case .failed(let error): throw error
        case .open: break
        }
        do {
            try flush()
            try file.commit()
            state = .closed
        } catch {
            fail(error)
            throw error
        }
    }

    // MARK: - Records

    private func text(of value: OutputValue) -> String {
        switch value {
        case .empty: return ""
        case .text(let s): return neutralizeFormula(s)
        case .integer(let i): return String(i)
        case .decimal(let d):
            return OutputText.decimal(d, separator: dialect.decimalSeparator) ?? ""
        case .money(let d, _):
            return OutputText.decimal(d, separator: dialect.decimalSeparator, minimumFractionDigits: 2) ?? ""
        case .date(let d): return OutputText.date(d, pattern: dateFormat)
        case .boolean(let b): return b ? "TRUE" : "FALSE"
        }
    }

    private func appendRecord(_ fields: [String]) throws {
        switch state {
        case .open: break
        case .closed: throw DealersError(.internalError, path: url.path, "CSV file already closed")
        case .failed(let error): throw error
        }
        for (index, field) in fields.enumerated() {
            if index > 0 { buffer.append(delimiter) }
            appendField(field)
        }
        buffer.append(contentsOf: lineEnding)
        if buffer.count >= CSVWriter.flushThreshold {
            do {
                try flush()
            } catch {
                fail(error)
                throw error
            }
        }
    }

    private func appendField(_ field: String) {
        var field = field
        let startsFile = atStartOfFile
        atStartOfFile = false
        field.withUTF8 { bytes in
            guard needsQuotes(bytes, startsFile: startsFile), let source = bytes.baseAddress else {
                buffer.append(contentsOf: bytes)
                return
            }
            // csv_write2 wraps the field in quotes and doubles the quotes inside: at most 2n+2 bytes.
            let capacity = bytes.count * 2 + 2
            let quoted = [UInt8](unsafeUninitializedCapacity: capacity) { out, count in
                count = min(capacity, csv_write2(out.baseAddress, capacity, source, bytes.count, CSVWriter.quote))
            }
            buffer.append(contentsOf: quoted)
        }
    }

    private func needsQuotes(_ bytes: UnsafeBufferPointer<UInt8>, startsFile: Bool) -> Bool {
        // Without a BOM, Excel takes a file starting with "ID" for SYLK; a quote avoids that.
        if startsFile, !dialect.byteOrderMark, bytes.count >= 2, bytes[0] == 0x49, bytes[1] == 0x44 {
            return true
        }
        for byte in bytes where byte == delimiter || byte == CSVWriter.quote || byte == 0x0A || byte == 0x0D {
            return true
        }
        return false
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { try file.write($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    private func fail(_ error: any Error) {
        state = .failed(error)
        buffer = []
        file.discard()
    }
}
