import Foundation

/// What happened to one input file (§7), written as `receipts/<date>/<archived name>.json` and
/// as the latest `receipts/<input>.json` (``OutputNames``).
public struct Receipt: Codable, Sendable, Equatable {
    /// The outcome of a file.
    public enum Status: String, Codable, Sendable {
        /// Every row applied.
        case applied = "APPLIED"
        /// Some rows applied, some rejected.
        case partial = "PARTIAL"
        /// Nothing applied.
        case rejected = "REJECTED"
        /// The same content was applied before.
        case duplicate = "DUPLICATE"
        /// Validated only (`dealers validate`), nothing applied.
        case validated = "VALIDATED"
        /// A roster whose computed BAJAs exceed the brake (`rosterMaxCancelShare`,
        /// `rosterMaxCancel`): nothing applied until a person confirms it (`<file>.confirmar`).
        case held = "HELD"
    }

    /// Row counts.
    public struct Rows: Codable, Sendable, Equatable {
        /// Data rows read (header excluded).
        public var read = 0
        /// Rows applied to the store.
        public var applied = 0
        /// Rows rejected.
        public var rejected = 0

        /// The keys of the counts in the receipt's JSON.
        public enum CodingKeys: String, CodingKey {
            case read, applied, rejected
        }

        /// Creates a value from each stored property (the memberwise initialiser, for the package's other targets).
        public init(
            read: Int = 0,
            applied: Int = 0,
            rejected: Int = 0
        ) {
            self.read = read
            self.applied = applied
            self.rejected = rejected
        }
    }

    /// How a delimited file was read: `{"delimiter": ",", "detected": true, "encoding": "utf-8"}`.
    public struct Dialect: Codable, Sendable, Equatable {
        /// The field delimiter used.
        public var delimiter: String
        /// Whether it is not the layout's own (another common delimiter was found to split the
        /// header, or an Excel `sep=X` first line named it).
        public var detected: Bool
        /// The encoding the file was read in (for `auto`, what its first bytes are).
        public var encoding: String?
        /// `true` when the file starts with a byte-order mark.
        public var byteOrderMark: Bool?
        /// `true` when the file starts with an Excel `sep=X` line.
        public var sepLine: Bool?

        /// Creates a value from each stored property (the memberwise initialiser, for the package's other targets).
        package init(
            delimiter: String,
            detected: Bool,
            encoding: String? = nil,
            byteOrderMark: Bool? = nil,
            sepLine: Bool? = nil
        ) {
            self.delimiter = delimiter
            self.detected = detected
            self.encoding = encoding
            self.byteOrderMark = byteOrderMark
            self.sepLine = sepLine
        }
    }

    /// The rows above the header (titles, an empty row, a `sep=` line), reported here once and
    /// never as errors.
    public struct Preamble: Codable, Sendable, Equatable {
        /// The line (a spreadsheet's row) the header was found on.
        public var headerLine: Int
        /// The text of each non-empty row above it, its cells joined by a space.
        public var rows: [String]

        /// Creates a value from each stored property (the memberwise initialiser, for the package's other targets).
        package init(
            headerLine: Int,
            rows: [String]
        ) {
            self.headerLine = headerLine
            self.rows = rows
        }
    }

