/// How much one upload and one inbox may hold.
public struct UploadLimits: Sendable {
    /// The largest file accepted, in bytes (default 20 MiB); a larger request is refused with 413.
    public var maxFileBytes = 20 * 1024 * 1024
    /// Files that may wait in one inbox folder at once (default 20); more are refused with 429
    /// until the watcher has taken some.
    public var maxWaitingFiles = 20

    /// The defaults.
    public init() {}
}
