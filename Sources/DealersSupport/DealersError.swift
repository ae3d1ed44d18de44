/// The one error type a person reads: what went wrong, where, and which exit code it maps to.
///
/// Row-level problems in an input file are not thrown; they are ``RowError`` values collected by
/// validation. `DealersError` is for everything that stops a command or a file: a broken layout,
/// a file that cannot be read, a store that is locked or damaged, a setting that is wrong.
public struct DealersError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What kind of failure this is; decides the process exit code.
    public enum Kind: String, Sendable, Equatable {
        /// Bad command-line usage (exit 64).
        case usage
        /// Input data that cannot be used as it is (exit 65).
        case data
        /// A named input that does not exist (exit 66).
        case noInput
        /// A layout definition that is itself wrong (exit 78, EX_CONFIG: like settings, it is
        /// configuration, and running again will not mend it).
        case layout
        /// Settings (`dealers.json`) that are wrong (exit 78, EX_CONFIG).
        case config
        /// An output that cannot be created (exit 73).
        case cannotCreate
        /// Reading or writing failed at the operating-system level (exit 74).
        case io
        /// The store is held by another process (exit 75).
        case locked
        /// The store is damaged or violates its invariants (exit 65).
        case corruptStore
        /// A bug or an impossible state (exit 70).
        case internalError
    }

    /// The kind of failure.
    public var kind: Kind
    /// The file, folder or setting the failure is about, when there is one.
    public var path: String?
    /// A sentence a person can act on.
    public var message: String

    /// Creates an error.
    public init(_ kind: Kind, path: String? = nil, _ message: String) {
        self.kind = kind
        self.path = path
        self.message = message
    }

    /// The sysexits code for this error.
    public var exitCode: Int32 {
        switch kind {
        case .usage: return 64
        case .data, .corruptStore: return 65
        case .noInput: return 66
        case .internalError: return 70
        case .cannotCreate: return 73
        case .io: return 74
        case .locked: return 75
        case .config, .layout: return 78
        }
    }

    public var description: String {
        if let path { return "\(path): \(message)" }
        return message
    }
}
