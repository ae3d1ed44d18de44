import Foundation
import Logging
import Testing
@testable import DealersCore

/// A temporary workspace with the shipped layouts, and a way to run the built `dealers` binary on it.
struct TestWorkspace {
    let root: URL

    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Creates a workspace with the repository's layouts and a `dealers.json` declaring ACME and IBERIA.
    init(settings: String = #"{"dealers": ["ACME", "IBERIA"], "stabilitySeconds": 0}"#) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("dealers-ws-\(UUID().uuidString)")
        let fm = FileManager.default
        try fm.createDirectory(at: root.appendingPathComponent("inbox"), withIntermediateDirectories: true)
        try fm.copyItem(at: Self.repository.appendingPathComponent("layouts"), to: root.appendingPathComponent("layouts"))
        try Data(settings.utf8).write(to: root.appendingPathComponent("dealers.json"))
    }

    func url(_ path: String) -> URL { root.appendingPathComponent(path) }

    /// Writes a file into the workspace (folders created), in Windows-1252 when asked.
    @discardableResult
    func write(_ path: String, _ text: String, windows1252: Bool = false) throws -> URL {
        let url = self.url(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let bytes = windows1252 ? TextEncoding.windows1252.encode(text) : Array(text.utf8)
        try Data(bytes).write(to: url)
        return url
    }

    func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: url(path).path) }

    func text(_ path: String) throws -> String {
        String(decoding: try Data(contentsOf: url(path)), as: UTF8.self)
    }

    func receipt(_ path: String) throws -> Receipt {
        try JSONDecoder().decode(Receipt.self, from: Data(contentsOf: url(path)))
    }

    /// The path (in the workspace) of the output whose name ends with `suffix` of the latest
    /// receipt of `input` (`outbox/receipts/<input>.json`, or a dealer's), e.g. its errors.csv.
    func output(of input: String, dealer: String? = nil, endingWith suffix: String) throws -> String {
        let outbox = dealer.map { "outbox/\($0)/" } ?? "outbox/"
        let receipt = try self.receipt(outbox + "receipts/\(input).json")
        let output = try #require(receipt.outputs.first { $0.hasSuffix(suffix) }, "\(input) has no \(suffix): \(receipt.outputs)")
        return outbox + output
    }

    /// The store, opened for reading (as the tests' observer: no lock, nothing written).
    func store() throws -> DocumentStore {
        try DocumentStore.openReadOnly(directory: url("store"), logger: Logger(label: "tests") { _ in SwiftLogNoOpLogHandler() })
    }

    /// The user with a document, read from the store.
    func user(_ document: String) throws -> User? {
        try store().readJSON(User.self, StoreLayout.user(document))
    }

    /// Whether the store holds a document.
    func hasDocument(_ path: String) -> Bool {
        (try? store().contains(StoreKey(path))) ?? false
    }

    /// How many documents the store holds under a folder prefix.
    func documentCount(under prefix: String) -> Int {
        (try? store().keys(under: prefix).reduce(0) { count, _ in count + 1 }) ?? 0
    }

    func remove() { try? FileManager.default.removeItem(at: root) }

    /// Runs `dealers ARGS --root <workspace>` and waits for it.
    @discardableResult
    func run(_ args: [String], environment: [String: String] = [:]) throws -> ProcessResult {
        let process = try start(args, environment: environment)
        return process.wait()
    }

    /// Starts `dealers ARGS --root <workspace>` without waiting.
    func start(_ args: [String], environment: [String: String] = [:]) throws -> RunningProcess {
        try RunningProcess(arguments: args + ["--root", root.path], environment: environment)
    }
}

/// What a finished process left.
struct ProcessResult {
    var status: Int32
    var stdout: String
    var stderr: String
    var signalled: Bool
}

/// A `dealers` process, with its output captured in files (no pipe can fill up and block it).
final class RunningProcess {
    let process = Process()
    private let outURL: URL
    private let errURL: URL

    /// The built binary: next to the test bundle, or `DEALERS_BIN`.
    static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["DEALERS_BIN"] { return URL(fileURLWithPath: path) }
        var dir = Bundle.main.bundleURL
        for _ in 0..<3 {
            let candidate = dir.appendingPathComponent("dealers")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return TestWorkspace.repository.appendingPathComponent(".build/debug/dealers")
    }

    init(arguments: [String], environment: [String: String]) throws {
        outURL = FileManager.default.temporaryDirectory.appendingPathComponent("dealers-out-\(UUID().uuidString)")
        errURL = FileManager.default.temporaryDirectory.appendingPathComponent("dealers-err-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        process.executableURL = Self.binary
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }

    func kill(_ signal: Int32 = SIGKILL) { Foundation.kill(process.processIdentifier, signal) }

    func wait() -> ProcessResult {
        process.waitUntilExit()
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        return ProcessResult(
            status: process.terminationStatus,
            stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "",
            signalled: process.terminationReason == .uncaughtSignal)
    }
}

/// Polls a condition until it holds or the deadline passes.
func eventually(timeout: Duration = .seconds(30), _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try condition() { return true }
        Thread.sleep(forTimeInterval: 0.02)
    }
    return try condition()
}

/// Sample files used by several tests.
enum Samples {
    static let collectives = """
    Acción;Código;Nombre;País;Distribuidor;Precio mensual;Precio anual;Moneda;Duración;Activo\r
    ALTA;NORTE;Empresa Norte;ES;ACME;9,90;99,00;EUR;1A;sí\r
    ALTA;SUR;Asociación Sur;ES;ACME;4,95;49,50;EUR;1A;sí\r
    ALTA;PYME;Pymes de Madrid;ES;IBERIA;12,50;1.250,00;EUR;12M;sí\r

    """

    static let users = """
    Acción;Colectivo;Nº Documento;Nombre;Apellidos;Email;Fecha nacimiento;Relación;Documento titular;Fecha inicio\r
    ALTA;NORTE;23456789D;María;Peña;maria@example.es;15/09/1982;CÓNYUGE;12345678Z;01/11/2026\r
    ALTA;NORTE;12345678Z;José;Núñez;jose@example.es;03/04/1980;TITULAR;;01/11/2026\r
    ALTA;SUR;45678901A;Lucía;Fernández;lucia@example;31/02/1975;TITULAR;;\r
    ALTA;NOEXISTE;67890123B;Carmen;Vidal;carmen@example.es;;TITULAR;;\r

    """
}
