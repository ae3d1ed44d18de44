import DealersSupport

/// The shared-string table of a workbook (`xl/sharedStrings.xml`): one string per `<si>`, the
/// text of its `<t>` and of the `<t>` of its rich-text runs `<r>` concatenated, phonetic hints
/// `<rPh>` left out, in UTF-8 as the part has it.
///
/// The strings are bytes of one arena and where each ends, both ``SpilledBytes``: the first
/// ``XLSXLimits/sharedStringsMemoryBytes`` stay in memory (the header and the values a sheet
/// repeats come first), the rest is read back from a temporary file in the order the sheet asks
/// for it, so memory stays flat however many rows (each with its own e-mail and document) the
/// workbook has. The whole table stays under ``XLSXLimits/maxSharedStringsBytes`` (counted as
/// before, with 16 bytes a string).
package final class XLSXSharedStrings {
    private let arena: SpilledBytes
    /// Where each string ends in the arena, as little-endian `UInt32`s.
    private let ends: SpilledBytes
    /// The number of strings.
    package private(set) var count = 0

    /// An empty table (a workbook without shared strings).
    package init() {
        arena = SpilledBytes(memoryBytes: 0, prefix: "dealers-strings")
        ends = SpilledBytes(memoryBytes: 0, prefix: "dealers-string-ends")
    }

    /// Whether the table holds only the first strings of the part (``init(package:part:limits:first:)``).
    package private(set) var isPartial = false

    /// A cell referred to a string beyond those of a partial table: read more of them.
    package struct Beyond: Error {
        /// The string's index.
        package let index: Int
    }

    /// Reads the part, or only its first `first` strings (a sample of the first rows needs no
    /// more).
    /// - Throws: a `.data` error naming the part when it breaks the limit or is not acceptable XML.
    package init(package: WorkbookPackage, part: String, limits: XLSXLimits, first: Int? = nil) throws {
        let memory = max(limits.sharedStringsMemoryBytes, 0)
        arena = SpilledBytes(memoryBytes: memory - memory / 5, prefix: "dealers-strings")
        ends = SpilledBytes(memoryBytes: memory / 5, prefix: "dealers-string-ends")
        var handler = Handler(path: package.path, part: part, maxBytes: min(limits.maxSharedStringsBytes, Int64(UInt32.max)),
                              first: first, table: self)
        do {
            try package.read(part, format: "XLSX", into: &handler)
        } catch is Enough {
            isPartial = true
        }
    }

    /// The first strings asked for are read.
    private struct Enough: Error {}

    /// Calls `body` with the bytes of string `index` (valid during the call only); `nil` when
    /// the table has no such string.
    /// - Throws: ``DealersError`` `.io` when the temporary file cannot be read.
    package func withString<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) throws -> R? {
        guard index >= 0, index < count else { return nil }
        let (start, end) = try ends.withBytes((index == 0 ? 0 : (index - 1) * 4)..<((index + 1) * 4)) { bytes -> (Int, Int) in
            let raw = UnsafeRawBufferPointer(bytes)
            let end = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: index == 0 ? 0 : 4, as: UInt32.self)))
            return (index == 0 ? 0 : Int(UInt32(littleEndian: raw.loadUnaligned(as: UInt32.self))), end)
        }
        return try arena.withBytes(start..<end, body)
    }

    /// Approximate memory a string costs besides its UTF-8 bytes, as the limit counts it.
    static let overheadPerString: Int64 = 16

    /// Collects the strings from the part's markup straight into the table.
    private struct Handler: MarkupHandler {
        let path: String
        let part: String
        let maxBytes: Int64
        let first: Int?
        let table: XLSXSharedStrings
        /// The text of the string being read (rich-text runs gathered).
        private var current: [UInt8] = []
        private var inItem = false
        private var inText = false
        private var phoneticDepth = 0

        init(path: String, part: String, maxBytes: Int64, first: Int?, table: XLSXSharedStrings) {
            self.path = path
            self.part = part
            self.maxBytes = maxBytes
            self.first = first
            self.table = table
        }

        mutating func start(_ tag: MarkupTag) throws {
            if tag.local.matches("si") {
                inItem = true
                current.removeAll(keepingCapacity: true)
            } else if tag.local.matches("rPh") {
                phoneticDepth += 1
            } else if tag.local.matches("t") {
                inText = inItem && phoneticDepth == 0
            }
        }

        mutating func end(_ name: MarkupName) throws {
            if name.matches("si") {
                inItem = false
                try current.withUnsafeBufferPointer { try table.arena.append($0) }
                current.removeAll(keepingCapacity: true)
                table.count += 1
                try checkLimit()
                try table.ends.append(littleEndian: UInt32(table.arena.count))
                if let first, table.count >= first { throw Enough() }
            } else if name.matches("rPh") {
                phoneticDepth = max(0, phoneticDepth - 1)
            } else if name.matches("t") {
                inText = false
            }
        }

        mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) throws {
            guard inText else { return }
            current.append(contentsOf: bytes)
            try checkLimit()
        }

        private func checkLimit() throws {
            if Int64(table.arena.count + current.count) + Int64(table.count) * XLSXSharedStrings.overheadPerString > maxBytes {
                throw DealersError(.data, path: path, "the part \(part) holds more than \(maxBytes) bytes of shared strings, the limit")
            }
        }
    }
}
