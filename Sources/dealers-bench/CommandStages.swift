import DealersCore
import Foundation

/// Stages `validate-command`, `run-command` and `store-verify`: the built `dealers` executable
/// run as a user would, on a bench workspace. Each is timed from spawn to reap and its peak
/// memory is the command's own `ru_maxrss` (from `wait4`), not that of the stage process.
enum CommandStages {
    /// The `--as-of` of every command, the date of ``BenchWorkspace/asOf``.
    static let asOf = "2026-11-24"

    /// The `dealers` executable in the folder of the running `dealers-bench`.
    static func dealersExecutable() throws -> String {
        let bench = URL(fileURLWithPath: try ChildProcess.executablePath())
        let path = bench.deletingLastPathComponent().appendingPathComponent("dealers").path
        guard FileSystem.isExecutable(path) else {
            throw BenchError("no dealers executable at \(path): build it beside dealers-bench "
                             + "(swift build -c release --product dealers)")
        }
        return path
    }

    /// `validate-command`: `dealers validate FILE --root WS` on the users file, WS holding the
    /// layouts and the collectives (applied first, not timed).
    static func validate(data: DataSet, layouts: URL) throws -> StageResult {
        let workspace = try BenchWorkspace.prepare(at: data.root.appendingPathComponent("ws-validate"), layouts: layouts)
        try workspace.seedCollectives(data: data)
        let file = try data.users(data.rows)
        let output = workspace.root.appendingPathComponent("validate-output.txt")
        let command = try run(["validate", file.path, "--root", workspace.root.path], in: workspace, output: output)
        let summary = (try? String(contentsOf: output, encoding: .utf8))?.split(separator: "\n").first.map(String.init)
        return result(.validateCommand, rows: data.rows, command,
                      note: shortSummary(summary) ?? "no summary printed")
    }

    /// `run-command`: `dealers run --root WS` with the users file in `WS/inbox`, WS a new
    /// workspace with the collectives applied first (not timed). Includes the reports and the
    /// sync feed that `run` writes after processing a file.
    static func run(data: DataSet, layouts: URL) throws -> StageResult {
        let workspace = try BenchWorkspace.prepare(at: data.root.appendingPathComponent("ws-run"), layouts: layouts)
        guard !workspace.hasStore else {
            throw BenchError("\(workspace.root.path) already has a store; use a new --keep folder")
        }
        try workspace.seedCollectives(data: data)
        let file = try data.users(data.rows)
        try FileSystem.link(file.path, to: workspace.root.appendingPathComponent("inbox")
            .appendingPathComponent(file.lastPathComponent).path)
        let command = try run(["run", "--root", workspace.root.path], in: workspace, output: nil)
        let receiptFile = workspace.root.appendingPathComponent("outbox/receipts/\(file.lastPathComponent).json")
        let receipt = (try? Data(contentsOf: receiptFile)).flatMap { try? JSONDecoder().decode(Receipt.self, from: $0) }
        return result(.runCommand, rows: data.rows, command,
                      note: (receipt.map(describe) ?? "no receipt") + ", with reports and sync feed")
    }

    /// `store-verify`: `dealers store verify --root WS` on the big store (built first when missing).
    static func verify(data: DataSet, layouts: URL) throws -> StageResult {
        let workspace = try ApplyStages.bigWorkspace(data: data, layouts: layouts)
        let output = workspace.root.appendingPathComponent("verify-output.txt")
        let command = try run(["store", "verify", "--root", workspace.root.path], in: workspace, output: output)
        let last = (try? String(contentsOf: output, encoding: .utf8))?.split(separator: "\n").last.map(String.init)
        return result(.storeVerify, rows: data.rows, command, note: last ?? "nothing printed")
    }

    /// Runs `dealers ARGUMENTS --as-of … --quiet`, its standard error (warnings, such as a
    /// partial file) kept in `WS/dealers-stderr.txt`; exit 0 and 65 (rows rejected, problems
    /// found) are results, anything else fails the stage.
    private static func run(_ arguments: [String], in workspace: BenchWorkspace, output: URL?) throws -> Spawned {
        let errors = workspace.root.appendingPathComponent("dealers-stderr.txt")
        let command = try Spawned.run(try dealersExecutable(), arguments + ["--as-of", asOf, "--quiet"],
                                      output: output, errors: errors)
        guard command.exitCode == 0 || command.exitCode == 65 else {
            let message = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
            throw BenchError("dealers \(arguments.prefix(2).joined(separator: " ")) ended with \(command.statusText): "
                             + message.suffix(2_000))
        }
        return command
    }

    private static func result(_ stage: Stage, rows: Int, _ command: Spawned, note: String) -> StageResult {
        StageResult(stage: stage.rawValue, rows: rows, seconds: command.seconds, peakMiB: command.peakMiB,
                    note: "\(command.statusText): \(note)", peakOfCommand: true)
    }

    /// `usuarios-N.csv: PARTIAL layout=users rows=… in 12.3 s` without the file name and timing.
    private static func shortSummary(_ line: String?) -> String? {
        guard var text = line else { return nil }
        if let colon = text.range(of: ": ") { text = String(text[colon.upperBound...]) }
        if let timing = text.range(of: " in ", options: .backwards) { text = String(text[..<timing.lowerBound]) }
        return text
    }
}
