import Foundation
import DealersTestSupport
import Testing
@testable import DealersCore

/// The shared benchmark file (`../shared/bench/gen_es_excel.py`: Windows-1252, `;`, CR LF,
/// accented names, 2 % defects) through the byte path with its row plan — non-ASCII cells
/// transcoded to UTF-8 in a scratch buffer, no `String` per cell — against the String path it
/// replaced (``LineFedDelimitedReader``, every cell decoded): the same records, values and errors,
/// as written and mutated. Skipped with a note when python3 or the generator is missing.
@Suite("The shared benchmark file agrees with the String path")
struct SharedFileDifferentialTests {
    static let generator = ByteValidationDifferentialTests.layouts.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("shared/bench/gen_es_excel.py")

    /// The generator's file of `rows` rows, or `nil` (with a note) when it cannot be made here.
    static func generated(rows: Int) throws -> [UInt8]? {
        guard FileManager.default.fileExists(atPath: generator.path) else {
            print("SharedFileDifferentialTests: SKIPPED: no generator at \(generator.path)")
            return nil
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("dealers-shared-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: file) }
        let run = try PythonModule.runProgram("/usr/bin/env", ["python3", generator.path, String(rows), file.path, "2"])
        guard run.status == 0 else {
            print("SharedFileDifferentialTests: SKIPPED: the generator failed: \(run.stderr)")
            return nil
        }
        return Array(try Data(contentsOf: file))
    }

    @Test("the generated file, with its defects")
    func generatedFile() throws {
        guard let bytes = try Self.generated(rows: 3_000) else { return }
        #expect(bytes.contains { $0 >= 0x80 }, "the file has accented names in Windows-1252")
        let layout = try LayoutLoader.load(ByteValidationDifferentialTests.layouts.appendingPathComponent("users.json"))
        try ByteValidationDifferentialTests().compare(bytes, layout: layout, chunkSizes: [64 << 10, 7])
    }

    @Test("the generated file, mutated")
    func mutatedFile() throws {
        guard let bytes = try Self.generated(rows: 40) else { return }
        let layout = try LayoutLoader.load(ByteValidationDifferentialTests.layouts.appendingPathComponent("users.json"))
        for caseSeed in (0..<UInt64(max(Mutator.iterations / 4, 20))).map({ Mutator.baseSeed &+ 3_030 &+ $0 }) {
            var rng = SeededGenerator(seed: caseSeed)
            try ByteValidationDifferentialTests().compare(Mutator.mutate(bytes, using: &rng), layout: layout,
                                                         chunkSizes: [64 << 10], label: "seed \(caseSeed)")
        }
    }
}
