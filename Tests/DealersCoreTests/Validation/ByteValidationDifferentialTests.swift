import Foundation
import DealersTestSupport
import Testing
@testable import DealersCore

/// The byte path (``DelimitedReader`` with ``ByteCells``, ASCII cells validated on their bytes)
/// against the String path it replaced (``LineFedDelimitedReader`` in `References/`, every cell
/// a `String`): on generated and mutated files both must give the same records, the same values
/// and the same errors in the same order, or the same file error. And every cell the String
/// reader gives, through ``FieldValidator`` (each rule written once, over bytes) and through the
/// String validation it replaced (``StringFieldValidator``): the same value and the same errors.
@Suite("Byte validation agrees with the String path")
struct ByteValidationDifferentialTests {
    static let layouts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("layouts")

    @Test("generated users files", arguments: [UInt64(1), 2, 3, 4])
    func generatedUsers(seed: UInt64) throws {
        let layout = try LayoutLoader.load(Self.layouts.appendingPathComponent("users.json"))
        var rng = SeededGenerator(seed: seed)
        let file = DifferentialFiles.users(rows: 400, using: &rng)
        try compare(file, layout: layout, chunkSizes: [64 << 10, 3, 7, 100])
    }

    @Test("mutated users files")
    func mutatedUsers() throws {
        let layout = try LayoutLoader.load(Self.layouts.appendingPathComponent("users.json"))
        var base = SeededGenerator(seed: Mutator.baseSeed)
        let seed = DifferentialFiles.users(rows: 30, using: &base)
        let cases = Mutator.replayCase.map { [$0] } ?? (0..<UInt64(Mutator.iterations)).map { Mutator.baseSeed &+ 77 &+ $0 }
        for caseSeed in cases {
            var rng = SeededGenerator(seed: caseSeed)
            try compare(Mutator.mutate(seed, using: &rng), layout: layout, chunkSizes: [64 << 10, Int(caseSeed % 13) + 3],
                        label: "seed \(caseSeed)")
        }
    }

    @Test("every field type and format, in each encoding", arguments: ["auto", "utf-8", "windows-1252", "iso-8859-1"])
    func everyType(encoding: String) throws {
        let layout = try LayoutLoader.load(data: Data(DifferentialFiles.kitchenSinkLayout(encoding: encoding).utf8), file: "sink.json")
        for seed in UInt64(10)..<14 {
            var rng = SeededGenerator(seed: seed)
            let file = DifferentialFiles.kitchenSink(rows: 300, using: &rng)
            try compare(file, layout: layout, chunkSizes: [64 << 10, 5])
            for mutation in 0..<UInt64(Mutator.iterations / 10) {
                var mutator = SeededGenerator(seed: seed &* 1_000 &+ mutation)
                try compare(Mutator.mutate(file, using: &mutator), layout: layout, chunkSizes: [64 << 10],
                            label: "seed \(seed), mutation \(mutation)")
            }
        }
    }

    @Test("ASCII keys fold byte by byte as TextNormalization.key folds them")
    func asciiKeys() {
        let all = (0..<128).map { String(UnicodeScalar(UInt8($0))) }
        let dictionary = Dictionary(all.map { (TextNormalization.key("a\($0)b"), $0) }, uniquingKeysWith: { a, _ in a })
        let table = KeyTable(dictionary)
        for c in all {
            let spelled = "a\(c)b"
            #expect(table.value(for: spelled) == dictionary[TextNormalization.key(spelled)], "\(c.unicodeScalars.first?.value ?? 0)")
        }
    }

