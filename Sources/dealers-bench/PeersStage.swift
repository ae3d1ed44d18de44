import DealersCore
import Foundation

/// Stage `peers`: `scripts/peers.py` (DuckDB, polars, pandas) checking the same users file, one
/// line per peer (`peers:duckdb` …) with the peer's own time and peak memory. Skipped, with a
/// note, when there is no Python or none of the peers can be imported: the peers are never
/// required.
enum PeersStage {
    /// What `peers.py --json` prints for one peer.
    struct Figures: Decodable {
        var tool: String
        var version: String?
        var rows: Int?
        var defective: Int?
        var seconds: Double?
        var peakMiB: Double?
        var error: String?
    }

    static func run(file: URL, rows: Int, layouts: URL) throws -> [StageResult] {
        let script = layouts.deletingLastPathComponent().appendingPathComponent("scripts/peers.py")
        guard try FileSystem.exists(script.path, followingLinks: true) else { return [skipped("no \(script.path)")] }
        let name = ProcessInfo.processInfo.environment["DEALERS_BENCH_PYTHON"] ?? "python3"
        guard let python = executable(name) else { return [skipped("no \(name) on PATH")] }
        let output = file.deletingLastPathComponent().appendingPathComponent("peers-\(rows).json")
        let run = try Spawned.run(python, [script.path, file.path, "--layout",
                                           layouts.appendingPathComponent("users.json").path, "--json"],
                                  output: output)
        if run.exitCode == 3 { return [skipped("none of duckdb, polars, pandas importable by \(python)")] }
        guard run.exitCode == 0 || run.exitCode == 1,
              let peers = try? JSONDecoder().decode([Figures].self, from: Data(contentsOf: output)) else {
            return [skipped("peers.py failed (\(run.statusText))")]
        }
        return peers.map { peer in
            guard peer.error == nil, let seconds = peer.seconds, let checked = peer.rows else {
                return StageResult(stage: "peers:\(peer.tool)", rows: 0, seconds: 0, peakMiB: 0,
                                   note: "failed: \(peer.error ?? "no figures")", peakOfCommand: true)
            }
            let agreement = checked == rows ? "" : ", read \(checked) rows"
            return StageResult(stage: "peers:\(peer.tool)", rows: rows, seconds: seconds, peakMiB: peer.peakMiB ?? 0,
                               note: "\(peer.tool) \(peer.version ?? "?"): \(peer.defective ?? 0) defective rows\(agreement)",
                               peakOfCommand: true)
        }
    }

    private static func skipped(_ why: String) -> StageResult {
        StageResult(stage: Stage.peers.rawValue, rows: 0, seconds: 0, peakMiB: 0, note: "skipped: \(why)",
                    peakOfCommand: true)
    }

    /// `name` itself when it holds a slash, else the first executable of that name on `PATH`.
    static func executable(_ name: String) -> String? {
        if name.contains("/") { return FileSystem.isExecutable(name) ? name : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }
            .first { FileSystem.isExecutable($0) }
    }
}
