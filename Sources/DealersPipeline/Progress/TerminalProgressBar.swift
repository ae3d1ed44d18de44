import Foundation

/// A progress bar on standard error for a person watching a terminal: rows, rows/s, % and time
/// left, redrawn in place at most ten times a second. Files that finish within a second never
/// show it.
public final class TerminalProgressBar: ProgressReporter {
    private var file = ""
    private var totalBytes: Int64 = 0
    private var start = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false
    private let width = 24

    /// Creates a bar.
    public init() {}

    public func started(file: String, totalBytes: Int64) {
        self.file = file
        self.totalBytes = totalBytes
        start = Date()
        lastDraw = .distantPast
        drawn = false
    }

    public func advanced(rows: Int, bytesRead: Int64) {
        let now = Date()
        let elapsed = now.timeIntervalSince(start)
        guard elapsed >= 1, now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        let figures = ProgressFigures(rows: rows, bytesRead: bytesRead, totalBytes: totalBytes, elapsed: elapsed)
        let filled = Int((figures.fraction ?? 0) * Double(width))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        write("\r\u{1B}[K\(file) [\(bar)] \(figures.text)")
        drawn = true
    }

    public func finished(rows: Int) {
        if drawn { write("\r\u{1B}[K") }
        drawn = false
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
