import Foundation

/// How long sessions last and how sign-in failures are limited.
public struct SessionPolicy: Sendable {
    /// A session unused this long ends (default 30 minutes).
    public var idleTimeout: TimeInterval = 30 * 60
    /// A session ends this long after sign-in, used or not (default 12 hours).
    public var absoluteLifetime: TimeInterval = 12 * 60 * 60
    /// Failed sign-ins allowed per account name within ``failureWindow`` (default 5).
    public var maxFailures = 5
    /// The window over which failures are counted, and how long a name stays blocked (default 15 minutes).
    public var failureWindow: TimeInterval = 15 * 60
    /// Whether cookies carry `Secure` (set it when the portal is served over HTTPS by a proxy).
    public var secureCookies = false

    /// The defaults.
    public init() {}
}
