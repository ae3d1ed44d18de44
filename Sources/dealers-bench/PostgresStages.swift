import DealersCore
import DealersPostgres
import Foundation
import Logging

/// Stages `pg-apply-empty`, `pg-apply-1k-on-big`, `pg-reports-big` and `pg-workers`: the JSON
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
    /// it, dropping the database afterwards; a "skipped" row when no server is configured.
    static func withDatabase(_ stage: Stage, suffix: String = "", data: DataSet, layouts: URL,
                             _ body: (BenchWorkspace) throws -> [StageResult]) throws -> [StageResult] {
        guard let server = try server else {
            return [StageResult(stage: stage.rawValue, rows: 0, seconds: 0, peakMiB: 0,
                                note: "skipped: set DEALERS_BENCH_POSTGRES_URL")]
        }
        let name = "dealers_bench_" + stage.rawValue.replacingOccurrences(of: "-", with: "_") + suffix
        let url = try PostgresDatabases.create(name, on: server, replacing: true, logger: logger)
        defer { try? PostgresDatabases.drop(name, on: server, logger: logger) }
        let folder = data.root.appendingPathComponent("ws-\(stage.rawValue)\(suffix)")
        try FileSystem.removeTree(folder.path)
        return try body(try BenchWorkspace.prepare(at: folder, layouts: layouts, postgres: url))
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

    /// Files of the workers' inbox: the users file cut into this many parts.
    static let workerFiles = 40

    /// `pg-workers`: the users file cut into 40 files, dropped into the inbox of a workspace whose
    /// collectives are applied (not timed), and processed by 1, 2 and 4 `dealers run` processes
    /// at once; timed from the first start to the last exit (reports included).
    static func workers(data: DataSet, layouts: URL) throws -> [StageResult] {
        let parts = try split(try data.users(data.rows), into: workerFiles, folder: data.folder.appendingPathComponent("workers"))
        var results: [StageResult] = []
        for count in [1, 2, 4] {
            results += try withDatabase(.pgWorkers, suffix: "_\(count)", data: data, layouts: layouts) { workspace in
                try workspace.seedCollectives(data: data)
                let inbox = workspace.root.appendingPathComponent("inbox")
                for part in parts { try FileSystem.link(part.path, to: inbox.appendingPathComponent(part.lastPathComponent).path) }
                let executable = try CommandStages.dealersExecutable()
                let clock = ContinuousClock()
                let start = clock.now
                let processes = try (0..<count).map { _ in
                    let process = Process()
                    process.executableURL = URL(fileURLWithPath: executable)
                    process.arguments = ["run", "--root", workspace.root.path, "--as-of", CommandStages.asOf, "--quiet"]
                    process.standardError = FileHandle.nullDevice
                    try process.run()
                    return process
                }
                for process in processes { process.waitUntilExit() }
                let elapsed = clock.now - start
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                let left = try FileSystem.names(in: inbox.path).count
                return [StageResult(stage: "\(Stage.pgWorkers.rawValue):\(count)", rows: data.rows, seconds: seconds,
                                    peakMiB: 0, note: "\(count) worker(s), \(workerFiles) files, \(left) left in the inbox",
                                    peakOfCommand: true)]
            }
        }
        return results
    }

    /// Cuts a users file (header line, then one record per line) into `count` files with the header each.
    static func split(_ file: URL, into count: Int, folder: URL) throws -> [URL] {
        let names = (0..<count).map { folder.appendingPathComponent(String(format: "parte-%02d.csv", $0)) }
        if try names.allSatisfy({ try FileSystem.exists($0.path, followingLinks: true) }) { return names }
        try FileSystem.createDirectory(folder.path)
        let bytes = try Data(contentsOf: file)
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: true)
        guard !lines.isEmpty else { throw BenchError("\(file.path) is empty") }
        let header = lines.removeFirst()
        let per = (lines.count + count - 1) / count
        for (i, name) in names.enumerated() {
            var part = Data(header)
            part.append(0x0A)
            for line in lines.dropFirst(i * per).prefix(per) {
                part.append(line)
                part.append(0x0A)
            }
            try part.write(to: name)
        }
        return names
    }
}
