import Foundation

/// The printed table: one line per stage, then each target with its ratio and verdict.
struct ResultTable {
    let results: [StageResult]

    private func find(_ stage: Stage) -> StageResult? { results.first { $0.stage == stage.rawValue } }

    /// One target: a ratio, its limit, and how it is read.
    struct Target {
        var name: String
        var ratio: Double
        var limit: Double
        var atLeast: Bool
        var explanation: String
        var met: Bool { atLeast ? ratio >= limit : ratio <= limit }
    }

    /// The targets whose stages ran.
    var targets: [Target] {
        var list: [Target] = []
        if let v = find(.validate), let f = find(.csvFloor) {
            list.append(Target(name: "validate vs csv-floor", ratio: v.rowsPerSecond / f.rowsPerSecond, limit: 0.5,
                               atLeast: true, explanation: "rows/s of validate / rows/s of raw libcsv"))
        }
        if let big = find(.apply1kOnBig), let small = find(.apply1kOnSmall) {
            list.append(Target(name: "apply-1k big vs small", ratio: big.seconds / small.seconds, limit: 3,
                               atLeast: false, explanation: "seconds on the big store / seconds on 1,000 users"))
        }
        if let x = find(.xlsx), let f = find(.xlsxFloor) {
            list.append(Target(name: "xlsx vs xlsx-floor", ratio: x.seconds / f.seconds, limit: 1.25,
                               atLeast: false, explanation: "seconds of XLSXWriter / seconds of raw libxlsxwriter"))
        }
        if let four = find(.validate4x), let one = find(.validate) {
            list.append(Target(name: "memory-flat 4N vs N", ratio: four.peakMiB / one.peakMiB, limit: 1.2,
                               atLeast: false, explanation: "peak RSS validating 4N rows / N rows"))
        }
        return list
    }

    /// The ratio shown on a stage's line: to its floor or its pair.
    private func ratioText(_ r: StageResult) -> String {
        func fmt(_ x: Double) -> String { Self.ratio(x) }
        switch Stage(rawValue: r.stage) {
        case .validate?: return find(.csvFloor).map { fmt(r.rowsPerSecond / $0.rowsPerSecond) } ?? ""
        case .apply1kOnBig?: return find(.apply1kOnSmall).map { fmt(r.seconds / $0.seconds) } ?? ""
        case .xlsx?, .csvWriter?: return find(.xlsxFloor).map { fmt(r.seconds / $0.seconds) } ?? ""
        case .validate4x?: return find(.validate).map { "RSS " + fmt(r.peakMiB / $0.peakMiB) } ?? ""
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
        lines.append("| target | ratio | limit | met? |")
        lines.append("|---|---:|---:|---|")
        for t in targets {
            lines.append(String(format: "| %@ (%@) | %@ | %@ %.2f× | %@ |", t.name, t.explanation, Self.ratio(t.ratio),
                                t.atLeast ? "≥" : "≤", t.limit, t.met ? "yes" : "**no**"))
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
