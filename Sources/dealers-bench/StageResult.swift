import Foundation

/// What one stage measured; a child process writes it as JSON for the parent.
struct StageResult: Codable {
    /// The stage name (``Stage``), or `stage:part` when a stage measures several things (`peers:duckdb`).
    var stage: String
    /// Rows processed.
    var rows: Int
    /// Wall-clock seconds of the measured part (monotonic clock).
    var seconds: Double
    /// Peak resident memory in MiB: the child's `ru_maxrss` (filled by the parent), or this
    /// process's `VmHWM` when the stage ran in-process.
    var peakMiB: Double
    /// A short note: what was counted (applied/rejected rows, file size …).
    var note: String
    /// Set when `peakMiB` is that of a program the stage ran and timed itself (`dealers …`,
    /// a peer): the parent keeps it instead of the stage process's own `ru_maxrss`.
    var peakOfCommand: Bool?
    /// Figures the targets need beyond time and memory (`files`, `diskBytes`, `jsonBytes` …).
    var figures: [String: Double]?

    /// Rows per second.
    var rowsPerSecond: Double { seconds > 0 ? Double(rows) / seconds : 0 }
}

/// Reading the peak memory and the clock.
enum Measure {
    /// Runs `body` and returns its result with the elapsed seconds on the monotonic clock.
    static func time<T>(_ body: () throws -> T) rethrows -> (T, Double) {
        let clock = ContinuousClock()
        let start = clock.now
        let value = try body()
        return (value, seconds(clock.now - start))
    }

    /// A duration in seconds.
    static func seconds(_ duration: Duration) -> Double {
        let c = duration.components
        return Double(c.seconds) + Double(c.attoseconds) / 1e18
    }

    /// This process's peak resident set (`VmHWM` of `/proc/self/status`) in MiB, 0 if unknown.
    static func peakResidentMiB() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let digits = line.filter(\.isNumber)
            return (Double(String(digits)) ?? 0) / 1024
        }
        return 0
    }
}
