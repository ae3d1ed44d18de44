import Foundation
import Logging
import Testing
import DealersCore

/// A temporary workspace with the shipped layouts, and a way to run the built `dealers` binary on it.
package struct TestWorkspace {
    package let root: URL

    package static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Creates a workspace with the repository's layouts and a `dealers.json` declaring ACME and IBERIA.
    package init(settings: String = #"{"dealers": ["ACME", "IBERIA"], "stabilitySeconds": 0}"#) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("dealers-ws-\(UUID().uuidString)")
        let fm = FileManager.default
        try fm.createDirectory(at: root.appendingPathComponent("inbox"), withIntermediateDirectories: true)
        try fm.copyItem(at: Self.repository.appendingPathComponent("layouts"), to: root.appendingPathComponent("layouts"))
        try Data(settings.utf8).write(to: root.appendingPathComponent("dealers.json"))
    }

    /// A workspace whose sample collectives (NORTE, SUR, PYME: ``Samples/collectives``) are
    /// applied already, as of 2026-11-24.
    package static func withSampleCollectives() throws -> TestWorkspace {
        let ws = try TestWorkspace()
        try ws.write("inbox/colectivos.csv", Samples.collectives)
        try ws.run(["run", "--as-of", "2026-11-24"])
        return ws
    }

    /// The repository's own sample workspace — its `inbox/` (operator and ACME files) and its
    /// `dealers.json` — run once as of 2026-11-24, the date README's examples use.
    package static func sampleRun() throws -> TestWorkspace {
        let ws = try TestWorkspace()
        let fm = FileManager.default
        try fm.removeItem(at: ws.url("inbox"))
        try fm.copyItem(at: repository.appendingPathComponent("inbox"), to: ws.url("inbox"))
        try fm.removeItem(at: ws.url("dealers.json"))
        try fm.copyItem(at: repository.appendingPathComponent("dealers.json"), to: ws.url("dealers.json"))
        let result = try ws.run(["run", "--as-of", "2026-11-24"])
        #expect(result.status == 0 || result.status == 65, "\(result.stderr)")
        return ws
    }

    package func url(_ path: String) -> URL { root.appendingPathComponent(path) }

    /// Writes a file into the workspace (folders created), in Windows-1252 when asked.
    @discardableResult
    package func write(_ path: String, _ text: String, windows1252: Bool = false) throws -> URL {
        let url = self.url(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let bytes = windows1252 ? TextEncoding.windows1252.encode(text) : Array(text.utf8)
        try Data(bytes).write(to: url)
        return url
    }

    package func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: url(path).path) }

    package func text(_ path: String) throws -> String {
        String(decoding: try Data(contentsOf: url(path)), as: UTF8.self)
    }

    package func receipt(_ path: String) throws -> Receipt {
        try JSONDecoder().decode(Receipt.self, from: Data(contentsOf: url(path)))
    }

    /// The path (in the workspace) of the output whose name ends with `suffix` of the latest
    /// receipt of `input` (`outbox/receipts/<input>.json`, or a dealer's), e.g. its errors.csv.
    package func output(of input: String, dealer: String? = nil, endingWith suffix: String) throws -> String {
        let outbox = dealer.map { "outbox/\($0)/" } ?? "outbox/"
        let receipt = try self.receipt(outbox + "receipts/\(input).json")
        let output = try #require(receipt.outputs.first { $0.hasSuffix(suffix) }, "\(input) has no \(suffix): \(receipt.outputs)")
        return outbox + output
    }

    /// The store, opened for reading (as the tests' observer: no lock, nothing written).
    package func store() throws -> DocumentStore {
        try DocumentStore.openReadOnly(directory: url("store"), logger: Logger(label: "tests") { _ in SwiftLogNoOpLogHandler() })
    }

    /// The user with a document, read from the store.
    package func user(_ document: String) throws -> User? {
        try store().readJSON(User.self, StoreLayout.user(document))
    }

    /// Whether the store holds a document.
    package func hasDocument(_ path: String) -> Bool {
        (try? store().contains(StoreKey(path))) ?? false
    }

    /// How many documents the store holds under a folder prefix.
    package func documentCount(under prefix: String) -> Int {
        (try? store().keys(under: prefix).reduce(0) { count, _ in count + 1 }) ?? 0
    }

    package func remove() { try? FileManager.default.removeItem(at: root) }

    /// Runs `dealers ARGS --root <workspace>` and waits for it.
    @discardableResult
    package func run(_ args: [String], environment: [String: String] = [:]) throws -> ProcessResult {
        let process = try start(args, environment: environment)
        return process.wait()
    }

    /// Starts `dealers ARGS --root <workspace>` without waiting (through `launcher` when given,
    /// e.g. `ip netns exec NAME`).
    package func start(_ args: [String], environment: [String: String] = [:], launcher: [String] = []) throws -> RunningProcess {
        try RunningProcess(arguments: args + ["--root", root.path], environment: environment, launcher: launcher)
    }
}
