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
    /// How many password checks run at once and how many may wait (over that: 503).
    public var passwordChecks = PasswordCheckPolicy()
    /// Upload size and count limits.
    public var uploads = UploadLimits()
    /// Opens a read-only view of the store, for the customer look-up (default: the JSON store in
    /// the workspace's `store/`; `dealers serve` passes the backend `dealers.json` names).
    public var openStore: @Sendable () throws -> any DocumentBackend
    /// The clock sessions expire and sign-ins are throttled by (tests pass a ``ManualClock`` and move it).
    public var clock: any WallClock = SystemClock()

    /// A configuration with the defaults.
    public init(workspace: Workspace) {
        self.workspace = workspace
        let folder = workspace.store
        openStore = { try DocumentStore.openReadOnly(directory: folder, logger: Logger(label: "dealers.portal")) }
    }
}
