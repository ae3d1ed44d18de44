import Foundation

/// The printed table: one line per stage, then each target (``BenchTarget``) with its value and verdict.
struct ResultTable {
    let results: [StageResult]

    private func find(_ stage: Stage) -> StageResult? { results.first { $0.stage == stage.rawValue } }

    /// The ratio shown on a stage's line: to its floor or its pair.
    private func ratioText(_ r: StageResult) -> String {
        func fmt(_ x: Double) -> String { Self.ratio(x) }
        switch Stage(rawValue: r.stage) {
        case .validate?: return find(.csvFloor).map { fmt(r.rowsPerSecond / $0.rowsPerSecond) } ?? ""
        case .apply1kOnBig?: return find(.apply1kOnSmall).map { fmt(r.seconds / $0.seconds) } ?? ""
        case .xlsx?, .csvWriter?: return find(.xlsxFloor).map { fmt(r.seconds / $0.seconds) } ?? ""
        case .validate4x?: return find(.validate).map { "RSS " + fmt(r.peakMiB / $0.peakMiB) } ?? ""
        case .apply4x?: return find(.applyEmpty).map { "RSS " + fmt(r.peakMiB / $0.peakMiB) } ?? ""
        case .storeVerify?: return find(.storeRead).map { fmt(r.seconds / $0.seconds) } ?? ""
        case .reportsBig?: return find(.reportsFloor).map { fmt(r.seconds / $0.seconds) } ?? ""
        default: return ""
        }
    }

    /// The table as Markdown (also readable on a terminal).
    var markdown: String {
        var lines = ["| stage | rows | seconds | rows/s | peak RSS (MiB) | ratio | note |",
                     "|---|---:|---:|---:|---:|---:|---|"]
        for r in results {
            lines.append(String(format: "| %@ | %@ | %.3f | %@ | %.1f | %@ | %@ |", r.stage, Self.grouped(r.rows),
                                r.seconds, Self.grouped(Int(r.rowsPerSecond.rounded())), r.peakMiB, ratioText(r), r.note))
        }
        lines.append("")
        lines.append("| target | value | limit | met? |")
        lines.append("|---|---:|---:|---|")
        for t in BenchTarget.all(results) {
            lines.append("| \(t.name) (\(t.explanation)) | \(t.unit.format(t.value)) | "
                         + "\(t.atLeast ? "≥" : "≤") \(t.unit.format(t.limit)) | \(t.met ? "yes" : "**no**") |")
        }
        return lines.joined(separator: "\n")
    }

    /// A ratio with two decimals, or three significant digits below 0.1 (`0.00441×`).
    static func ratio(_ x: Double) -> String {
        String(format: x < 0.1 ? "%.3g×" : "%.2f×", x)
    }

    /// 1234567 → "1,234,567".
    static func grouped(_ n: Int) -> String {
        let digits = Array(String(abs(n)))
        var out = ""
        for (i, d) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(d)
        }
        return (n < 0 ? "-" : "") + out
    }
}
