import Foundation
import Testing
import ZIPFoundation
@testable import DealersCore
import DealersTestSupport

@Suite("Input formats and hostile files, end to end")
struct InputFormatsTests {
    @Test("an XLSX users file is read with the users layout; its bad rows come back as XLSX with the bad cells highlighted and commented")
    func xlsxInput() throws {
        let ws = try TestWorkspace()
        defer { ws.remove() }
        try ws.write("inbox/colectivos.csv", Samples.collectives)
        try ws.run(["run", "--as-of", "2026-11-24"])
        let writer = try XLSXWriter(url: ws.url("inbox/usuarios-noviembre.xlsx"))
        let sheet = try writer.addSheet(name: "Hoja1", columns: ["Acción", "Colectivo", "Nº Documento", "Nombre", "Fecha inicio"].map { OutputColumn($0) })
        try sheet.append([.text("ALTA"), .text("NORTE"), .text("12345678Z"), .text("José"), .date(CivilDate(iso: "2026-11-01")!)])
        try sheet.append([.text("ALTA"), .text("NORTE"), .text("12345678A"), .text("Ana"), .date(CivilDate(iso: "2026-11-02")!)])
        try writer.close()
        let result = try ws.run(["run", "--as-of", "2026-11-24"])
        #expect(result.status == 65, "stderr: \(result.stderr)")
        #expect(try ws.user("12345678Z")?.contracts.first?.start == CivilDate(iso: "2026-11-01"))
        let receipt = try ws.receipt("outbox/receipts/usuarios-noviembre.xlsx.json")
        #expect(receipt.layout == "users" && receipt.rows.applied == 1 && receipt.rows.rejected == 1)
        // The rejected rows as a workbook that can be fixed and dropped again.
        var rejected: [SourceRecord] = []
        try XLSXReader(url: ws.url(ws.output(of: "usuarios-noviembre.xlsx", endingWith: ".rejected.xlsx"))).read { rejected.append($0) }
        #expect(rejected.count == 2)
        #expect(rejected.last?.cells[2] == .text("12345678A"))
        #expect(rejected.last?.cells[4] == .date(CivilDate(iso: "2026-11-02")!))
        // The error workbook: the bad cell highlighted, its message as a comment.
        let archive = try Archive(url: ws.url(ws.output(of: "usuarios-noviembre.xlsx", endingWith: ".errors.xlsx")), accessMode: .read)
        #expect(archive.contains { $0.path.hasPrefix("xl/comments") })
        let comments = try #require(archive.first { $0.path.hasPrefix("xl/comments") })
        var xml = Data()
        _ = try archive.extract(comments) { xml.append($0) }
        #expect(String(decoding: xml, as: UTF8.self).contains("letra de control"))
    }

    @Test("malformed files end in a clear error and a receipt, never a crash", arguments: [
        ("usuarios-comilla.csv", Array("Acción;Nº Documento;Nombre\r\nALTA;12345678Z;\"sin cerrar\r\n".utf8), "MALFORMED_FILE"),
        ("usuarios-vacio.csv", [], "EMPTY_FILE"),
        ("usuarios-cabecera.csv", Array("Acción;Nº Documento;Nombre;Colectivo\r\n".utf8), "EMPTY_FILE"),
        ("usuarios-basura.xlsx", [0x50, 0x4B, 0x03, 0x04] + Array(repeating: 0xFF, count: 5000), "MALFORMED_FILE"),
        ("usuarios-sin-doc.csv", Array("Acción;Nombre\r\nALTA;José\r\n".utf8), "MISSING_COLUMN"),
    ])
    func malformed(name: String, bytes: [UInt8], code: String) throws {
        let ws = try TestWorkspace()
        defer { ws.remove() }
        try Data(bytes).write(to: ws.url("inbox/\(name)"))
        let result = try ws.run(["run", "--as-of", "2026-11-24"])
        #expect(result.status == 65, "stderr: \(result.stderr)")
        #expect(!result.signalled)
        let receipt = try ws.receipt("outbox/receipts/\(name).json")
        #expect(receipt.status == .rejected)
        #expect(try ws.text(ws.output(of: "\(name)", endingWith: ".errors.csv")).contains(code))
        #expect(ws.exists("archive/_operator/2026-11-24/\(name)"))
    }

    @Test("binary garbage and a 1 MB single field are rejected with reasons, not crashes")
    func garbageAndHugeField() throws {
        let ws = try TestWorkspace()
        defer { ws.remove() }
        var generator = SystemRandomNumberGenerator()
        let garbage = "Acción;Nº Documento;Nombre\r\n".utf8 + (0..<200_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        try Data(garbage).write(to: ws.url("inbox/usuarios-binario.csv"))
        try ws.write("inbox/usuarios-enorme.csv", "Acción;Nº Documento;Nombre;Colectivo\r\nALTA;12345678Z;" + String(repeating: "x", count: 1 << 20) + ";NORTE\r\n")
        let result = try ws.run(["run", "--as-of", "2026-11-24"])
        #expect(result.status == 65)
        #expect(!result.signalled)
        #expect(try ws.receipt("outbox/receipts/usuarios-binario.csv.json").status == .rejected)
        let huge = try ws.receipt("outbox/receipts/usuarios-enorme.csv.json")
        #expect(huge.status == .rejected && huge.rows.read == 1)
        #expect(try ws.text(ws.output(of: "usuarios-enorme.csv", endingWith: ".errors.csv")).contains("OUT_OF_RANGE"))
    }
}
