import Logging
import DealersModel
import DealersSupport

/// What every step of a run shares — the workspace (and its settings), the as-of date, the clock,
/// and where progress and problems are logged — handed on as one value.
public struct RunContext: Sendable {
    /// The workspace.
    public let workspace: Workspace
    /// The date the run acts as of.
    public let asOf: CivilDate
    /// Where progress and problems go.
    public let logger: Logger
    /// Where the run reads the time and waits (stability windows, receipt timings).
    public let clock: any WallClock

    /// Creates a context.
    /// - Parameter clock: the time and the waits of the run (the system clock unless a test moves one).
    public init(workspace: Workspace, asOf: CivilDate, logger: Logger, clock: any WallClock = SystemClock()) {
        self.workspace = workspace
        self.asOf = asOf
        self.logger = logger
        self.clock = clock
    }

    /// The workspace's settings (`dealers.json`).
    public var settings: Settings { workspace.settings }
}

/// A step of a run (processing a file, the reports, the sync feed, the nightly job …) that works
/// within a ``RunContext``; its parts are read through it.
public protocol RunStep {
    /// The run's context.
    var context: RunContext { get }
}

extension RunStep {
    /// The workspace.
    public var workspace: Workspace { context.workspace }
    /// The as-of date of the run.
    public var asOf: CivilDate { context.asOf }
    /// Where progress and problems go.
    public var logger: Logger { context.logger }
    /// Where the run reads the time and waits.
    public var clock: any WallClock { context.clock }
}
