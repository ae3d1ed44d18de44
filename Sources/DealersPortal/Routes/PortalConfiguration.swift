import DealersCore
import Foundation
import Logging

/// Everything `dealers serve` is started with.
public struct PortalConfiguration: Sendable {
    /// The workspace the portal is a door to.
    public var workspace: Workspace
    /// The address to listen on (default 127.0.0.1).
    public var host = "127.0.0.1"
    /// The port (default 8080; 0 picks a free one).
    public var port = 8080
    /// Session lifetimes, sign-in limits, cookie flags.
    public var sessions = SessionPolicy()
    /// Upload size and count limits.
    public var uploads = UploadLimits()
    /// The clock sessions expire and sign-ins are throttled by (tests pass a ``ManualClock`` and move it).
    public var clock: any WallClock = SystemClock()

    /// A configuration with the defaults.
    public init(workspace: Workspace) {
        self.workspace = workspace
    }
}
