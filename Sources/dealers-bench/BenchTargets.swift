/// The targets of the benchmark: each compares a figure of the stages that ran to a limit.
struct BenchTarget {
    /// How a target's value reads.
    enum Unit {
        case ratio, rowsPerSecond, mebibytes, count

        func format(_ x: Double) -> String {
            switch self {
            case .ratio: return ResultTable.ratio(x)
            case .rowsPerSecond: return ResultTable.grouped(Int(x.rounded())) + " rows/s"
            case .mebibytes: return String(format: "%.1f MiB", x)
            case .count: return ResultTable.grouped(Int(x.rounded()))
            }
        }
    }

    var name: String
    var value: Double
    var limit: Double
    var atLeast: Bool
    var unit: Unit
    var explanation: String
    var met: Bool { atLeast ? value >= limit : value <= limit }

    /// The targets whose stages ran, in a stable order.
    static func all(_ results: [StageResult]) -> [BenchTarget] {
        func find(_ stage: Stage) -> StageResult? { results.first { $0.stage == stage.rawValue } }
        var list: [BenchTarget] = []
        func add(_ name: String, _ value: Double, _ atLeast: Bool, _ limit: Double, _ explanation: String,
                 unit: Unit = .ratio) {
            list.append(BenchTarget(name: name, value: value, limit: limit, atLeast: atLeast, unit: unit,
                                    explanation: explanation))
        }
        if let v = find(.validate), let f = find(.csvFloor) {
            add("validate vs csv-floor", v.rowsPerSecond / f.rowsPerSecond, true, 0.5,
                "rows/s of validate / rows/s of raw libcsv")
        }
        if let big = find(.apply1kOnBig), let small = find(.apply1kOnSmall) {
            add("apply-1k big vs small", big.seconds / small.seconds, false, 3,
                "seconds on the big store / seconds on 1,000 users")
        }
        if let roster = find(.roster), let ordinary = roster.figures?["ordinarySeconds"], ordinary > 0 {
            add("roster vs ordinary rows", roster.seconds / ordinary, false, 1.5,
                "seconds of the roster / seconds of as many ordinary rows, same store")
        }
        if let x = find(.xlsx), let f = find(.xlsxFloor) {
            add("xlsx vs xlsx-floor", x.seconds / f.seconds, false, 1.25,
                "seconds of XLSXWriter / seconds of raw libxlsxwriter")
        }
        if let four = find(.validate4x), let one = find(.validate) {
            add("memory-flat 4N vs N", four.peakMiB / one.peakMiB, false, 1.2, "peak RSS validating 4N rows / N rows")
        }
        if let empty = find(.applyEmpty) {
            add("apply-empty speed", empty.rowsPerSecond, true, 50_000, "rows/s into an empty store", unit: .rowsPerSecond)
            add("apply-empty memory", empty.peakMiB, false, 256, "peak RSS applying N rows", unit: .mebibytes)
            if let four = find(.apply4x) {
                add("apply memory-flat 4N vs N", four.peakMiB / empty.peakMiB, false, 1.2,
                    "peak RSS applying 4N rows / N rows")
            }
        }
        if let files = find(.storeFiles)?.figures, let count = files["files"] {
            add("store files", count, false, 5_000, "files under store/", unit: .count)
            if let disk = files["diskBytes"], let json = files["jsonBytes"], json > 0 {
                add("store disk vs JSON", disk / json, false, 2, "bytes on disk / JSON bytes of the documents")
            }
        }
        if let verify = find(.storeVerify), let read = find(.storeRead) {
            add("store-verify vs store-read", verify.seconds / read.seconds, false, 1.2,
                "seconds of dealers store verify / seconds reading every store file")
        }
        if let verify = find(.storeVerify), let scan = find(.storeScan) {
            add("store-verify vs store-scan", verify.seconds / scan.seconds, false, 1.2,
                "seconds of dealers store verify / seconds of one pass decoding every user")
        }
        if let reports = find(.reportsBig), let floor = find(.reportsFloor) {
            add("reports-big vs reports-floor", reports.seconds / floor.seconds, false, 1.5,
                "seconds of ReportGenerator / seconds of raw libxlsxwriter")
        }
        return list
    }
}
