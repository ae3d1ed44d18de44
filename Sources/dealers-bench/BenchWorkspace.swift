import DealersCore
import DealersPostgres
import Foundation
import Logging

/// A workspace of its own for the apply stages (`<dir>/ws-big`, `<dir>/ws-small`): the shipped
/// layouts, a `dealers.json`, an inbox and a store, with files applied through the real
/// ``FileProcessor`` (identify, read, validate, apply rules, one store transaction, receipt,
/// archive).
struct BenchWorkspace {
    /// The workspace root.
    let root: URL
    /// The store's database, for the PostgreSQL stages (`nil`: the JSON store in `store/`).
    var postgres: PostgresURL?
    /// The as-of date of every run: the data's contracts start on 01/11/2026.
    static let asOf = CivilDate(year: 2026, month: 11, day: 24)

    /// `DEALERS_BENCH_ONE_THREAD=1`: every stage on one thread — records read on the applying
    /// thread (`readerThread: false` in the workspaces' settings) and every report file written
    /// on the calling thread — to compare with the default, two threads.
    static let oneThread = ProcessInfo.processInfo.environment["DEALERS_BENCH_ONE_THREAD"] == "1"

    /// The dealers of bench workspaces unless a stage names others.
    static let defaultDealers = ["ACME", "IBERIA"]

    /// The `dealers.json` of bench workspaces (the sample's settings, the store in `postgres`
    /// when given).
    static func settings(postgres: PostgresURL?, dealers: [String] = defaultDealers) -> String {
        let store = postgres.map { #", "store": {"backend": "postgresql", "url": "\#($0)"}"# } ?? ""
        return """
            {"dealers": [\(dealers.map { "\"\($0)\"" }.joined(separator: ", "))], "language": "es", "timeZone": "Europe/Madrid",
             "defaultCountry": "ES", "stabilitySeconds": 0, "readerThread": \(!oneThread)\(store)}
            """
    }

    /// Creates the folders, copies the layouts and writes `dealers.json` when the workspace is new
    /// (its store in `postgres` when given: the database's password, if any, comes from
    /// `$DEALERS_PG_PASSWORD`), for `dealers`.
    static func prepare(at root: URL, layouts: URL, postgres: PostgresURL? = nil,
                        dealers: [String] = defaultDealers) throws -> BenchWorkspace {
        let target = root.appendingPathComponent("layouts")
        if try !FileSystem.exists(target.path, followingLinks: true) {
            guard try FileSystem.entry(at: layouts.path, followingLinks: true) == .folder else {
                throw BenchError("no layouts folder at \(layouts.path)")
            }
            try FileSystem.createDirectory(root.appendingPathComponent("inbox").path)
            for entry in try FileSystem.listing(of: layouts.path) where !entry.isFolder {
                let data = try FileSystem.readIfPresent(layouts.appendingPathComponent(entry.name).path) ?? Data()
                try AtomicFile.write(data, to: target.appendingPathComponent(entry.name))
            }
            try AtomicFile.write(Data(settings(postgres: postgres, dealers: dealers).utf8), to: root.appendingPathComponent("dealers.json"))
        }
        return BenchWorkspace(root: root, postgres: postgres)
    }

    /// Whether a store exists here already (for PostgreSQL: one holding documents).
    var hasStore: Bool {
        if let postgres {
            let logger = Logger(label: "dealers-bench") { _ in SwiftLogNoOpLogHandler() }
            guard let store = try? PostgresStore.openReadOnly(postgres, logger: logger) else { return false }
            defer { store.close() }
            return ((try? store.count(under: "")) ?? 0) > 0
        }
        return (try? FileSystem.exists(root.appendingPathComponent("store/meta.json").path, followingLinks: true)) == true
    }

    /// Opens the store for writing: the JSON store in `store/` or the database.
    func openStore(_ workspace: Workspace, logger: Logger) throws -> any DocumentBackend {
        if let postgres { return try PostgresStore(url: postgres, logger: logger) }
        return try DocumentStore(directory: workspace.store, logger: logger)
    }

    /// Applies one file as `dealers run` would for the operator's inbox: the file is linked into
    /// `inbox/`, processed by ``FileProcessor`` and archived. Returns the receipt and the
    /// seconds of `process` alone (store already open).
    func apply(_ file: URL) throws -> (Receipt, Double) {
        guard let asOf = Self.asOf else { throw BenchError("bad as-of date") }
        let workspace = try Workspace(root: root)
        let logger = Logger(label: "dealers-bench") { _ in SwiftLogNoOpLogHandler() }
        let inboxFile = workspace.inbox.appendingPathComponent(file.lastPathComponent)
        try FileSystem.remove(inboxFile.path)
        try FileSystem.link(file.path, to: inboxFile.path)
        let store = try openStore(workspace, logger: logger)
        defer { store.close() }
        let catalog = try LayoutCatalog(folder: workspace.layouts)
        let processor = FileProcessor(context: RunContext(workspace: workspace, asOf: asOf, logger: logger), catalog: catalog)
        let (receipt, seconds) = try Measure.time { try processor.process(inboxFile, dealer: nil, store: store) }
        switch receipt.status {
        case .applied, .partial: return (receipt, seconds)
        default:
            throw BenchError("\(file.lastPathComponent) was not applied in \(root.path): \(receipt.status.rawValue) "
                             + (receipt.message ?? ""))
        }
    }

    /// Applies the collectives and then `users` to a new store (no-op when the store exists).
    func seed(users: URL, data: DataSet) throws -> (Receipt, Double)? {
        guard !hasStore else { return nil }
        _ = try apply(try data.collectives())
        return try apply(users)
    }

    /// Applies the collectives file to a new store (no-op when the store exists): the state a
    /// workspace needs before users can be validated or run through the `dealers` command.
    func seedCollectives(data: DataSet) throws {
        guard !hasStore else { return }
        _ = try apply(try data.collectives())
    }

    /// Regenerates the reports of the store, as `Runner` does after every run that processed a file.
    func reports() throws -> Double {
        guard let asOf = Self.asOf else { throw BenchError("bad as-of date") }
        let workspace = try Workspace(root: root)
        let logger = Logger(label: "dealers-bench") { _ in SwiftLogNoOpLogHandler() }
        let store = try openStore(workspace, logger: logger)
        defer { store.close() }
        let ((), seconds) = try Measure.time {
            var generator = ReportGenerator(context: RunContext(workspace: workspace, asOf: asOf, logger: logger))
            generator.concurrentWriters = !Self.oneThread
            try generator.generate(store: store)
        }
        return seconds
    }
}

/// Describes a receipt in a few words for the table's note column.
func describe(_ receipt: Receipt) -> String {
    "\(receipt.rows.applied) applied, \(receipt.rows.rejected) rejected (\(receipt.status.rawValue))"
}
