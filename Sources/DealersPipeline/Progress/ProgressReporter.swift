import Foundation

/// Told how far the row loop of one file is. The loop calls ``advanced(rows:bytesRead:)`` only
/// every thousand records, so a reporter may do a little work each time (it throttles what it
/// shows by time itself).
public protocol ProgressReporter: AnyObject {
    /// A file starts; `totalBytes` is its size (0 when unknown).
    func started(file: String, totalBytes: Int64)
    /// `rows` records read so far, `bytesRead` of the file's bytes (0 for XLSX, whose rows come
    /// from a compressed part: only rows and rows/s are known then).
    func advanced(rows: Int, bytesRead: Int64)
    /// The file's rows are done.
    func finished(rows: Int)
}

/// The numbers a progress display shows, worked out from a start time and the latest report.
public struct ProgressFigures: Sendable, Equatable {
    /// Records read.
    public var rows: Int
    /// Records per second since the start.
    public var rowsPerSecond: Double
    /// Fraction of the bytes read (0…1), when the size is known.
    public var fraction: Double?
    /// Seconds left at the current pace, when the size is known.
    public var secondsLeft: Double?

    /// Works the figures out.
    public init(rows: Int, bytesRead: Int64, totalBytes: Int64, elapsed: Double) {
        self.rows = rows
        rowsPerSecond = elapsed > 0 ? Double(rows) / elapsed : 0
        if totalBytes > 0, bytesRead > 0 {
            let f = min(1, Double(bytesRead) / Double(totalBytes))
            fraction = f
            secondsLeft = elapsed * (1 - f) / f
        }
    }

    /// `12,000 rows  3,400 rows/s  45%  0:07 left`.
    public var text: String {
        var s = "\(rows) rows  \(Int(rowsPerSecond.rounded())) rows/s"
        if let fraction { s += "  \(Int((fraction * 100).rounded(.down)))%" }
        if let secondsLeft {
            let t = Int(secondsLeft.rounded())
            s += "  \(t / 60):\(String(format: "%02d", t % 60)) left"
        }
        return s
    }
}
