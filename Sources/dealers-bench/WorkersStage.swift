import DealersCore
import DealersPostgres
import Foundation

/// `pg-workers`: the users file cut into 40 files of 8 dealers (``WorkerFiles``), dropped into the
/// dealers' inboxes of a workspace whose collectives are applied (not timed), and processed by
/// 1, 2 and 4 `dealers run` processes started at once, timed from the first start to the last
/// exit (reports included). Per worker count: wall, files/s, rows/s, the workers' user and
/// system CPU, and how much the files waited on each other — from the receipts (how many files
/// were in flight at once, and how much longer a file took than with one worker) and from
/// `pg_stat_activity` sampled every 0.2 s (sessions waiting for a lock among those active).
enum WorkersStage {
    /// The worker counts measured.
    static let workerCounts = [1, 2, 4]
    /// Seconds between two samples of `pg_stat_activity`.
    static let sampleInterval = 0.2

    /// Runs the stage (a "skipped" row per count when no server is configured).
    static func run(data: DataSet, layouts: URL) throws -> [StageResult] {
        let folder = data.folder.appendingPathComponent("workers-8")
        let parts = try WorkerFiles.write(try data.users(data.rows), folder: folder)
        let collectives = try WorkerFiles.collectives(folder: folder)
        var results: [StageResult] = []
        var oneWorkerFileSeconds: Double?
        for count in workerCounts {
            results += try PostgresStages.withDatabase(.pgWorkers, suffix: "_\(count)", data: data, layouts: layouts,
                                                       dealers: WorkerFiles.dealers) { workspace in
                _ = try workspace.apply(collectives)
                for part in parts {
                    let inbox = workspace.root.appendingPathComponent("inbox").appendingPathComponent(part.dealer)
                    try FileSystem.createDirectory(inbox.path)
                    try FileSystem.link(part.url.path, to: inbox.appendingPathComponent(part.url.lastPathComponent).path)
                }
                var result = try measure(workers: count, workspace: workspace, parts: parts, rows: data.rows,
                                         oneWorkerFileSeconds: oneWorkerFileSeconds)
                if count == 1 { oneWorkerFileSeconds = result.figures?["fileSeconds"] }
                result.stage = "\(Stage.pgWorkers.rawValue):\(count)"
                return [result]
            }
        }
        return results
    }

    /// Starts `workers` `dealers run` processes on `workspace`, samples the database while they
    /// run, and reads the receipts of `parts` afterwards.
    static func measure(workers: Int, workspace: BenchWorkspace, parts: [WorkerFiles.Part], rows: Int,
                        oneWorkerFileSeconds: Double?) throws -> StageResult {
        guard let database = workspace.postgres else { throw BenchError("pg-workers needs a PostgreSQL store") }
        let executable = try CommandStages.dealersExecutable()
        let cpuBefore = ChildProcess.childrenCPUSeconds()
        let sampler = try SessionSampler(database: database, every: sampleInterval, logger: PostgresStages.logger)
        let (_, seconds) = try Measure.time {
            let processes = try (0..<workers).map { _ in
                let process = Process()
                process.executableURL = URL(fileURLWithPath: executable)
                process.arguments = ["run", "--root", workspace.root.path, "--as-of", CommandStages.asOf, "--quiet"]
                process.standardError = FileHandle.nullDevice
                try process.run()
                return process
            }
            for process in processes { process.waitUntilExit() }
        }
        let activity = try sampler.stop()
        let cpuAfter = ChildProcess.childrenCPUSeconds()
        let receipts = try parts.compactMap { part -> Receipt? in
            let url = workspace.root.appendingPathComponent("outbox").appendingPathComponent(part.dealer)
                .appendingPathComponent("receipts").appendingPathComponent(part.url.lastPathComponent + ".json")
            return try FileSystem.readIfPresent(url.path).map { try JSONDecoder().decode(Receipt.self, from: $0) }
        }
        let spans = FileSpans(receipts)
        let applied = receipts.reduce(0) { $0 + $1.rows.applied }
        let retries = receipts.reduce(0) { $0 + ($1.retries ?? 0) }
        let user = cpuAfter.user - cpuBefore.user, system = cpuAfter.system - cpuBefore.system
        let slower = oneWorkerFileSeconds.map { spans.fileSeconds / $0 - 1 }
        var note = String(format: "%d worker(s), %d of %d files answered (%d retries), %.2f files/s, user+sys %.1f+%.1f s; "
                          + "files in flight %.2f on average, %.0f %% of the time more than one",
                          workers, receipts.count, parts.count, retries, Double(receipts.count) / max(seconds, 1e-9),
                          user, system, spans.meanInFlight, 100 * spans.overlapShare)
        if let slower { note += String(format: ", file time %+.0f %% against 1 worker", 100 * slower) }
        note += String(format: "; sessions waiting for a lock %d of %d active (%.1f %%, %d samples)",
                       activity.waitingForLock, activity.active, 100 * activity.lockShare, activity.samples)
        var figures: [String: Double] = [
            "workers": Double(workers), "files": Double(receipts.count), "filesPerSecond": Double(receipts.count) / max(seconds, 1e-9),
            "appliedRows": Double(applied), "retries": Double(retries), "userSeconds": user, "systemSeconds": system,
            "fileSeconds": spans.fileSeconds, "meanInFlight": spans.meanInFlight, "overlapShare": spans.overlapShare,
            "samples": Double(activity.samples), "activeSessions": Double(activity.active),
            "lockWaitingSessions": Double(activity.waitingForLock), "lockShare": activity.lockShare,
        ]
        if let slower { figures["fileTimeOverOneWorker"] = slower }
        return StageResult(stage: Stage.pgWorkers.rawValue, rows: rows, seconds: seconds, peakMiB: 0, note: note,
                           peakOfCommand: true, figures: figures)
    }
}

/// The files' processing spans as their receipts give them (`startedAt` to `finishedAt`): how
/// much processing they took together and how far they overlapped.
struct FileSpans {
    /// Each file's start and finish, in seconds since 1970.
    var spans: [(start: Double, finish: Double)]

    init(_ receipts: [Receipt]) {
        spans = receipts.compactMap { receipt in
            guard let start = Receipt.date(receipt.startedAt), let finish = receipt.finishedAt.flatMap(Receipt.date) else { return nil }
            return (start.timeIntervalSince1970, finish.timeIntervalSince1970)
        }
    }

    init(spans: [(start: Double, finish: Double)]) { self.spans = spans }

    /// The files' seconds added up.
    var fileSeconds: Double { spans.reduce(0) { $0 + max(0, $1.finish - $1.start) } }

    /// Seconds during which at least one file, and more than one, was in flight.
    var busy: (any: Double, several: Double) {
        var events: [(time: Double, step: Int)] = []
        for span in spans {
            events.append((span.start, 1))
            events.append((span.finish, -1))
        }
        // At one instant, a finish before a start: touching spans do not overlap.
        events.sort { a, b in a.time < b.time || (a.time == b.time && a.step < b.step) }
        var inFlight = 0
        var last = 0.0, any = 0.0, several = 0.0
        for (time, step) in events {
            if inFlight >= 1 { any += time - last }
            if inFlight >= 2 { several += time - last }
            inFlight += step
            last = time
        }
        return (any, several)
    }

    /// Files in flight on average while any was.
    var meanInFlight: Double { busy.any > 0 ? fileSeconds / busy.any : 0 }

    /// The share of the busy time during which more than one file was in flight.
    var overlapShare: Double {
        let b = busy
        return b.any > 0 ? b.several / b.any : 0
    }
}
