import DealersCore
import DealersPostgres
import Foundation
import Logging

/// Stages `pg-apply-empty`, `pg-apply-1k-on-big`, `pg-reports-big` (and `pg-workers`, ``WorkersStage``): the JSON
/// store's apply and report stages with the store in PostgreSQL, and the throughput of 1, 2 and
/// 4 `dealers run` workers sharing one inbox. The server is `$DEALERS_BENCH_POSTGRES_URL`
/// (`postgres://user@host:port/db`, a role that may create databases; password in
/// `$DEALERS_PG_PASSWORD`); each stage works in databases of its own, created fresh and dropped
/// at its end. Without the variable the stages report that they were skipped.
enum PostgresStages {
    /// The server, when the variable names one.
    static var server: PostgresURL? {
        get throws {
            try ProcessInfo.processInfo.environment["DEALERS_BENCH_POSTGRES_URL"].map { try PostgresURL($0) }
        }
    }

    static let logger = Logger(label: "dealers-bench") { _ in SwiftLogNoOpLogHandler() }

    /// Runs `body` with a fresh database named after the stage and a workspace whose store is in
    /// it (for `dealers`), dropping the database afterwards; a "skipped" row when no server is configured.
    static func withDatabase(_ stage: Stage, suffix: String = "", data: DataSet, layouts: URL,
                             dealers: [String] = BenchWorkspace.defaultDealers, _ body: (BenchWorkspace) throws -> [StageResult]) throws -> [StageResult] {
        guard let server = try server else {
            return [StageResult(stage: stage.rawValue, rows: 0, seconds: 0, peakMiB: 0,
                                note: "skipped: set DEALERS_BENCH_POSTGRES_URL")]
        }
        let name = "dealers_bench_" + stage.rawValue.replacingOccurrences(of: "-", with: "_") + suffix
        let url = try PostgresDatabases.create(name, on: server, replacing: true, logger: logger)
        defer { try? PostgresDatabases.drop(name, on: server, logger: logger) }
        let folder = data.root.appendingPathComponent("ws-\(stage.rawValue)\(suffix)")
        try FileSystem.removeTree(folder.path)
        return try body(try BenchWorkspace.prepare(at: folder, layouts: layouts, postgres: url, dealers: dealers))
    }

    /// `pg-apply-empty`: the users file applied to an empty database, after the collectives.
    static func applyEmpty(data: DataSet, layouts: URL) throws -> [StageResult] {
        try withDatabase(.pgApplyEmpty, data: data, layouts: layouts) { workspace in
            guard let (receipt, seconds) = try workspace.seed(users: try data.users(data.rows), data: data) else {
                throw BenchError("the new database already holds a store")
            }
            return [StageResult(stage: Stage.pgApplyEmpty.rawValue, rows: data.rows, seconds: seconds,
                                peakMiB: Measure.peakResidentMiB(), note: describe(receipt))]
        }
    }

    /// `pg-apply-1k-on-big`: the change file applied to a database holding the big store (built first, not timed).
    static func apply1kOnBig(data: DataSet, layouts: URL) throws -> [StageResult] {
        try withDatabase(.pgApply1kOnBig, data: data, layouts: layouts) { workspace in
            _ = try workspace.seed(users: try data.users(data.rows), data: data)
            let (receipt, seconds) = try workspace.apply(try data.changes())
            return [StageResult(stage: Stage.pgApply1kOnBig.rawValue, rows: DataSet.changeRows, seconds: seconds,
                                peakMiB: Measure.peakResidentMiB(), note: describe(receipt))]
        }
    }

    /// `pg-reports-big`: the reports and sync feed over the big store in the database (built first, not timed).
    static func reportsBig(data: DataSet, layouts: URL) throws -> [StageResult] {
        try withDatabase(.pgReportsBig, data: data, layouts: layouts) { workspace in
            _ = try workspace.seed(users: try data.users(data.rows), data: data)
            let seconds = try workspace.reports()
            return [StageResult(stage: Stage.pgReportsBig.rawValue, rows: data.rows, seconds: seconds,
                                peakMiB: Measure.peakResidentMiB(), note: "ReportGenerator, keyset scans of the database")]
        }
    }
}
