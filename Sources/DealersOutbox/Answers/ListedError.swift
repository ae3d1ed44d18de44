import Foundation
import DealersModel
import DealersReading

/// One row of a processing's `errors.csv` (``ErrorOutputs``): where, what and why, as written —
/// the message in the workspace's language.
package struct ListedError: Sendable, Equatable, Codable {
    /// The line as a person sees it in the file (header = 1); 0 for an error about the whole file.
    package var line: Int
    /// The column (1-based), when the error is about one cell.
    package var column: Int?
    /// The field's name as the file's header spells it.
    package var field: String
    /// The value as it came (control characters made visible).
    package var value: String
    /// The stable code (`INVALID_FORMAT` …).
    package var code: String
    /// The message, in the language the file was written in.
    package var message: String

    /// An error from each of its parts.
    package init(line: Int, column: Int?, field: String, value: String, code: String, message: String) {
        self.line = line
        self.column = column
        self.field = field
        self.value = value
        self.code = code
        self.message = message
    }
}

/// A processing's `errors.csv`, read back a row at a time (a file with 100,000 errors is never
/// held whole): in the outbox's CSV dialect, header skipped.
package struct ErrorListFile {
    /// The file (any path that opens it, e.g. `/proc/self/fd/N` of a file opened safely).
    package let url: URL
    /// The outbox's CSV dialect it was written in.
    package let dialect: CSVDialect

    /// The errors file at `url`, written in `dialect`.
    package init(url: URL, dialect: CSVDialect) {
        self.url = url
        self.dialect = dialect
    }

    /// Calls `handler` with every error, in file order (line, then column).
    /// - Throws: ``DealersError`` when the file cannot be read.
    package func read(_ handler: (ListedError) throws -> Void) throws {
        var first = true
        try DelimitedReader(url: url, format: .outbox(dialect)).read { record in
            if first { first = false; return }
            let cells = record.cells.map(\.text)
            guard cells.count >= 6, let line = Int(cells[0]) else { return }
            try handler(ListedError(line: line, column: Int(cells[1]), field: cells[2], value: cells[3], code: cells[4], message: cells[5]))
        }
    }

    /// The errors from the `offset`-th (0-based), at most `limit` of them, and how many the file holds.
    package func page(offset: Int, limit: Int) throws -> (errors: [ListedError], total: Int) {
        var errors: [ListedError] = []
        var total = 0
        try read { error in
            if total >= offset, errors.count < limit { errors.append(error) }
            total += 1
        }
        return (errors, total)
    }

    /// The lines of the rejected rows, in order, each once: the lines of the errors below the
    /// header (`headerLine`). Errors about the whole file (line 0) and the header are not rows.
    package func rowLines(after headerLine: Int) throws -> [Int] {
        var lines: [Int] = []
        try read { error in
            if error.line > headerLine, error.line != lines.last { lines.append(error.line) }
        }
        return lines
    }
}