    /// The input's file name.
    public var input: String
    /// The dealer whose inbox it came from (`nil`: the operator's).
    public var dealer: String?
    /// The portal account that uploaded it (`nil`, and absent from the JSON: the file reached
    /// the inbox another way, and is the dealer's — or the operator's).
    public var uploadedBy: String?
    /// SHA-256 of the content, hex.
    public var checksum: String
    /// The layout used, when one matched.
    public var layout: String?
    /// The outcome.
    public var status: Status
    /// The as-of date of the run.
    public var asOf: CivilDate
    /// Row counts.
    public var rows = Rows()
    /// Applied rows per action (`ALTA`: 3 …).
    public var actions: [String: Int] = [:]
    /// Number of errors reported.
    public var errors = 0
    /// Error counts per code.
    public var errorCodes: [String: Int] = [:]
    /// When processing started: the file was identified (UTC, ISO 8601 with milliseconds).
    public var startedAt: String
    /// When processing finished: after the commit, as the receipt was written (UTC, ISO 8601
    /// with milliseconds); only the move to the archive comes after.
    public var finishedAt: String?
    /// From `startedAt` to `finishedAt`, in seconds: reading, checking, applying, the error
    /// files and the commit.
    public var durationSeconds: Double = 0
    /// Files written to the outbox for this input, relative to the outbox.
    public var outputs: [String] = []
    /// Where the input was moved, relative to the workspace.
    public var archivedTo: String?
    /// For a duplicate: the name under which the content was first applied.
    public var duplicateOf: String?
    /// A sentence for a file-level outcome (unknown layout, unreadable file …).
    public var message: String?
    /// The delimiter and encoding a delimited file was read with.
    public var dialect: Dialect?
    /// The rows above the header, when it was not on the first line.
    public var preamble: Preamble?
    /// How many times the file was applied again from the start because another worker's
    /// transaction changed the same documents meanwhile (PostgreSQL only; absent when never).
    public var retries: Int?

    /// The receipt's keys in its JSON: the one place they are named, for its readers too (the
    /// portal's listings decode them leniently).
    public enum CodingKeys: String, CodingKey {
        case input, dealer, checksum, layout, status, asOf, rows, actions, errors, errorCodes, startedAt, finishedAt
        case durationSeconds, outputs, archivedTo, duplicateOf, message, dialect, preamble, uploadedBy, retries
    }

    /// Sets ``finishedAt`` to `end` and ``durationSeconds`` to the time from `start` (to the
    /// millisecond).
    public mutating func finish(at end: Date, startedAt start: Date) {
        finishedAt = Receipt.timestamp(end)
        durationSeconds = (end.timeIntervalSince(start) * 1000).rounded() / 1000
    }

    /// A moment as receipts write it: `2026-11-24T09:15:02.127Z`.
    public static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }

    /// Reads a moment written by ``timestamp(_:)`` (or without milliseconds, by earlier releases).
    public static func date(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }

    /// The one-line summary for the log: `usuarios.csv: PARTIAL layout=users rows=12 applied=5
    /// rejected=7 ALTA=5 errors=8 in 0.013 s`, then the file-level message when there is one.
    public var summary: String {
        var s = "\(input): \(status.rawValue)"
        if let layout { s += " layout=\(layout)" }
        s += " rows=\(rows.read) applied=\(rows.applied) rejected=\(rows.rejected)"
        for (action, count) in actions.sorted(by: { $0.key < $1.key }) { s += " \(action)=\(count)" }
        if errors > 0 { s += " errors=\(errors)" }
        if let duplicateOf { s += " duplicate-of=\(duplicateOf)" }
        s += " in \(String(format: "%.3f", durationSeconds)) s"
        if let message { s += " — \(message)" }
        return s
    }

    /// Creates a value from each stored property (the memberwise initialiser, for the package's other targets).
    public init(
        input: String,
        dealer: String? = nil,
        checksum: String,
        layout: String? = nil,
        status: Status,
        asOf: CivilDate,
        actions: [String: Int] = [:],
        errors: Int = 0,
        errorCodes: [String: Int] = [:],
        startedAt: String,
        finishedAt: String? = nil,
        durationSeconds: Double = 0,
        outputs: [String] = [],
        archivedTo: String? = nil,
        duplicateOf: String? = nil,
        message: String? = nil,
        dialect: Dialect? = nil,
        preamble: Preamble? = nil
    ) {
        self.input = input
        self.dealer = dealer
        self.checksum = checksum
        self.layout = layout
        self.status = status
        self.asOf = asOf
        self.actions = actions
        self.errors = errors
        self.errorCodes = errorCodes
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.durationSeconds = durationSeconds
        self.outputs = outputs
        self.archivedTo = archivedTo
        self.duplicateOf = duplicateOf
        self.message = message
        self.dialect = dialect
        self.preamble = preamble
    }
}
