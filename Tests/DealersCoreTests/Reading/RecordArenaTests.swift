import Foundation
import Testing
import DealersTestSupport
@testable import DealersCore

/// The delimited reader's records in batch arenas (issue 30, item 1) are the records it reads
/// with bytes of their own: the same lines, cells, raw bytes and problems, whatever the chunk
/// size, even when records are kept long after their batch; and arenas are used again.
@Suite("Records in batch arenas")
struct RecordArenaTests {
    /// A temporary file with `bytes`, as the reader's own tests make them.
    func temp(_ bytes: [UInt8]) throws -> URL { try DelimitedReaderTests().temp(bytes) }

    /// What a person compares of a record.
    struct Seen: Equatable {
        var line: Int
        var cells: [Cell]
        var raw: [UInt8]?
        var rawCount: Int?
        var problem: RecordProblem?

        init(_ record: SourceRecord) {
            line = record.line
            cells = (0..<record.cellCount).compactMap { record.cell(at: $0) }
            raw = record.raw
            rawCount = record.rawCount
            problem = record.problem
        }
    }

    /// Reads `url`, with `arenas` moved on every `batch` records when given.
    func read(_ url: URL, encoding: TextEncoding, chunkSize: Int, arenas: RecordArenas?, batch: Int,
              _ body: (SourceRecord) -> Void) throws {
        var reader = DelimitedReader(url: url, format: DelimitedFormat(delimiter: 59, quote: 34, encoding: encoding, headerRow: 1, skipRows: 0))
        reader.chunkSize = chunkSize
        reader.arenas = arenas
        var count = 0
        try reader.read { record in
            body(record)
            count += 1
            if count % batch == 0 { arenas?.next() }
        }
    }

    @Test("the same records, kept past their batch or not, for generated files and awkward endings", arguments: [UInt64(5), 6])
    func sameRecords(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let awkward = Array("\u{FEFF}a;b\r1;\"2\r\n3\"\r4;5\n\n6;Jos".utf8) + [0xE9] + Array(";\u{1}\r\n7;8".utf8)
        let files: [([UInt8], TextEncoding)] = [(DifferentialFiles.users(rows: 300, using: &rng), .auto),
                                                (DifferentialFiles.users(rows: 300, using: &rng), .windows1252),
                                                (awkward, .utf8), (awkward, .auto)]
        for (bytes, encoding) in files {
            let url = try temp(bytes)
            defer { try? FileManager.default.removeItem(at: url) }
            for chunkSize in [1, 7, 4096, 64 << 10] {
                var own: [Seen] = []
                try read(url, encoding: encoding, chunkSize: chunkSize, arenas: nil, batch: 1) { own.append(Seen($0)) }
                // Every record kept (each arena stays referred to), read at the end.
                var kept: [SourceRecord] = []
                let arenas = RecordArenas(limit: 3)
                try read(url, encoding: encoding, chunkSize: chunkSize, arenas: arenas, batch: 5) { kept.append($0) }
                #expect(kept.map(Seen.init) == own, "chunk \(chunkSize)")
                #expect(kept.map { Seen($0.detached()) } == own)
                #expect(kept.allSatisfy { $0.detached().byteCells?.isInArena != true })
                // Each record looked at while its batch is the current one, then dropped.
                var seen: [Seen] = []
                try read(url, encoding: encoding, chunkSize: chunkSize, arenas: RecordArenas(limit: 3), batch: 5) { seen.append(Seen($0)) }
                #expect(seen == own)
            }
        }
    }

    @Test("a record's borrowed cell view answers as its cells, in an arena or in arrays of its own", arguments: [UInt64(7), 8])
    func cellView(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let awkward = Array("a;b\r1;\"2\r\n3\"\r;5\n\n6;Jos".utf8) + [0xE9] + Array(";\u{1}\r\n7;8;;\r\n".utf8)
        for (bytes, encoding) in [(DifferentialFiles.users(rows: 200, using: &rng), TextEncoding.windows1252), (awkward, .auto)] {
            let url = try temp(bytes)
            defer { try? FileManager.default.removeItem(at: url) }
            for arenas in [nil, RecordArenas(limit: 3)] {
                try read(url, encoding: encoding, chunkSize: 64, arenas: arenas, batch: 4) { record in
                    guard let cells = record.byteCells else { Issue.record("a delimited record without byte cells"); return }
                    let all = cells.bytes, ends = cells.ends   // copies, read without the view
                    record.withCellView { view in
                        guard let view else { Issue.record("no view"); return }
                        #expect(view.count == cells.count && view.encoding == encoding)
                        for i in 0..<view.count {
                            let start = i == 0 ? 0 : ends[i - 1]
                            #expect(Array(view.bytes(i)) == Array(all[start..<ends[i]]), "line \(record.line), cell \(i)")
                            #expect(view.isText(i))
                            let decoded = Array(all[start..<ends[i]]).withUnsafeBytes { ByteCells.decode($0, encoding) }
                            #expect(view.cell(i) == (start == ends[i] ? .empty : .text(decoded)))
                        }
                    }
                }
            }
        }
        // A record of another reader has no view.
        #expect(SourceRecord(line: 2, cells: [.text("a")]).withCellView { $0 == nil })
    }

    @Test("an arena no record refers to is used again; one still referred to is left to its holders")
    func reuse() throws {
        var rng = SeededGenerator(seed: 9)
        let url = try temp(DifferentialFiles.users(rows: 400, using: &rng))
        defer { try? FileManager.default.removeItem(at: url) }
        let arenas = RecordArenas(limit: 4)
        var used = Set<ObjectIdentifier>()
        var batch: [SourceRecord] = []
        var count = 0
        var own: [Seen] = []
        try read(url, encoding: .auto, chunkSize: 64 << 10, arenas: nil, batch: 1) { own.append(Seen($0)) }
        var reader = DelimitedReader(url: url, format: DelimitedFormat(delimiter: 59, quote: 34, encoding: .auto, headerRow: 1, skipRows: 0))
        reader.arenas = arenas
        var held: SourceRecord?
        try reader.read { record in
            used.insert(ObjectIdentifier(arenas.current))
            batch.append(record)
            count += 1
            if count == 3 { held = record }   // keeps the first arena referred to
            if count % 10 == 0 {
                batch.removeAll()   // the batch came back: its records are dropped
                arenas.next()
            }
        }
        // The held record's arena was never written again.
        #expect(held.map(Seen.init) == own[2])
        #expect(used.count <= 3, "\(used.count) arenas for \(count / 10) batches")
    }
}
