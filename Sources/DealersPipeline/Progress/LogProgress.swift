import Foundation
import Logging
import DealersModel

/// Progress as plain log lines, for logs and pipes (no terminal): one line every
/// `everyRows` rows or `everySeconds` seconds, whichever comes later, so a long file is visible in
/// the journal without flooding it.
public final class LogProgress: ProgressReporter {
    private let logger: Logger
    private let everyRows: Int
    private let everySeconds: Double
    private var file = ""
    private var totalBytes: Int64 = 0
    private var start = Date()
    private var lastRows = 0
    private var lastLog = Date()

    /// Creates a reporter logging at info level through `logger`.
    public init(logger: Logger, everyRows: Int = 100_000, everySeconds: Double = 10) {
        self.logger = logger
        self.everyRows = everyRows
        self.everySeconds = everySeconds
    }

    public func started(file: String, totalBytes: Int64) {
        self.file = file
        self.totalBytes = totalBytes
        start = Date()
        lastLog = start
        lastRows = 0
    }

    public func advanced(rows: Int, bytesRead: Int64) {
        let now = Date()
        guard rows - lastRows >= everyRows, now.timeIntervalSince(lastLog) >= everySeconds else { return }
        lastRows = rows
        lastLog = now
        let figures = ProgressFigures(rows: rows, bytesRead: bytesRead, totalBytes: totalBytes, elapsed: now.timeIntervalSince(start))
        logger.info("\(PersonalData.mask(file)): \(figures.text)")
    }

    public func finished(rows: Int) {}
}
