import Foundation
import Testing
@testable import dealers_bench

/// The pg-workers stage's inbox: the users file cut into files of 8 dealers, families whole.
@Suite("WorkerFiles")
struct WorkerFilesTests {
    /// A users line: action, collective, type, document, …, relation, holder's document, …
    static func line(_ document: String, holder: String = "", collective: String = "ASOC-SUR") -> ArraySlice<UInt8> {
        let relation = holder.isEmpty ? "TITULAR" : "HIJO"
        let cells = ["ALTA", collective, "DNI", document, "Ana", "Pérez", "a@example.es", "600 000 000", "01/01/1990",
                     relation, holder, "01/12/2026", "", ""]
        return ArraySlice(Array(cells.joined(separator: ";").utf8))
    }

    @Test("file k goes to dealer D((k mod 8)+1), whose one collective is COL-Dn")
    func dealers() {
        #expect(WorkerFiles.dealers == ["D1", "D2", "D3", "D4", "D5", "D6", "D7", "D8"])
        #expect((0..<10).map(WorkerFiles.dealer(ofFile:)) == ["D1", "D2", "D3", "D4", "D5", "D6", "D7", "D8", "D1", "D2"])
        #expect(WorkerFiles.collective(of: "D3") == "COL-D3")
    }

    @Test("a holder and the dependants naming it stay in one file, even when they stand apart")
    func familiesWhole() {
        // Families of 4 lines (holder, three dependants), and one dependant listed far from its holder.
        var lines: [ArraySlice<UInt8>] = []
        for f in 0..<20 {
            lines.append(Self.line("H\(f)"))
            for d in 0..<3 { lines.append(Self.line("H\(f)-\(d)", holder: "H\(f)")) }
        }
        lines.append(Self.line("LATE", holder: "H0"))
        let groups = WorkerFiles.cut(lines, into: 8)
        #expect(groups.count == 8)
        #expect(groups.flatMap { $0 }.sorted() == Array(lines.indices), "every line in exactly one file")
        let groupOf = Dictionary(uniqueKeysWithValues: groups.enumerated().flatMap { g, indices in indices.map { ($0, g) } })
        for f in 0..<20 {
            let family = (0..<4).map { f * 4 + $0 }
            #expect(Set(family.compactMap { groupOf[$0] }).count == 1, "family \(f) split")
        }
        #expect(groupOf[80] == groupOf[0], "the late dependant is with its holder")
        #expect(groups.allSatisfy { !$0.isEmpty })
        // About the same size: 81 lines in 8 files, never more than a family (4) off the share.
        #expect(groups.allSatisfy { abs($0.count - 10) <= 5 })
    }

    @Test("the collective cell is replaced, every other cell kept")
    func collectiveReplaced() {
        let line = Self.line("12345678Z", holder: "87654321X")
        let rewritten = WorkerFiles.withCollective(line, "COL-D5")
        let cells = String(decoding: rewritten, as: UTF8.self).split(separator: ";", omittingEmptySubsequences: false)
        let original = String(decoding: line, as: UTF8.self).split(separator: ";", omittingEmptySubsequences: false)
        #expect(cells[1] == "COL-D5")
        #expect(Array(cells[0...0] + cells[2...]) == Array(original[0...0] + original[2...]))
        #expect(WorkerFiles.withCollective(ArraySlice(Array("ALTA".utf8)), "COL-D1") == Array("ALTA".utf8))
    }

    @Test("the receipts' spans: file time added up, files in flight and overlap")
    func spans() {
        // 0–4 and 2–6: 8 s of files over 6 s busy, 2 s of them with both in flight; 10–11 alone.
        let spans = FileSpans(spans: [(0, 4), (2, 6), (10, 11)])
        #expect(spans.fileSeconds == 9)
        #expect(spans.busy.any == 7)
        #expect(spans.busy.several == 2)
        #expect(abs(spans.meanInFlight - 9.0 / 7) < 1e-9)
        #expect(abs(spans.overlapShare - 2.0 / 7) < 1e-9)
    }
}
