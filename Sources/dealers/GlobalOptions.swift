import ArgumentParser
import DealersCore
import Foundation
import Logging

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The workspace folder (default: $DEALERS_ROOT, else the current folder).", valueName: "dir"))
    var root: String?

    @Option(name: .customLong("as-of"), help: ArgumentHelp("The date the command acts as of, YYYY-MM-DD (default: today in the configured time zone).", valueName: "date"))
    var asOf: String?

    @Flag(name: .shortAndLong, help: "Log every step (debug level).")
    var verbose = false

    @Flag(name: .shortAndLong, help: "Log only warnings and errors.")
    var quiet = false

    func validate() throws {
        if let asOf, CivilDate(iso: asOf) == nil {
            throw ValidationError("--as-of must be a real date as YYYY-MM-DD, found \"\(asOf)\"")
        }
        if verbose && quiet { throw ValidationError("--verbose and --quiet cannot be used together") }
    }

    /// The workspace root URL.
    var rootURL: URL {
        let path = root ?? ProcessInfo.processInfo.environment["DEALERS_ROOT"] ?? FileSystem.currentDirectory
        return URL(fileURLWithPath: path, isDirectory: true)
    }

    /// Opens the workspace (settings included).
    func workspace() throws -> Workspace {
        let url = rootURL
        guard (try? FileSystem.entry(at: url.path, followingLinks: true)) == .folder else {
            throw DealersError(.noInput, path: url.path, "the workspace folder does not exist (create one with dealers init DIR)")
        }
        return try Workspace(root: url)
    }

    /// The as-of date: the option, or today in the workspace's time zone.
    func date(_ workspace: Workspace) -> CivilDate {
        asOf.flatMap { CivilDate(iso: $0) } ?? CivilDate(Date(), in: workspace.settings.timeZone)
    }

    /// How the row loop of long files is shown: a progress bar when standard error is a
    /// terminal, plain log lines otherwise, nothing with `--quiet`.
    func progress(_ logger: Logger) -> ProgressReporter? {
        if quiet { return nil }
        return isatty(STDERR_FILENO) == 1 ? TerminalProgressBar() : LogProgress(logger: logger)
    }

    /// Opens the workspace and its store for writing — the JSON store in `store/` (waiting for
    /// another holder when `wait`) or the PostgreSQL database `dealers.json` names — runs
    /// `body`, and closes the store.
    func withStore<T>(wait: Bool, _ body: (Workspace, any DocumentBackend, Logger) throws -> T) throws -> T {
        let workspace = try workspace()
        let logger = logger()
        let store = try StoreLocation.of(workspace).openForWriting(wait: wait, logger: logger)
        defer { store.close() }
        return try body(workspace, store, logger)
    }

    /// ``withStore(wait:_:)`` for the commands that work on the JSON store's files only
    /// (`compact`, `migrate`): on PostgreSQL they say so and exit 64.
    func withFolderStore<T>(wait: Bool, command: String, _ body: (Workspace, DocumentStore, Logger) throws -> T) throws -> T {
        let workspace = try workspace()
        if case .postgres(let url) = try StoreLocation.of(workspace) {
            throw DealersError(.usage, path: url.description, "dealers \(command) works on the JSON store's segment files; this workspace's store is in PostgreSQL, whose server compacts (VACUUM) and upgrades (the program's migrations, at every open) on its own")
        }
        let logger = logger()
        let store = try DocumentStore(directory: workspace.store, wait: wait, logger: logger)
        defer { store.close() }
        return try body(workspace, store, logger)
    }

    /// A read-only view of the workspace's store (one committed state).
    func readOnlyStore(_ workspace: Workspace, logger: Logger) throws -> any DocumentBackend {
        try StoreLocation.of(workspace).openReadOnly(logger: logger)
    }

    /// A logger to standard error at the chosen level.
    func logger() -> Logger {
        var logger = Logger(label: "dealers") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = verbose ? .debug : quiet ? .warning : .info
        return logger
    }
}

/// Runs a command body, turning a ``DealersError`` into its message and exit code.
func guarded(_ body: () throws -> Int32) throws {
    let code: Int32
    do {
        code = try body()
    } catch let error as DealersError {
        FileHandle.standardError.write(Data("dealers: error: \(error.description)\n".utf8))
        throw ExitCode(error.exitCode)
    } catch let conflict as StoreConflict {
        // A transaction met another worker's more often than its unit retries it (ConflictRetry:
        // a file, the sync feed, the nightly, a settlement, a store edit): nothing was committed,
        // and running the command again is safe.
        FileHandle.standardError.write(Data("dealers: error: \(conflict.description); nothing was committed, run it again\n".utf8))
        throw ExitCode(DealersError(.locked, "").exitCode)
    }
    if code != 0 { throw ExitCode(code) }
}

/// `--wait`, for the commands that open the store for writing.
struct WaitOption: ParsableArguments {
    @Flag(help: "Wait for the store when another dealers process (e.g. watch) holds it, instead of exiting with 75.")
    var wait = false
}
