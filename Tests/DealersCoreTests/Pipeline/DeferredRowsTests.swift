import Foundation
import Logging
import Testing
@testable import DealersCore

/// Rows waiting for their holder past the in-memory limit wait on disk and are read and validated
/// again for the retry: the outcome, the error files and the store are the same as when every
/// waiting row is kept in memory.
@Suite("Rows waiting for their holder")
struct DeferredRowsTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static let collectives = "Acción;Código;Nombre;País;Distribuidor;Precio mensual;Precio anual;Moneda;Duración;Activo\r\n"
        + "ALTA;NORTE;Empresa Norte;ES;ACME;9,90;99,00;EUR;1A;sí\r\n"

    /// Dependants before their holders (all of them wait), one whose holder never comes, one
    /// invalid row among them, a quoted line break in a waiting row.
    static let users = "Acción;Colectivo;Nº Documento;Nombre;Apellidos;Relación;Documento titular;Fecha inicio\r\n"
        + "ALTA;NORTE;23456789D;María;Peña;CÓNYUGE;12345678Z;01/11/2026\r\n"
        + "ALTA;NORTE;34567890V;\"Luis\r\nÁngel\";Peña;HIJO;12345678Z;01/11/2026\r\n"
        + "ALTA;NORTE;45678901G;Ana;Peña;HIJA;12345678Z;01/11/2026\r\n"
        + "ALTA;NORTE;56789012B;Eva;Sanz;HIJA;99999999R;01/11/2026\r\n"
        + "ALTA;NORTE;6789012XX;Mal;Documento;HIJO;12345678Z;01/11/2026\r\n"
        + "ALTA;NORTE;67890123B;Pau;Sanz;CÓNYUGE;78901234X;01/11/2026\r\n"
        + "ALTA;NORTE;12345678Z;José;Núñez;TITULAR;;01/11/2026\r\n"
        + "ALTA;NORTE;78901234X;Rosa;Gil;TITULAR;;01/11/2026\r\n"

    /// Runs the collectives and users files through `FileProcessor` with a limit; returns the
    /// receipt, the error files and every document of the store.
    /// The users file is written in `encoding` (with its byte order mark when it has one).
    /// With `workbook`, the users come as that XLSX (`usuarios.xlsx`) instead, and `rejected` is empty.
    func run(limit: Int, encoding: TextEncoding = .windows1252, workbook: Data? = nil) throws -> (receipt: Receipt, errors: String, rejected: [UInt8], documents: [String: Data]) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("dealers-deferred-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("inbox"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.repository.appendingPathComponent("layouts"), to: root.appendingPathComponent("layouts"))
        try Data(#"{"dealers": ["ACME"]}"#.utf8).write(to: root.appendingPathComponent("dealers.json"))
        let collectives = root.appendingPathComponent("inbox/colectivos.csv")
        let users = root.appendingPathComponent(workbook == nil ? "inbox/usuarios.csv" : "inbox/usuarios.xlsx")
        try Data(TextEncoding.windows1252.encode(Self.collectives)).write(to: collectives)
        try (workbook ?? Data(encoding.byteOrderMark + encoding.encode(Self.users))).write(to: users)
        let workspace = try Workspace(root: root)
        let logger = Logger(label: "tests") { _ in SwiftLogNoOpLogHandler() }
        var processor = FileProcessor(context: RunContext(workspace: workspace, asOf: try #require(CivilDate(iso: "2026-11-24")), logger: logger),
                                      catalog: try LayoutCatalog(folder: workspace.layouts))
        processor.deferredMemoryLimit = limit
        let store = try DocumentStore(directory: workspace.store, logger: logger)
        _ = try processor.process(collectives, dealer: nil, store: store)
        let receipt = try processor.process(users, dealer: nil, store: store)
        var documents: [String: Data] = [:]
        try store.forEachDocument(under: "") { key, bytes in
            if !key.path.hasPrefix("inputs/") { documents[key.path] = Data(bytes) }
        }
        let errors = try String(contentsOf: root.appendingPathComponent("outbox/errors/2026-11-24/\(users.lastPathComponent).errors.csv"), encoding: .utf8)
        guard workbook == nil else { return (receipt, errors, [], documents) }
        let rejected = [UInt8](try Data(contentsOf: root.appendingPathComponent("outbox/errors/2026-11-24/usuarios.rejected.csv")))
        return (receipt, errors, rejected, documents)
    }

    @Test("waiting on disk gives the same receipt, error files and store as waiting in memory")
    func sameAnswers() throws {
        let inMemory = try run(limit: 20_000)
        let onDisk = try run(limit: 1)
        #expect(inMemory.receipt.rows.applied == 6)
        #expect(inMemory.receipt.rows.rejected == 2)
        #expect(onDisk.receipt.rows == inMemory.receipt.rows)
        #expect(onDisk.receipt.actions == inMemory.receipt.actions)
        #expect(onDisk.errors == inMemory.errors)
        #expect(onDisk.errors.contains("99999999R"))
        #expect(onDisk.rejected == inMemory.rejected)
        #expect(onDisk.documents == inMemory.documents)
        #expect(onDisk.documents.keys.contains { $0.hasSuffix("34567890V.json") })
        // The waiting row that fails (line 6) comes before the invalid row after it (line 7).
        let lines = onDisk.errors.split(separator: "\r\n").dropFirst().compactMap { Int($0.prefix { $0 != ";" }) }
        #expect(lines == [6, 7])
        let rejectedText = String(decoding: onDisk.rejected, as: UTF8.self)
        #expect(rejectedText.contains("56789012B"))
    }

    @Test("a UTF-16 file's rows waiting on disk are read back as the UTF-8 the reader handed on: the same answers as in memory")
    func sameAnswersInUTF16() throws {
        let inMemory = try run(limit: 20_000, encoding: .utf16le)
        let onDisk = try run(limit: 1, encoding: .utf16le)
        #expect(inMemory.receipt.rows.applied == 6)
        #expect(onDisk.receipt.rows == inMemory.receipt.rows)
        #expect(onDisk.errors == inMemory.errors)
        #expect(onDisk.rejected == inMemory.rejected)
        #expect(onDisk.documents == inMemory.documents)
    }

    /// The users rows as a workbook: inline strings, and the start date as a date cell (style 1).
    static func usersWorkbook() throws -> Data {
        // The quoted line break of the CSV is a line break inside a cell here.
        let lines = users.replacingOccurrences(of: "\"Luis\r\nÁngel\"", with: "Luis\nÁngel")
            .split(separator: "\r\n", omittingEmptySubsequences: true).map(String.init)
        var rows = ""
        var number = 0
        for line in lines {
            number += 1
            let cells = line.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
            rows += "<row r=\"\(number)\">"
            for (i, cell) in cells.enumerated() where !cell.isEmpty {
                let reference = String(UnicodeScalar(UInt8(65 + i))) + "\(number)"
                if number > 1, i == cells.count - 1, cell == "01/11/2026" {
                    rows += "<c r=\"\(reference)\" s=\"1\"><v>46327</v></c>"   // 2026-11-01
                } else {
                    rows += "<c r=\"\(reference)\" t=\"inlineStr\"><is><t>\(cell)</t></is></c>"
                }
            }
            rows += "</row>"
        }
        return try Data(contentsOf: XLSXFixture.write(XLSXFixture.parts(sheets: [("Usuarios", rows)])))
    }

    @Test("a workbook's rows waiting on disk keep their typed cells (a date cell stays a date): the same answers as in memory")
    func sameAnswersFromAWorkbook() throws {
        let workbook = try Self.usersWorkbook()
        let inMemory = try run(limit: 20_000, workbook: workbook)
        let onDisk = try run(limit: 1, workbook: workbook)
        #expect(inMemory.receipt.rows.applied == 6, "\(inMemory.receipt.status) \(inMemory.receipt.message ?? "")")
        #expect(inMemory.receipt.rows.rejected == 2, "\(inMemory.errors)")
        #expect(onDisk.receipt.rows == inMemory.receipt.rows)
        #expect(onDisk.receipt.actions == inMemory.receipt.actions)
        #expect(onDisk.errors == inMemory.errors)
        #expect(onDisk.documents == inMemory.documents)
        #expect(onDisk.documents.keys.contains { $0.hasSuffix("34567890V.json") })
    }
}
