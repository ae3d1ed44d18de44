import Foundation
import DealersLayouts
import DealersModel
import DealersOutbox
import DealersReading
import DealersSupport
import DealersValidation

/// Rows that wait for the end of the file (a dependant whose holder is not known yet), in file
/// order. The first ``memoryLimit`` are kept as they are; after that a row is kept only as its
/// bytes in a temporary file and its line, and is read and validated again for the retry, so a
/// file where many rows wait costs no more memory than one where few do (a row held whole is
/// about 2 KiB). A workbook's records have no bytes as read: theirs go to a run of spilled
/// cells (``SpillRuns``), typed as the reader handed them on (a date cell stays a date), and are
/// validated again from there. Records of other readers (fixed width) are always kept whole.
package final class DeferredRows {
    /// A row kept whole: its record and the command it maps to.
    package struct Row {
        package var record: SourceRecord
        package var command: RowApplier.Command
    }

    /// Rows kept whole, in file order; the spilled rows all come after them.
    package private(set) var kept: [Row] = []
    /// The most rows kept whole.
    package let memoryLimit: Int
    private var spill: OpenFile?
    private var buffer: [UInt8] = []
    /// The line of each spilled row, in the order they were spilled.
    private var lines = LineNumbers()
    /// A workbook's spilled records, as their typed cells.
    private var cells: SpillRuns<SourceRecord>?

    /// Rows kept whole by default: about 0.5 MiB. Past it a waiting row costs its line number in
    /// memory and its bytes on disk; the retry reads and validates it again, which costs less
    /// than the memory did (20,000 rows kept whole were 80 MiB of a 1 M-row run's 125 MiB heap).
    package static let defaultMemoryLimit = 250

    /// Bytes of spilled rows kept before they are written to the file.
    private static let bufferSize = 1 << 18

    package init(memoryLimit: Int = DeferredRows.defaultMemoryLimit) {
        self.memoryLimit = memoryLimit
    }

    deinit {
        if let spill {
            spill.closeIgnoringErrors()
            _ = try? FileSystem.remove(spill.path)
        }
    }

    /// Keeps a row (its record and command) for the retry.
    package func append(_ record: SourceRecord, command: RowApplier.Command) throws {
        if kept.count >= memoryLimit, record.rawCount == nil, let byteCells = record.byteCells, byteCells.encoding == .utf8 {
            return try spillCells(record, byteCells)
        }
        guard kept.count >= memoryLimit, let raw = record.raw else {
            // Kept to the end of the file: in arrays of its own, not its batch's arena.
            kept.append(Row(record: record.detached(), command: command))
            return
        }
        if spill == nil {
            let url = FileSystem.uniqueTemporaryURL(prefix: "dealers-deferred")
            spill = try OpenFile(url.path, .writeNew, failure: .cannotCreate)
            buffer.reserveCapacity(Self.bufferSize)
        }
        let bytes = ErrorOutputs.withLineEnd(raw)
        // Written out before the rows would outgrow the buffer, which never doubles.
        if buffer.count + bytes.count > Self.bufferSize { try flush() }
        buffer.append(contentsOf: bytes)
        lines.append(record.line)
    }

    /// Reads the spilled rows back in order and validates each again, with a validator bound to
    /// `header` (a new one: the rows were unique-checked on the first pass), giving each its line.
    package func forEachSpilled(layout: Layout, header: SourceRecord?, defaultCountry: String?,
                        _ body: (SourceRecord, ValidatedRow?, [RowError]) throws -> Void) throws {
        if let cells {
            self.cells = nil
            let validator = RowValidator(layout: layout, defaultCountry: defaultCountry)
            if let header { _ = validator.bindHeader(header) }
            try cells.merge(by: { $0.line < $1.line }) { record in
                let (row, errors) = validator.validate(record)
                try body(record, row, errors)
            }
        }
        guard let spill else { return }
        try flush()
        try spill.close()
        self.spill = nil
        defer { _ = try? FileSystem.remove(spill.path) }
        let validator = RowValidator(layout: layout, defaultCountry: defaultCountry)
        if let header { _ = validator.bindHeader(header) }
        var numbers = lines.makeIterator()
        try RecordSources.make(URL(fileURLWithPath: spill.path), layout: Self.spillLayout(layout)).read { record in
            guard let line = numbers.next() else { return }
            var record = record
            record.line = line
            let (row, errors) = validator.validate(record)
            try body(record, row, errors)
        }
    }

    /// The layout the spill file is read back with: the file's own, except that the rows of a
    /// UTF-16 or UTF-32 file were kept as the reader handed them on, in UTF-8.
    private static func spillLayout(_ layout: Layout) -> Layout {
        guard case .delimited(var format) = layout.format, format.encoding.isWide else { return layout }
        format.encoding = .utf8
        var spilled = layout
        spilled.format = .delimited(format)
        return spilled
    }

    /// Spills a workbook's record as its typed cells, in one run (rows come in file order).
    private func spillCells(_ record: SourceRecord, _ byteCells: ByteCells) throws {
        let runs = cells ?? SpillRuns<SourceRecord>(prefix: "dealers-deferred", encode: Self.encode, decode: Self.decode)
        if cells == nil {
            _ = try runs.start()
            cells = runs
        }
        try runs.append(record, to: 0)
    }

    private static func encode(_ record: SourceRecord, _ writer: inout SpillWriter) {
        guard let cells = record.byteCells else { return }
        writer.int(record.line)
        writer.data(cells.bytes)
        writer.int(cells.ends.count)
        for end in cells.ends { writer.int(end) }
        writer.flag(cells.kinds != nil)
        writer.data(cells.kinds?.map(\.rawValue) ?? [])
    }

    private static func decode(_ reader: inout SpillReader) -> SourceRecord? {
        guard let line = reader.int(), let bytes = reader.data(), let count = reader.int(), count >= 0 else { return nil }
        var ends: [Int] = []
        ends.reserveCapacity(count)
        for _ in 0..<count {
            guard let end = reader.int(), end >= (ends.last ?? 0), end <= bytes.count else { return nil }
            ends.append(end)
        }
        guard let typed = reader.flag(), let rawKinds = reader.data() else { return nil }
        let kinds = rawKinds.compactMap(ByteCells.CellKind.init(rawValue:))
        guard kinds.count == rawKinds.count, !typed || kinds.count == count else { return nil }
        let cells = ByteCells(bytes: bytes, ends: ends, encoding: .utf8, kinds: typed ? kinds : nil)
        return SourceRecord(line: line, byteCells: cells, problem: nil)
    }

    private func flush() throws {
        guard let spill, !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { try spill.write($0) }
        buffer.removeAll(keepingCapacity: true)
    }
}
