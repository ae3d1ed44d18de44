import Foundation
import Testing
@testable import DealersCore

@Suite("Row validation")
struct ValidationTests {
    func usersValidator() throws -> RowValidator {
        let catalog = try LayoutCatalog(folder: LayoutLoaderTests.layoutsFolder)
        let validator = RowValidator(layout: try #require(catalog.layout(named: "users")), defaultCountry: "ES")
        _ = validator.bindHeader(SourceRecord(line: 1, cells: ["Acción", "Colectivo", "Nº Documento", "Nombre", "Email", "Fecha nacimiento", "Periodo"].map(Cell.text)))
        return validator
    }

    func row(_ cells: [String], line: Int = 2) -> SourceRecord {
        SourceRecord(line: line, cells: cells.map { $0.isEmpty ? .empty : .text($0) })
    }

    @Test("every error of a row is reported, not only the first")
    func everyError() throws {
        let v = try usersValidator()
        let (valid, errors) = v.validate(row(["ALTA", "NORTE", "12345678A", "", "no-es-email", "31/02/1980", ""]))
        #expect(valid == nil)
        #expect(Set(errors.map(\.code)) == [.invalidFormat, .missingValue, .typeError])
        #expect(errors.count == 4)
        let dni = try #require(errors.first { $0.column == 3 })
        #expect(dni.value == "12345678A" && dni.field == "Nº Documento")
        #expect(dni.message(.es).contains("Z"))
        #expect(dni.message(.en).contains("control letter"))
    }

    @Test("valid rows come back typed and normalised")
    func typedRow() throws {
        let v = try usersValidator()
        let (valid, errors) = v.validate(row(["alta", "NORTE", "12.345.678-z", "José", "Jose@Example.ES", "3/4/1980", ""]))
        #expect(errors.isEmpty)
        let r = try #require(valid)
        #expect(r.action == .alta)
        #expect(r["document"] == .string("12345678Z"))
        #expect(r["birthDate"] == .date(date("1980-04-03")))
        #expect(r["email"].string?.hasSuffix("@example.es") == true)
    }

    @Test("unknown actions and fields required for an action are reported")
    func actionsAndRequiredFor() throws {
        let v = try usersValidator()
        #expect(v.validate(row(["XYZ", "NORTE", "12345678Z", "A", "", "", ""])).errors.map(\.code) == [.unknownAction])
        #expect(v.validate(row(["EXTENSION", "", "23456789D", "", "", "", ""], line: 3)).errors.map(\.code) == [.missingValue])
        #expect(v.validate(row(["BAJA", "", "23456789D", "", "", "", ""], line: 3)).errors.isEmpty)
    }

    @Test("a value repeated in a unique column is DUPLICATE_IN_FILE naming the first line")
    func duplicates() throws {
        let catalog = try LayoutCatalog(folder: LayoutLoaderTests.layoutsFolder)
        let v = RowValidator(layout: try #require(catalog.layout(named: "collectives")))
        _ = v.bindHeader(SourceRecord(line: 1, cells: ["Acción", "Código", "Nombre", "País", "Moneda"].map(Cell.text)))
        #expect(v.validate(row(["ALTA", "NORTE", "Norte", "ES", "EUR"], line: 4)).errors.isEmpty)
        let dup = v.validate(row(["ALTA", "norte", "Otro", "ES", "EUR"], line: 5)).errors
        #expect(dup.map(\.code) == [.duplicateInFile])
        #expect(dup.first?.message(.en).contains("line 4") == true)
    }

    @Test("a ragged row and a missing required column are reported")
    func raggedAndMissing() throws {
        let v = try usersValidator()
        #expect(v.validate(row(["ALTA", "NORTE", "12345678Z"])).errors.contains { $0.code == .raggedRow })
        let catalog = try LayoutCatalog(folder: LayoutLoaderTests.layoutsFolder)
        let fresh = RowValidator(layout: try #require(catalog.layout(named: "users")))
        let problems = fresh.bindHeader(SourceRecord(line: 1, cells: ["Acción", "Nombre", "Sobrante"].map(Cell.text)))
        #expect(problems.contains { $0.code == .missingColumn && $0.field == "Nº Documento" })
        #expect(problems.contains { $0.code == .unknownColumn && $0.value == "Sobrante" })
    }

    @Test("decimal comma amounts parse exactly; ambiguous grouping is refused", arguments: [
        ("1.234,56", ",", ".", "1234.56"), ("12,5", ",", ".", "12.5"), ("-3", ",", ".", "-3"),
        ("1234.56", ".", ",", "1234.56"), ("1,234,567.5", ".", ",", "1234567.5"),
    ])
    func decimals(text: String, decimal: String, group: String, expected: String) throws {
        let d = try #require(DecimalParsing.parse(text, decimalChar: Character(decimal), groupChar: Character(group)))
        #expect(d == Decimal(string: expected))
    }

    @Test("malformed numbers are not numbers", arguments: ["12.50", "1.2345", "abc", "1,2,3", "", "12,", "--1", "1 234"])
    func badDecimals(text: String) {
        #expect(DecimalParsing.parse(text, decimalChar: ",", groupChar: ".") == nil)
    }

    @Test("dates in declared patterns, ISO always, impossible dates refused")
    func dates() throws {
        let any = try #require(DatePattern("any"))
        #expect(any.parse("03/04/1980") == date("1980-04-03"))
        #expect(any.parse("3-4-1980") == date("1980-04-03"))
        #expect(any.parse("1980-04-03") == date("1980-04-03"))
        #expect(any.parse("29/02/2023") == nil)
        #expect(any.parse("04/31/1980") == nil)
        let strict = try #require(DatePattern("%d.%m.%Y"))
        #expect(strict.parse("03/04/1980") == nil)
        #expect(DatePattern("%H:%M") == nil)
    }
}
