import DealersCore
import Foundation

/// Stages `apply-empty`, `apply-4x`, `apply-1k-on-small`, `apply-1k-on-big` and `reports-big`:
/// the real pipeline over a store of its own.
enum ApplyStages {
    /// `apply-empty` (the N-row users file) or `apply-4x` (the 4N-row file, in `ws-4x`) applied
    /// to an empty store, after the collectives file.
    static func applyEmpty(stage: Stage, data: DataSet, layouts: URL) throws -> StageResult {
        let fourfold = stage == .apply4x
        let rows = fourfold ? 4 * data.rows : data.rows
        let workspace = try BenchWorkspace.prepare(at: data.root.appendingPathComponent(fourfold ? "ws-4x" : "ws-big"),
                                                   layouts: layouts)
        guard let (receipt, seconds) = try workspace.seed(users: try data.users(rows), data: data) else {
            throw BenchError("\(workspace.root.path) already has a store; use a new --keep folder")
        }
        return StageResult(stage: stage.rawValue, rows: rows, seconds: seconds,
                           peakMiB: Measure.peakResidentMiB(), note: describe(receipt))
    }

    /// The workspace of `apply-empty` (`ws-big`), its store built here (not timed) when a stage
    /// that needs it runs without `apply-empty`.
    static func bigWorkspace(data: DataSet, layouts: URL) throws -> BenchWorkspace {
        let workspace = try BenchWorkspace.prepare(at: data.root.appendingPathComponent("ws-big"), layouts: layouts)
        _ = try workspace.seed(users: try data.users(data.rows), data: data)
        return workspace
    }

    /// `apply-1k-on-small` / `apply-1k-on-big`: the 1,000-row change file applied to a store of
    /// 1,000 users (built first, not timed) or to the store of `apply-empty` (built here when missing).
    static func applyChanges(stage: Stage, data: DataSet, layouts: URL) throws -> StageResult {
        let big = stage == .apply1kOnBig
        let folder = data.root.appendingPathComponent(big ? "ws-big" : "ws-small")
        let workspace = try BenchWorkspace.prepare(at: folder, layouts: layouts)
        _ = try workspace.seed(users: try data.users(big ? data.rows : DataSet.changeRows), data: data)
        let (receipt, seconds) = try workspace.apply(try data.changes())
        return StageResult(stage: stage.rawValue, rows: DataSet.changeRows, seconds: seconds,
                           peakMiB: Measure.peakResidentMiB(), note: describe(receipt))
    }

    /// `reports-big`: the reports `Runner` regenerates after each run, over the big store.
    static func reportsBig(data: DataSet, layouts: URL) throws -> StageResult {
        let workspace = try bigWorkspace(data: data, layouts: layouts)
        let seconds = try workspace.reports()
        return StageResult(stage: Stage.reportsBig.rawValue, rows: data.rows, seconds: seconds,
                           peakMiB: Measure.peakResidentMiB(), note: "ReportGenerator over the whole store")
    }
}
