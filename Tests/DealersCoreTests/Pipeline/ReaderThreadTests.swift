import Foundation
import Logging
import DealersTestSupport
import Testing
@testable import DealersCore

/// Reading and validating on a second thread (`readerThread`, the default) gives the answers of
/// reading on the applying thread: the same receipt, error files and store, for generated and
/// mutated files, applied and dry-run; and a failure on either side ends both threads.
@Suite("Reading on a second thread")
struct ReaderThreadTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static let collectives = "Acción;Código;Nombre;País;Distribuidor;Precio mensual;Precio anual;Moneda;Duración;Activo\r\n"
        + "ALTA;ACME-1;Acme Uno;ES;;9,90;99,00;EUR;1A;sí\r\n"
        + "ALTA;IBERIA_2;Iberia Dos;ES;;5,00;50,00;EUR;1M;sí\r\n"

    struct Result: Equatable {
        var receipt: String
        var errorFiles: [String: Data]
        var documents: [String: Data]
    }

    /// Applies (or dry-runs) `users` after the collectives in a new workspace whose settings
    /// say `readerThread`; returns what a person would compare.
    func run(_ users: [UInt8], readerThread: Bool, dryRun: Bool) throws -> Result {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("dealers-thread-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("inbox"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.repository.appendingPathComponent("layouts"), to: root.appendingPathComponent("layouts"))
        try Data(#"{"readerThread": \#(readerThread)}"#.utf8).write(to: root.appendingPathComponent("dealers.json"))
        let collectives = root.appendingPathComponent("inbox/colectivos.csv")
        let file = root.appendingPathComponent("inbox/usuarios.csv")
        try Data(TextEncoding.windows1252.encode(Self.collectives)).write(to: collectives)
        try Data(users).write(to: file)
        let workspace = try Workspace(root: root)
        #expect(workspace.settings.readerThread == readerThread)
        let logger = Logger(label: "tests") { _ in SwiftLogNoOpLogHandler() }
        let processor = FileProcessor(context: RunContext(workspace: workspace, asOf: try #require(CivilDate(iso: "2026-11-24")), logger: logger),
                                      catalog: try LayoutCatalog(folder: workspace.layouts))
        let store = try DocumentStore(directory: workspace.store, logger: logger)
        _ = try processor.process(collectives, dealer: nil, store: store)
        var receipt = try processor.process(file, dealer: nil, store: store, dryRun: dryRun)
        receipt.startedAt = ""
        receipt.finishedAt = nil
        receipt.durationSeconds = 0
        var documents: [String: Data] = [:]
        try store.forEachDocument(under: "") { key, bytes in
            if !key.path.hasPrefix("inputs/") { documents[key.path] = Data(bytes) }
        }
        var errorFiles: [String: Data] = [:]
        let errors = root.appendingPathComponent(dryRun ? "outbox/validate" : "outbox/errors/2026-11-24")
        for name in (try? FileManager.default.contentsOfDirectory(atPath: errors.path)) ?? [] where !name.hasSuffix(".xlsx") && !name.hasSuffix(".json") {
            errorFiles[name] = try Data(contentsOf: errors.appendingPathComponent(name))
        }
        return Result(receipt: String(decoding: try ReceiptCoding.encode(receipt), as: UTF8.self),
                      errorFiles: errorFiles, documents: documents)
    }

    /// A DNI with its control letter.
    static func dni(_ number: Int) -> String {
        let letters = Array("TRWAGMYFPDXBNJZSQVHLCKE")
        return String(number + 100_000_000).dropFirst() + String(letters[number % 23])
    }

    /// Families of a holder and three dependants, some dependants before their holder (they
    /// wait for the end of the file), some of a holder that never comes, some rows invalid,
    /// repeated altas, blank lines: more rows than several hand-over batches hold.
    static func families(_ count: Int, using rng: inout SeededGenerator) -> [UInt8] {
        var text = "Acción;Colectivo;Nº Documento;Nombre;Apellidos;Email;Relación;Documento titular;Fecha inicio\r\n"
        for family in 0..<count {
            let holder = dni(10_000_000 + family * 4)
            var rows = ["ALTA;ACME-1;\(holder);Ana;Núñez;ana\(family)@example.es;TITULAR;;01/11/2026"]
            for k in 1...3 {
                let holderOf = Int.random(in: 0..<20, using: &rng) == 0 ? dni(90_000_000 + family) : holder
                let email = Int.random(in: 0..<15, using: &rng) == 0 ? "mal@" : "d\(family)x\(k)@example.es"
                rows.append("ALTA;ACME-1;\(dni(10_000_000 + family * 4 + k));José;Peña;\(email);HIJO;\(holderOf);01/11/2026")
            }
            if Int.random(in: 0..<4, using: &rng) == 0 { rows.swapAt(0, 3) }
            if Int.random(in: 0..<25, using: &rng) == 0 { rows.append(rows[0]) }
            if Int.random(in: 0..<30, using: &rng) == 0 { rows.append(";;;;;;;;") }
            text += rows.joined(separator: "\r\n") + "\r\n"
        }
        return TextEncoding.windows1252.encode(text)
    }

    @Test("users files: the same receipt, error files and store, applied and dry-run", arguments: [UInt64(11), 12])
    func generated(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        for users in [Self.families(RecordFeed.batchSize, using: &rng),
                      DifferentialFiles.users(rows: RecordFeed.batchSize * 3 + 17, using: &rng)] {
            for dryRun in [false, true] {
                let inline = try run(users, readerThread: false, dryRun: dryRun)
                let threaded = try run(users, readerThread: true, dryRun: dryRun)
                #expect(threaded == inline, "seed \(seed), dry run \(dryRun)")
                #expect(!inline.errorFiles.isEmpty)
            }
        }
        let applied = try run(Self.families(RecordFeed.batchSize, using: &rng), readerThread: true, dryRun: false)
        #expect(applied.documents.keys.filter { $0.hasPrefix("users/") }.count > RecordFeed.batchSize * 3)
    }

    @Test("mutated users files: the same answers, or the same error")
    func mutated() throws {
        var rng = SeededGenerator(seed: 21)
        let seed = DifferentialFiles.users(rows: 40, using: &rng)
        for _ in 0..<12 {
            let bytes = Mutator.mutate(seed, using: &rng)
            let inline = Swift.Result { try run(bytes, readerThread: false, dryRun: false) }
            let threaded = Swift.Result { try run(bytes, readerThread: true, dryRun: false) }
            switch (inline, threaded) {
            case (.success(let a), .success(let b)): #expect(a == b)
            case (.failure(let a), .failure(let b)): #expect("\(a)" == "\(b)")
            default: Issue.record("one way failed and the other did not: \(inline) / \(threaded)")
            }
        }
    }

    @Test("a failure while applying stops the reading thread and is what the caller gets")
    func applyingSideFails() throws {
        var rng = SeededGenerator(seed: 31)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dealers-thread-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(DifferentialFiles.users(rows: RecordFeed.batchSize * RecordFeed.queuedBatches * 4, using: &rng)).write(to: url)
        let layout = try LayoutLoader.load(Self.repository.appendingPathComponent("layouts/users.json")).adapted(to: url)
        let feed = RecordFeed(file: url, layout: layout, commands: RowCommands(layout: layout, paymentMethods: []), defaultCountry: "ES")
        struct Full: Error {}
        var rows = 0
        #expect(throws: Full.self) {
            try feed.forEach(onThread: true) { item in
                if case .row = item { rows += 1 }
                if rows == 10 { throw Full() }
            }
        }
        #expect(rows == 10)
    }

    @Test("a file that cannot be read: the rows before the failure, then the reader's error, on both paths")
    func readingSideFails() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dealers-thread-\(UUID().uuidString).csv")
        let layout = try LayoutLoader.load(Self.repository.appendingPathComponent("layouts/users.json"))
        let feed = RecordFeed(file: url, layout: layout, commands: RowCommands(layout: layout, paymentMethods: []), defaultCountry: "ES")
        for onThread in [false, true] {
            var items = 0
            #expect(throws: DealersError.self) {
                try feed.forEach(onThread: onThread) { _ in items += 1 }
            }
            #expect(items == 0)
        }
    }
}
