import Foundation
import Testing
@testable import DealersCore

@Suite("Value vocabularies")
struct ValueVocabularyTests {
    /// A one-field layout with the given field JSON.
    func validator(_ field: String) throws -> RowValidator {
        let json = #"{"kind":"users","schema":{"fields":[\#(field)]}}"#
        let layout = try LayoutLoader.load(data: Data(json.utf8), file: "layouts/t.json")
        let v = RowValidator(layout: layout)
        _ = v.bindHeader(SourceRecord(line: 1, cells: [.text("relationship")]))
        return v
    }

    func value(_ v: RowValidator, _ text: String) -> (FieldValue?, [RowError]) {
        let (row, errors) = v.validate(SourceRecord(line: 2, cells: [.text(text)]))
        return (row?["relationship"], errors)
    }

    @Test("an enum value is kept as the person chose it, in the enum's spelling: hija stays HIJA")
    func enumKeepsTheChosenValue() throws {
        let v = try validator(#"{"name":"relationship","constraints":{"enum":["TITULAR","CONYUGE","HIJO","HIJA","OTRO"]}}"#)
        #expect(value(v, "hija").0 == .string("HIJA"))
        #expect(value(v, "HIJA").0 == .string("HIJA"))
        #expect(value(v, "Cónyuge").0 == .string("CONYUGE"))
        let (refused, errors) = value(v, "esposa")
        #expect(refused == nil && errors.map(\.code) == [.notInEnum])
        #expect(Relationship(parsing: "HIJA") == .hija && Relationship(parsing: "hijo") == .hijo)
    }

    @Test("valueAliases map the spellings a layout names, and only those")
    func valueAliasesMap() throws {
        let v = try validator(#"{"name":"relationship","valueAliases":{"CONYUGE":["esposa","esposo","pareja"],"titular":["T"]},"constraints":{"enum":["TITULAR","CONYUGE","HIJO","HIJA","OTRO"]}}"#)
        #expect(value(v, "Esposa").0 == .string("CONYUGE"))
        #expect(value(v, "PAREJA").0 == .string("CONYUGE"))
        #expect(value(v, "t").0 == .string("TITULAR"))
        #expect(value(v, "hija").0 == .string("HIJA"))
        let (refused, errors) = value(v, "sobrino")
        #expect(refused == nil && errors.first?.message(.en).contains("TITULAR, CONYUGE, HIJO, HIJA, OTRO") == true)
    }

    @Test("without an enum, valueAliases map their spellings and keep every other value as written")
    func valueAliasesWithoutEnum() throws {
        let v = try validator(#"{"name":"relationship","valueAliases":{"OTRO":["beneficiario"]}}"#)
        #expect(value(v, "Beneficiario").0 == .string("OTRO"))
        #expect(value(v, "Sobrina").0 == .string("Sobrina"))
    }

    @Test("a wrong valueAliases is refused with its JSON path", arguments: [
        (#"{"name":"a","valueAliases":{"PRIMO":["x"]},"constraints":{"enum":["HIJO"]}}"#, "$.schema.fields[0].valueAliases.PRIMO", "not a value of the field's enum"),
        (#"{"name":"a","valueAliases":{"HIJO":["HIJA"]},"constraints":{"enum":["HIJO","HIJA"]}}"#, "$.schema.fields[0].valueAliases.HIJO", "itself a value"),
        (#"{"name":"a","valueAliases":{"A":["x"],"B":["X"]}}"#, "$.schema.fields[0].valueAliases.B", "already stands for"),
        (#"{"name":"a","type":"integer","valueAliases":{"1":["uno"]}}"#, "$.schema.fields[0].valueAliases", "only to string fields"),
        (#"{"name":"a","valueAliases":{"A":"x"}}"#, "$.schema.fields[0].valueAliases.A", "expected an array"),
        (#"{"name":"a","valueAliases":{"A":["—"]}}"#, "$.schema.fields[0].valueAliases.A", "no letters or digits"),
    ])
    func refused(field: String, path: String, words: String) {
        let json = #"{"kind":"users","schema":{"fields":[\#(field)]}}"#
        do {
            _ = try LayoutLoader.load(data: Data(json.utf8), file: "layouts/t.json")
            Issue.record("accepted \(field)")
        } catch let error as DealersError {
            #expect(error.message.hasPrefix(path + ":") && error.message.contains(words), "\(error.message)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
