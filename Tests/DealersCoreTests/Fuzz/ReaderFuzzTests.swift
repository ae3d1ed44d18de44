import Foundation
import DealersTestSupport
import Testing
@testable import DealersCore

/// Mutation fuzzing of every reader and of the layout loader, seeded with the fixtures: no input
/// may crash the process or hang it; each ends in records or in a `DealersError`.
@Suite("Fuzzing readers and layouts")
struct ReaderFuzzTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")
    static let layouts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("layouts")

    /// Runs `body` on `iterations` mutations of `seed`, each written to a temporary file.
    func fuzz(_ seed: [UInt8], ext: String, salt: UInt64, _ body: (URL) throws -> Void) throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dealers-fuzz-\(UUID().uuidString).\(ext)")
        defer { try? FileManager.default.removeItem(at: url) }
        let cases = Mutator.replayCase.map { [$0] }
            ?? (0..<Mutator.iterations).map { Mutator.baseSeed &+ salt &* 1_000_003 &+ UInt64($0) }
        for caseSeed in cases {
            var rng = SeededGenerator(seed: caseSeed)
            try Data(Mutator.mutate(seed, using: &rng)).write(to: url)
            do {
                try body(url)
            } catch let error as DealersError {
                #expect(!error.message.isEmpty, "seed \(caseSeed): an error without a message")
            } catch {
                Issue.record("seed \(caseSeed): \(type(of: error)) is not a DealersError: \(error)")
            }
        }
    }

    @Test("the delimited reader survives mutated Spanish Excel exports")
    func delimited() throws {
        let seed = Array("Acción;Nº Documento;Nombre;Fecha\r\nALTA;12345678Z;\"Jos\u{E9}\r\nNúñez\";01/02/2026\r\nBAJA;X1234567L;Ana;\r\n".utf8)
        let layout = try LayoutLoader.load(Self.layouts.appendingPathComponent("users.json"))
        try fuzz(seed, ext: "csv", salt: 1) { url in
            let validator = RowValidator(layout: layout)
            var first = true
            try RecordSources.make(url, layout: layout).read { record in
                if first { _ = validator.bindHeader(record); first = false } else { _ = validator.validate(record) }
            }
        }
    }

    @Test("the XLSX reader survives mutated workbooks", arguments: ["users-other-producer.xlsx", "users-libxlsxwriter.xlsx"])
    func xlsx(fixture: String) throws {
        let seed = Array(try Data(contentsOf: Self.fixtures.appendingPathComponent(fixture)))
        try fuzz(seed, ext: "xlsx", salt: fixture.count == 25 ? 2 : 3) { url in
            try XLSXReader(url: url).read { _ in }
        }
    }

    @Test("the workbook reader survives mutated OpenDocument spreadsheets", arguments: ["users-libreoffice.ods"])
    func ods(fixture: String) throws {
        let seed = Array(try Data(contentsOf: Self.fixtures.appendingPathComponent(fixture)))
        try fuzz(seed, ext: "ods", salt: 5) { url in
            try WorkbookReader(url: url).read { _ in }
        }
    }

    @Test("the ODS reader survives mutated content.xml", arguments: [0, 1])
    func odsContent(variant: Int) throws {
        let content = ODSFixture.content([("Hoja1", variant == 1, ODSFixture.row(ODSFixture.text("Acción"), ODSFixture.float("9.9"),
                                                                                 ODSFixture.date("2024-01-19"), ODSFixture.empty(3)) +
                                           ODSFixture.row(ODSFixture.empty(1024), times: 1_048_570)),
                                          ("Datos", false, ODSFixture.row(ODSFixture.text("x"), times: 2))])
        var rng = SeededGenerator(seed: Mutator.baseSeed &+ UInt64(variant))
        for _ in 0..<Mutator.iterations {
            let mutated = Mutator.mutate(Array(content.utf8), using: &rng)
            let url = try ODSFixture.write(content: String(decoding: mutated, as: UTF8.self))
            defer { try? FileManager.default.removeItem(at: url) }
            do {
                try WorkbookReader(url: url).read { _ in }
            } catch let error as DealersError {
                #expect(!error.message.isEmpty)
            }
        }
    }

    @Test("the fixed-width reader survives mutated Norma 43 statements")
    func fixedWidth() throws {
        let seed = Array(try Data(contentsOf: Self.fixtures.appendingPathComponent("norma43-sequra-example1.n43")))
        let spec = FixedWidthSpec(encoding: .auto, recordTypeStart: 1, recordTypeLength: 2, records: [
            "11": [FixedWidthField(name: "bank", start: 3, length: 4)],
            "22": [FixedWidthField(name: "amount", start: 29, length: 14), FixedWidthField(name: "reference", start: 53, length: 12)],
            "23": [FixedWidthField(name: "concept", start: 5, length: 38)],
            "33": [FixedWidthField(name: "credits", start: 45, length: 14)],
        ], recordLength: 80)
        try fuzz(seed, ext: "n43", salt: 4) { url in
            try FixedWidthReader(url: url, spec: spec).read { _ in }
        }
    }

    @Test("the layout loader refuses mutated layouts with a layout error, never a crash", arguments: ["users.json", "collectives.json", "payments.json"])
    func layoutLoader(name: String) throws {
        let seed = Array(try Data(contentsOf: Self.layouts.appendingPathComponent(name)))
        try fuzz(seed, ext: "json", salt: UInt64(name.count) &+ 10) { url in
            _ = try LayoutLoader.load(url)
        }
    }
}
