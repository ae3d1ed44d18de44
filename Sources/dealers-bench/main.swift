// The benchmark of the real pipeline against floors: see docs/performance.md.
import DealersCore
import Foundation

/// Runs the whole benchmark (each stage in a child) or, with `--stage`, one stage in-process.
func benchMain() -> Int32 {
    do {
        let options = try BenchOptions(Array(CommandLine.arguments.dropFirst()))
        if let file = options.usersFile { try DataSet(root: options.directory, rows: options.rows).adopt(usersFile: file) }
        if let stage = options.stage {
            defer { if options.keep == nil { try? FileSystem.removeTree(options.directory.path) } }
            let stageResults = try stage.run(options: options)
            if let file = options.resultFile {
                try JSONEncoder().encode(stageResults).write(to: file)
            } else {
                print(ResultTable(results: stageResults).markdown)
            }
            return 0
        }
        try FileSystem.createDirectory(options.directory.path)
        defer { if options.keep == nil { try? FileSystem.removeTree(options.directory.path) } }
        log("dealers-bench: \(options.rows) rows in \(options.directory.path)")
        let (_, generation) = try Measure.time { try Stage.generateData(options: options) }
        log(String(format: "data generated in %.1f s", generation))
        var results: [StageResult] = []
        for stage in Stage.allCases where !options.skipping(stage) {
            log("stage \(stage.rawValue) …")
            for result in try ChildProcess.run(stage, options: options) {
                log(String(format: "  %@: %.3f s, %.1f MiB, %@", result.stage, result.seconds, result.peakMiB, result.note))
                results.append(result)
            }
        }
        print(ResultTable(results: results).markdown)
        return 0
    } catch {
        log("dealers-bench: \(error)")
        return 1
    }
}

/// Progress on standard error, so standard output holds only the table.
func log(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

exit(benchMain())
