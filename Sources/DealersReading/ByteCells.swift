import DealersModel

/// The cells of one delimited record or workbook row as ranges of one byte buffer, in the
/// file's encoding: nothing is decoded until a value is needed (see ``SourceRecord/cell(at:)``).
///
/// The validator reads ASCII text cells straight from the bytes; a cell is decoded to a `String`
/// only when its value is kept or echoed in an error, or when it has non-ASCII bytes. A workbook
/// row also says what each cell is (``kinds``): text, or a number, date or boolean the
/// spreadsheet stored as such, whose bytes are its canonical spelling.
package struct ByteCells: Sendable, Equatable {
    /// Every cell's bytes, one after the other (quotes already removed by libcsv): a copy when
    /// the cells are in an arena (read it only off the hot path: spills, tests).
    package var bytes: [UInt8] {
        guard let arena else { return ownBytes }
        return arena.withBytes(byteBase..<(byteBase + byteCount)) { Array($0) }
    }
    /// Where each cell ends in ``bytes``; cell `i` starts where cell `i - 1` ends (a copy when
    /// the cells are in an arena).
    package var ends: [Int] {
        guard let arena else { return ownEnds }
        return (0..<count).map { arena.end(endBase + $0) }
    }
    /// The encoding the bytes are decoded with.
    package var encoding: TextEncoding
    /// What each cell is (workbooks); `nil` when every cell is text (delimited files).
    package var kinds: [CellKind]?
    private var ownBytes: [UInt8]
    private var ownEnds: [Int]
    /// The batch's arena the cells are in (delimited records read on a second thread), or `nil`
    /// when they are in ``ownBytes`` and ``ownEnds``.
    private let arena: RecordArena?
    private let byteBase: Int
    private let endBase: Int
    /// The number of cells.
    package let count: Int

    /// What one cell of a workbook row holds, and how its bytes read.
    package enum CellKind: UInt8, Sendable {
        /// Text (UTF-8).
        case text
        /// A number in canonical spelling (`1234.5`), a ``Cell/number(_:)``.
        case number
        /// A date as `YYYY-MM-DD`, a ``Cell/date(_:)``.
        case date
        /// `TRUE` or `FALSE`, a ``Cell/boolean(_:)``.
        case boolean
    }

    /// Whether cell `index` is text (its bytes are what the file holds, not a typed value's spelling).
    @inline(__always)
    package func isText(_ index: Int) -> Bool {
        kinds.map { $0[index] == .text } ?? true
    }

    /// The bytes of all the cells.
    private var byteCount: Int { count == 0 ? 0 : end(count - 1) }

    /// Where cell `index` ends, relative to the first cell's first byte.
    @inline(__always)
    private func end(_ index: Int) -> Int {
        guard let arena else { return ownEnds[index] }
        return arena.end(endBase + index)
    }

    /// The byte range of cell `index`.
    package func range(_ index: Int) -> Range<Int> {
        (index == 0 ? 0 : end(index - 1))..<end(index)
    }

    /// Calls `body` with the bytes of cell `index`.
    package func withBytes<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try withView { try body($0.bytes(index)) }
    }

    /// Calls `body` with a borrowed view of every cell (``View``): the row loop reads a record's
    /// cells through it, with no copy of these cells (and so no retain of their arena or arrays)
    /// per cell (issue 30).
    package func withView<R>(_ body: (View) throws -> R) rethrows -> R {
        try withKinds { kinds in
            guard let arena else {
                return try ownBytes.withUnsafeBufferPointer { bytes in
                    try ownEnds.withUnsafeBufferPointer { ends in try body(View(bytes: bytes, ends: ends, kinds: kinds, encoding: encoding)) }
                }
            }
            return try arena.withBuffers { bytes, ends in
                let ends = UnsafeBufferPointer(rebasing: ends[endBase..<(endBase + count)])
                let byteCount = count == 0 ? 0 : ends[count - 1]
                return try body(View(bytes: UnsafeBufferPointer(rebasing: bytes[byteBase..<(byteBase + byteCount)]), ends: ends,
                                     kinds: kinds, encoding: encoding))
            }
        }
    }

    /// `body` on ``kinds`` as a buffer, or `nil`.
    @inline(__always)
    private func withKinds<R>(_ body: (UnsafeBufferPointer<CellKind>?) throws -> R) rethrows -> R {
        guard let kinds else { return try body(nil) }
        return try kinds.withUnsafeBufferPointer { try body($0) }
    }

    /// The cells of a record borrowed for the length of a ``ByteCells/withView(_:)`` call: the
    /// same answers as ``ByteCells``'s, read from pointers (valid only inside that call).
    package struct View {
        /// Every cell's bytes, one after the other.
        package let bytes: UnsafeBufferPointer<UInt8>
        /// Where each cell ends in ``bytes``.
        package let ends: UnsafeBufferPointer<Int>
        /// What each cell is (workbooks), or `nil` when every cell is text.
        package let kinds: UnsafeBufferPointer<CellKind>?
        /// The encoding the bytes are decoded with.
        package let encoding: TextEncoding

        /// The number of cells.
        @inline(__always)
        package var count: Int { ends.count }

        /// Whether cell `index` is text (see ``ByteCells/isText(_:)``).
        @inline(__always)
        package func isText(_ index: Int) -> Bool {
            kinds.map { $0[index] == .text } ?? true
        }

        /// The byte range of cell `index` in ``bytes``.
        @inline(__always)
        package func range(_ index: Int) -> Range<Int> {
            (index == 0 ? 0 : ends[index - 1])..<ends[index]
        }

        /// The bytes of cell `index`.
        @inline(__always)
        package func bytes(_ index: Int) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(rebasing: bytes[range(index)])
        }

        /// Cell `index` decoded (see ``ByteCells/cell(_:)``).
        package func cell(_ index: Int) -> Cell {
            let bytes = bytes(index)
            if bytes.isEmpty { return .empty }
            switch kinds?[index] ?? .text {
            case .text: return .text(ByteCells.decode(UnsafeRawBufferPointer(bytes), encoding))
            case .number: return .number(String(decoding: bytes, as: UTF8.self))
            case .date: return ByteCells.isoDate(bytes).map(Cell.date) ?? .empty
            case .boolean: return .boolean(bytes.first == UInt8(ascii: "T"))
            }
        }
    }

    /// The same cells in arrays of their own: what a record kept beyond its batch holds, so that
    /// it does not keep the batch's whole arena (see ``RecordArena``).
    package func detached() -> ByteCells {
        guard arena != nil else { return self }
        return ByteCells(bytes: bytes, ends: ends, encoding: encoding, kinds: kinds)
    }

    /// Whether the cells are in a batch's arena.
    package var isInArena: Bool { arena != nil }

    package static func == (a: ByteCells, b: ByteCells) -> Bool {
        a.count == b.count && a.encoding == b.encoding && a.kinds == b.kinds && a.ends == b.ends && a.bytes == b.bytes
    }

    /// Cell `index` decoded: `.empty` for no bytes, else `.text`. Bytes that are not valid in the
    /// encoding are read as Windows-1252 (the record carries the encoding problem).
    package func cell(_ index: Int) -> Cell {
        withView { $0.cell(index) }
    }

    /// The date of `YYYY-MM-DD` bytes (a workbook's date cell), read without a `String`.
    package static func isoDate(_ b: UnsafeBufferPointer<UInt8>) -> CivilDate? {
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range {
                let digit = b[i] &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                value = value * 10 + Int(digit)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
        return CivilDate(year: year, month: month, day: day)
    }

    /// Every cell decoded.
    package var decoded: [Cell] { (0..<count).map(cell) }

    /// Whether every cell holds nothing but white space.
    package var isBlank: Bool {
        withView { view in
            (0..<view.count).allSatisfy { index in
                let bytes = view.bytes(index)
                return !view.isText(index) ? bytes.isEmpty : ASCIIBytes.isASCII(bytes) ? ASCIIBytes.trimmed(bytes).isEmpty : view.cell(index).isBlank
            }
        }
    }

    /// Decodes one cell's bytes the way the reader always has, in Normalization Form C (text
    /// decoded from a single-byte encoding is NFC already; only UTF-8 may need composing).
    package static func decode(_ bytes: UnsafeRawBufferPointer, _ encoding: TextEncoding) -> String {
        if let text = encoding.decode(bytes) { return TextNormalization.nfc(text) }
        return TextEncoding.windows1252.decode(bytes) ?? ""
    }

    /// Creates a value from each stored property (the memberwise initialiser, for the package's other targets).
    package init(
        bytes: [UInt8],
        ends: [Int],
        encoding: TextEncoding,
        kinds: [CellKind]? = nil
    ) {
        ownBytes = bytes
        ownEnds = ends
        self.encoding = encoding
        self.kinds = kinds
        arena = nil
        byteBase = 0
        endBase = 0
        count = ends.count
    }

    /// Cells in a batch's arena: `count` of them, whose bytes start at `bytes` in the arena's
    /// bytes and whose ends (relative to that start) at `ends` in its ends.
    package init(arena: RecordArena, bytes: Int, ends: Int, count: Int, encoding: TextEncoding) {
        ownBytes = []
        ownEnds = []
        self.arena = arena
        byteBase = bytes
        endBase = ends
        self.count = count
        self.encoding = encoding
        kinds = nil
    }
}