    /// Reads `bytes` both ways and requires the same outcome.
    func compare(_ bytes: [UInt8], layout: Layout, chunkSizes: [Int], label: String = "",
                 sourceLocation: SourceLocation = #_sourceLocation) throws {
        guard case .delimited(let format) = layout.format else { Issue.record("not delimited"); return }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dealers-diff-\(UUID().uuidString).csv")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let expected = Outcome(layout: layout) { try LineFedDelimitedReader(url: url, format: format).read($0) }
        compareCells(LineFedDelimitedReader(url: url, format: format), layout: layout, label: label, sourceLocation: sourceLocation)
        for chunkSize in chunkSizes {
            var reader = DelimitedReader(url: url, format: format)
            reader.chunkSize = chunkSize
            let actual = Outcome(layout: layout) { try reader.read($0) }
            #expect(actual.failure == expected.failure, "\(label) chunk \(chunkSize)", sourceLocation: sourceLocation)
            #expect(actual.records.count == expected.records.count, "\(label) chunk \(chunkSize)", sourceLocation: sourceLocation)
            for (a, e) in zip(actual.records, expected.records) where a != e {
                Issue.record("\(label) chunk \(chunkSize): line \(e.line)\nbytes:  \(a)\nstring: \(e)", sourceLocation: sourceLocation)
                break
            }
        }
    }
}

extension ByteValidationDifferentialTests {
    /// Every cell of every data record through the library's ``FieldValidator`` and through
    /// ``StringFieldValidator``, required and not: the first difference is recorded.
    func compareCells(_ reader: LineFedDelimitedReader, layout: Layout, label: String, sourceLocation: SourceLocation) {
        let rows = RowValidator(layout: layout, defaultCountry: "ES")
        let context = FormatContext(defaultCountry: "ES")
        let validators = layout.schema.fields.map {
            FieldValidator(field: $0, missingValues: layout.schema.missingValues, otherNumberSpelling: layout.otherNumberSpelling)
        }
        let references = validators.map(StringFieldValidator.init)
        var header = true, differed = false
        try? reader.read { record in
            if header { header = false; _ = rows.bindHeader(record); return }
            guard !differed else { return }
            for (validator, reference) in zip(validators, references) {
                let column = rows.column(ofField: validator.field.name)
                let cell = column.flatMap { record.cell(at: $0 - 1) } ?? .empty
                for required in [false, true] {
                    var errors: [RowError] = [], expectedErrors: [RowError] = []
                    let value = validator.validate(cell, required: required, context: context, line: record.line, column: column, errors: &errors)
                    let expected = reference.validate(cell, required: required, context: context, line: record.line, column: column,
                                                      errors: &expectedErrors)
                    guard value == expected, errors == expectedErrors else {
                        Issue.record("\(label): line \(record.line) \(validator.field.name) \(cell)\nbytes:  \(value) \(errors)\nstring: \(expected) \(expectedErrors)",
                                     sourceLocation: sourceLocation)
                        differed = true
                        return
                    }
                }
            }
        }
    }
}

/// One record as both paths must see it, with what validation made of it.
struct ComparedRecord: Equatable, CustomStringConvertible {
    var line: Int
    var cells: [Cell]
    var raw: [UInt8]?
    var problem: RecordProblem?
    var blank: Bool
    var action: Action?
    var values: [FieldValue]?
    var errors: [RowError]

    var description: String {
        "line \(line) cells \(cells) raw \(raw.map { String(decoding: $0, as: UTF8.self).debugDescription } ?? "nil") "
            + "problem \(String(describing: problem)) blank \(blank) action \(String(describing: action)) values \(String(describing: values)) errors \(errors)"
    }
}

/// Everything one reading and validation of a file produced.
struct Outcome {
    var records: [ComparedRecord] = []
    var failure: String?

    init(layout: Layout, read: ((SourceRecord) throws -> Void) throws -> Void) {
        let validator = RowValidator(layout: layout, defaultCountry: "ES")
        var first = true
        do {
            try read { record in
                var compared = ComparedRecord(line: record.line, cells: record.cells, raw: record.raw, problem: record.problem,
                                              blank: record.isBlank, errors: [])
                if first {
                    first = false
                    compared.errors = validator.bindHeader(record)
                } else {
                    let (row, errors) = validator.validate(record)
                    compared.action = row?.action
                    compared.values = row?.values
                    compared.errors = errors
                }
                records.append(compared)
            }
        } catch let error as DealersError {
            failure = error.message
        } catch {
            failure = "\(error)"
        }
    }
}
