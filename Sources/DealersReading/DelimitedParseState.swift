import Foundation
import DealersModel
import DealersSupport

/// What ``DelimitedReader`` keeps while libcsv parses whole chunks: the cells of the record being
/// parsed (as bytes), the line count, and enough of the input to give each record its raw bytes.
///
/// libcsv does not say where in a chunk a callback happens, so lines are counted from what it
/// reports: every line feed it consumes is either a line ending outside quotes (reported to the
/// row callback thanks to `CSV_REPALL_NL`) or inside a quoted cell's bytes. A record starts on
/// ``line``; its raw bytes are the whole lines from there to the line its terminator is on,
/// whose starts come from a scan of each chunk for line feeds before libcsv sees it.
///
/// A struct that libcsv's callbacks reach through a pointer: no reference counting and no
/// exclusivity checks for every field.
package struct DelimitedParseState {
    /// A record that has ended but whose last line has not (a CR ending it at a chunk's end).
    private struct Ended {
        package var line: Int
        package var lastLine: Int
        package var rawStart: Int
        package var cells: ByteCells
        package var problem: RecordProblem?
    }

    package private(set) var encoding: TextEncoding
    private let path: String
    private let maxRecordBytes: Int
    /// The caller's handler, for the duration of one `read`.
    package let handler: (SourceRecord) throws -> Void
    /// Where records go when they are handed over in batches (see ``RecordArena``); `nil`: each
    /// record owns copies of its bytes.
    private let arenas: RecordArenas?
    /// The line libcsv is on: one more than the line feeds it consumed.
    package private(set) var line = 1
    /// The line the next record is said to start on: the line after the last line feed that
    /// ended a row or a blank line. It differs from ``line`` only after a lone CR ended a record
    /// in the middle of a line: the next record is then counted from the start of that line.
    package private(set) var recordLine = 1

    private var cellBytes: [UInt8] = []
    private var cellEnds: [Int] = []
    private var problem: RecordProblem?

    /// Input bytes from the absolute offset `carryBase` up to `chunkBase`, still needed for raw bytes.
    private var carry: [UInt8] = []
    private var carryBase = 0
    /// The chunk libcsv is parsing, typed so that copies out of it are `memcpy`s.
    private var chunk = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    private var chunkBase = 0
    /// Absolute offsets of line starts: `lineStarts[k]` is where line `firstLine + k` starts.
    private var lineStarts: [Int] = [0]
    private var firstLine = 1
    /// After a byte-order mark the first record's raw bytes start at offset 0, with the mark.
    private var rawFromStart = false
    private var pending: [Ended] = []
    private var failure: Error?

    package init(encoding: TextEncoding, path: String, maxRecordBytes: Int, arenas: RecordArenas? = nil,
                 handler: @escaping (SourceRecord) throws -> Void) {
        self.encoding = encoding
        self.path = path
        self.maxRecordBytes = maxRecordBytes
        self.arenas = arenas
        self.handler = handler
    }

    /// Takes the next chunk: notes where its lines start, then hands on records that were
    /// waiting for the end of their last line. Returns how many bytes libcsv must skip: the
    /// UTF-8 byte-order mark at the start of the file (the file is then UTF-8, and the mark
    /// stays in the first record's raw bytes).
    package mutating func begin(chunk bytes: UnsafeRawBufferPointer) throws -> Int {
        var skip = 0
        if chunkBase == 0, bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            if encoding == .auto { encoding = .utf8 }
            rawFromStart = true
            skip = 3
        }
        chunk = bytes.assumingMemoryBound(to: UInt8.self)
        if let base = bytes.baseAddress {
            var position = base
            let end = base + bytes.count
            while position < end, let hit = memchr(position, 0x0A, end - position) {
                let found = UnsafeRawPointer(hit)
                lineStarts.append(chunkBase + (found - base) + 1)
                position = found + 1
            }
        }
        while let first = pending.first, let rawEnd = lineStart(first.lastLine + 1) {
            pending.removeFirst()
            try deliver(first, rawEnd: rawEnd)
        }
        return skip
    }

    /// libcsv ended a field.
    package mutating func field(_ bytes: UnsafeRawBufferPointer) {
        guard failure == nil else { return }
        if !bytes.isEmpty {
            cellBytes.append(contentsOf: bytes.assumingMemoryBound(to: UInt8.self))
            let typed = bytes.assumingMemoryBound(to: UInt8.self)
            if encoding == .utf8, problem == nil, !ASCIIBytes.isASCII(typed),
               String(validatingUTF8Bytes: bytes) == nil {
                problem = .encoding(column: cellEnds.count + 1)
            }
            if problem == nil, ControlCharacters.contains(typed) {
                problem = .invalidCharacter(column: cellEnds.count + 1)
            }
        }
        cellEnds.append(cellBytes.count)
    }

    /// libcsv ended a row, or met a line ending outside any row (no fields then).
    package mutating func endRow(terminator: Int32) {
        defer {
            cellBytes.removeAll(keepingCapacity: true)
            cellEnds.removeAll(keepingCapacity: true)
            problem = nil
        }
        guard failure == nil else { return }
        guard !cellEnds.isEmpty else {
            if terminator == 0x0A { line += 1; recordLine = line }
            return
        }
        finishRecord(terminator: terminator)
    }

    /// Hands on the record just ended, or queues it until its last line is complete. A separate
    /// call so that the record's buffers are released before the next one reuses them.
    private mutating func finishRecord(terminator: Int32) {
        for byte in cellBytes where byte == 0x0A { line += 1 }
        let first = recordLine, last = line, rawStart = rawFromStart ? 0 : lineStart(recordLine) ?? 0
        rawFromStart = false
        if terminator == 0x0A { line += 1; recordLine = line }
        if pending.isEmpty, let rawEnd = lineStart(last + 1) {
            do {
                if let arenas {
                    try deliverInArena(arenas.current, line: first, rawStart: rawStart, rawEnd: rawEnd)
                } else {
                    try deliver(Ended(line: first, lastLine: last, rawStart: rawStart, cells: ownCells(), problem: problem), rawEnd: rawEnd)
                }
            } catch { failure = error }
        } else {
            pending.append(Ended(line: first, lastLine: last, rawStart: rawStart, cells: ownCells(), problem: problem))
        }
    }

    /// The cells of the record just ended, in exact-size copies: the scratch buffers keep the
    /// capacity of the longest record so far, and a record kept for later (waiting for its
    /// holder, queued for the other thread) would keep that much with it.
    private func ownCells() -> ByteCells {
        ByteCells(bytes: cellBytes.exactCopy(), ends: cellEnds.exactCopy(), encoding: encoding)
    }

    /// Hands on the record just ended with its cells and raw bytes written to the batch's arena
    /// instead of arrays of its own (issue 30, item 1).
    private func deliverInArena(_ arena: RecordArena, line: Int, rawStart: Int, rawEnd: Int) throws {
        guard rawEnd - rawStart <= maxRecordBytes else { throw tooLong(line) }
        let at = cellBytes.withUnsafeBufferPointer { bytes in cellEnds.withUnsafeBufferPointer { arena.appendCells(bytes, ends: $0) } }
        let cells = ByteCells(arena: arena, bytes: at.bytes, ends: at.ends, count: cellEnds.count, encoding: encoding)
        let rawFrom = arena.bytes.count
        withRawBytes(from: rawStart, to: rawEnd) { _ = arena.appendBytes($0) }
        try handler(SourceRecord(line: line, byteCells: cells, arena: arena, raw: rawFrom..<arena.bytes.count, problem: problem))
    }

    /// Throws what the handler threw inside a callback.
    package func rethrow() throws {
        if let failure { throw failure }
    }

    /// After libcsv took the whole chunk: refuses a record grown too long, keeps the bytes the
    /// next records need and forgets the rest.
    package mutating func endChunk() throws {
        let end = chunkBase + chunk.count
        let current = rawFromStart ? 0 : lineStart(recordLine) ?? end
        guard end - current <= maxRecordBytes else { throw tooLong(recordLine) }
        let keep = min(pending.first?.rawStart ?? current, current)
        if keep >= chunkBase {
            carry.removeAll(keepingCapacity: true)
            carry.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[(keep - chunkBase)...]))
        } else {
            carry.removeSubrange(0..<(keep - carryBase))
            carry.append(contentsOf: chunk)
        }
        carryBase = keep
        chunkBase = end
        chunk = UnsafeBufferPointer(start: nil, count: 0)
        let firstNeeded = min(pending.first?.line ?? recordLine, recordLine)
        if firstNeeded > firstLine {
            lineStarts.removeFirst(min(firstNeeded - firstLine, lineStarts.count - 1))
            firstLine = firstNeeded
        }
    }

    /// At the end of the file: hands on the records still waiting (their last line ends with it).
    package mutating func endFile() throws {
        let end = chunkBase + chunk.count
        for ended in pending { try deliver(ended, rawEnd: lineStart(ended.lastLine + 1) ?? end) }
        pending.removeAll()
    }

    private func lineStart(_ number: Int) -> Int? {
        let index = number - firstLine
        return index >= 0 && index < lineStarts.count ? lineStarts[index] : nil
    }

    private func tooLong(_ line: Int) -> DealersError {
        DealersError(.data, path: path, "line \(line): a record longer than \(maxRecordBytes >> 20) MiB (is a quote left open?)")
    }

    private func deliver(_ ended: Ended, rawEnd: Int) throws {
        guard rawEnd - ended.rawStart <= maxRecordBytes else { throw tooLong(ended.line) }
        // Of exactly the record's size: a record kept for later keeps no spare capacity.
        var raw: [UInt8] = []
        raw.reserveCapacity(rawEnd - ended.rawStart)
        withRawBytes(from: ended.rawStart, to: rawEnd) { raw.append(contentsOf: $0) }
        try handler(SourceRecord(line: ended.line, byteCells: ended.cells, raw: raw, problem: ended.problem))
    }

    /// Calls `body` with the input bytes from the absolute offset `rawStart` to `rawEnd`, in at
    /// most two pieces: what ``carry`` still holds of earlier chunks, then the current chunk's.
    private func withRawBytes(from rawStart: Int, to rawEnd: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        if rawStart < chunkBase {
            carry.withUnsafeBufferPointer {
                body(UnsafeBufferPointer(rebasing: $0[(rawStart - carryBase)..<(min(rawEnd, chunkBase) - carryBase)]))
            }
        }
        if rawEnd > chunkBase {
            body(UnsafeBufferPointer(rebasing: chunk[(max(rawStart, chunkBase) - chunkBase)..<(rawEnd - chunkBase)]))
        }
    }
}

extension Array {
    /// A copy in storage of its own, no larger than the elements need (`Array(self)` would
    /// share this array's storage, capacity and all).
    package func exactCopy() -> [Element] {
        withUnsafeBufferPointer { [Element]($0) }
    }
}
