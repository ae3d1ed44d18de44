import DealersModel

/// One row of a sheet as it is read: its cells' bytes one after the other in one buffer, each
/// with its kind, placed by column (gaps are empty cells). Reused from row to row.
///
/// Cells come in column order in every real file; a cell placed at or before a column already
/// filled (a file that repeats or reorders references) switches the row to a slower map by
/// column, in which the later cell wins, as it always did.
package struct WorkbookRow {
    private var bytes: [UInt8] = []
    private var ends: [Int] = []
    private var kinds: [ByteCells.CellKind] = []
    private var hasTypedCell = false
    /// Cells by 0-based column once the row is out of order.
    private var scattered: [Int: (ByteCells.CellKind, [UInt8])]?
    private var scatteredWidth = 0

    package init() {}

    /// The number of cells so far (the next cell without a reference goes after them).
    package var count: Int { scattered == nil ? ends.count : scatteredWidth }

    /// Empties the row for the next one.
    package mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        kinds.removeAll(keepingCapacity: true)
        hasTypedCell = false
        scattered = nil
        scatteredWidth = 0
    }

    /// Puts a cell in a 1-based column.
    package mutating func set(column: Int, kind: ByteCells.CellKind, _ value: UnsafeBufferPointer<UInt8>) {
        if scattered == nil, column > ends.count {
            while ends.count < column - 1 { ends.append(bytes.count); kinds.append(.text) }
            bytes.append(contentsOf: value)
            ends.append(bytes.count)
            kinds.append(kind)
            if kind != .text && !value.isEmpty { hasTypedCell = true }
            return
        }
        if scattered == nil { scatter() }
        scattered?[column - 1] = (kind, Array(value))
        scatteredWidth = max(scatteredWidth, column)
    }

    /// Puts a cell whose value is appended by `write` (a number's spelling, a shared string).
    package mutating func set(column: Int, kind: ByteCells.CellKind, write: (inout [UInt8]) -> Void) {
        var scratch: [UInt8] = []
        if scattered == nil, column > ends.count {
            while ends.count < column - 1 { ends.append(bytes.count); kinds.append(.text) }
            let before = bytes.count
            write(&bytes)
            ends.append(bytes.count)
            kinds.append(kind)
            if kind != .text && bytes.count > before { hasTypedCell = true }
            return
        }
        write(&scratch)
        scratch.withUnsafeBufferPointer { set(column: column, kind: kind, $0) }
    }

    private mutating func scatter() {
        var map: [Int: (ByteCells.CellKind, [UInt8])] = [:]
        var start = 0
        for (i, end) in ends.enumerated() {
            map[i] = (kinds[i], Array(bytes[start..<end]))
            start = end
        }
        scatteredWidth = ends.count
        scattered = map
    }

    /// The row as a record, trailing empty cells left out; `nil` when no cell holds a value.
    /// A text cell with a control character is the record's problem.
    package mutating func record(line: Int) -> SourceRecord? {
        if let map = scattered {
            let width = scatteredWidth
            reset()
            for column in 0..<width {
                let (kind, value) = map[column] ?? (.text, [])
                bytes.append(contentsOf: value)
                ends.append(bytes.count)
                kinds.append(kind)
                if kind != .text && !value.isEmpty { hasTypedCell = true }
            }
        }
        var width = ends.count
        while width > 0, ends[width - 1] == (width > 1 ? ends[width - 2] : 0) { width -= 1 }
        guard width > 0 else { return nil }
        // Copies of exactly the record's size: the row's own buffers stay unshared, so the next
        // row reuses them without allocating, and a record waiting in the queue between the
        // threads holds its bytes, not a buffer of the row's largest capacity.
        let cells = ByteCells(bytes: Self.copy(bytes, count: ends[width - 1]), ends: Self.copy(ends, count: width), encoding: .utf8,
                              kinds: hasTypedCell ? Self.copy(kinds, count: width) : nil)
        return SourceRecord(line: line, byteCells: cells, problem: controlCharacter(cells).map { .invalidCharacter(column: $0 + 1) })
    }

    /// The first `count` elements in a new array of that capacity.
    private static func copy<T>(_ array: [T], count: Int) -> [T] {
        array.withUnsafeBufferPointer { Array(UnsafeBufferPointer(rebasing: $0[..<count])) }
    }

    /// The first text cell holding a refused control character.
    private func controlCharacter(_ cells: ByteCells) -> Int? {
        let found = cells.bytes.withUnsafeBufferPointer { ControlCharacters.contains($0) }
        guard found else { return nil }
        return (0..<cells.count).first { i in
            cells.isText(i) && cells.withBytes(i) { ControlCharacters.contains($0) }
        }
    }
}
