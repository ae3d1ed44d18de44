import Foundation
import Testing
@testable import DealersCore

@Suite("Layout loading")
struct LayoutLoaderTests {
    static let layoutsFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("layouts")

    @Test("the shipped layouts load")
    func shippedLayouts() throws {
        let catalog = try LayoutCatalog(folder: Self.layoutsFolder)
        #expect(Set(catalog.layouts.map(\.name)).isSuperset(of: ["users", "collectives", "payments"]))
        let users = try #require(catalog.layout(named: "users"))
        #expect(users.kind == .users)
        #expect(users.schema.fields.first { $0.name == "document" }?.domainFormat == .esDocument)
    }

    @Test("a broken layout names the file, the JSON path and why", arguments: [
        (#"{"kind":"users","schema":{"fields":[{"name":"a","type":"strng"}]}}"#, "$.schema.fields[0].type"),
        (#"{"kind":"users","schema":{"fields":[{"name":"a","colour":"red"}]}}"#, "$.schema.fields[0].colour"),
        (#"{"kind":"people","schema":{"fields":[{"name":"a"}]}}"#, "$.kind"),
        (#"{"kind":"users","schema":{"fields":[{"name":"a","type":"date","format":"%Q"}]}}"#, "$.schema.fields[0].format"),
        (#"{"kind":"users","format":{"type":"delimited","delimiter":";;"},"schema":{"fields":[{"name":"a"}]}}"#, "$.format.delimiter"),
        (#"{"kind":"users","action":{"field":"nope"},"schema":{"fields":[{"name":"a"}]}}"#, "$.action.field"),
        (#"{"kind":"users","schema":{"fields":[{"name":"a","constraints":{"pattern":"(["}}]}}"#, "$.schema.fields[0].constraints.pattern"),
        (#"{"kind":"users","schema":{"fields":[{"name":"a","type":"integer","constraints":{"minimum":"x"}}]}}"#, "$.schema.fields[0].constraints.minimum"),
        (#"{"kind":"users","schema":{"fields":[]}}"#, "$.schema.fields"),
        (#"{"kind":"users","schema":{"fields":[{"name":"a","type":"string","format":"es-dnii"}]}}"#, "$.schema.fields[0].format"),
    ])
    func brokenLayout(json: String, path: String) throws {
        do {
            _ = try LayoutLoader.load(data: Data(json.utf8), file: "layouts/broken.json")
            Issue.record("the layout was accepted")
        } catch let error as DealersError {
            #expect(error.kind == .layout)
            #expect(error.path == "layouts/broken.json")
            #expect(error.message.hasPrefix(path + ":"), "message: \(error.message)")
        }
    }

    @Test("header aliases match without case, accents or spacing")
    func headerAliases() throws {
        let catalog = try LayoutCatalog(folder: Self.layoutsFolder)
        let users = try #require(catalog.layout(named: "users"))
        let validator = RowValidator(layout: users)
        let errors = validator.bindHeader(SourceRecord(line: 1, cells: ["ACCIÓN", "n documento", "  Nombre ", "Colectivo", "Periodo"].map(Cell.text)))
        #expect(errors.isEmpty)
        #expect(validator.column(ofField: "document") == 2)
        #expect(TextNormalization.key("Nº  Documento") == TextNormalization.key("n documento"))
    }
}
