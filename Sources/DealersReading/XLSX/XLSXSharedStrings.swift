import DealersSupport

/// The shared-string table of a workbook (`xl/sharedStrings.xml`) as byte ranges of one arena:
/// one string per `<si>`, the text of its `<t>` and of the `<t>` of its rich-text runs `<r>`
/// concatenated, phonetic hints `<rPh>` left out, in UTF-8 as the part has it. The one part of
/// a workbook held in memory: its UTF-8 bytes plus four bytes a string, under
/// ``XLSXLimits/maxSharedStringsBytes`` (counted as before, with 16 bytes a string).
package struct XLSXSharedStrings {
    /// Every string's bytes, one after the other.
    package private(set) var arena: [UInt8] = []
    /// Where each string ends in ``arena``; string `i` starts where string `i - 1` ends.
    package private(set) var ends: [UInt32] = []

    /// An empty table (a workbook without shared strings).
    package init() {}

    /// Reads the part.
    /// - Throws: a `.data` error naming the part when it breaks the limit or is not acceptable XML.
    package init(package: WorkbookPackage, part: String, maxBytes: Int64) throws {
        var handler = Handler(path: package.path, part: part, maxBytes: min(maxBytes, Int64(UInt32.max)))
        try package.read(part, format: "XLSX", into: &handler)
        arena = handler.arena
        ends = handler.ends
    }

    /// The number of strings.
    package var count: Int { ends.count }

    /// The byte range of string `index` in ``arena``.
    @inline(__always)
    package func range(_ index: Int) -> Range<Int> {
        (index == 0 ? 0 : Int(ends[index - 1]))..<Int(ends[index])
    }

    /// Approximate memory a string costs besides its UTF-8 bytes, as the limit counts it.
    static let overheadPerString: Int64 = 16

    private struct Handler: MarkupHandler {
        let path: String
        let part: String
        let maxBytes: Int64
        var arena: [UInt8] = []
        var ends: [UInt32] = []
        private var inItem = false
        private var inText = false
        private var phoneticDepth = 0
        private var itemStart = 0

        init(path: String, part: String, maxBytes: Int64) {
            self.path = path
            self.part = part
            self.maxBytes = maxBytes
        }

        mutating func start(_ tag: MarkupTag) throws {
            if tag.local.matches("si") {
                inItem = true
                arena.removeLast(arena.count - itemStart)
            } else if tag.local.matches("rPh") {
                phoneticDepth += 1
            } else if tag.local.matches("t") {
                inText = inItem && phoneticDepth == 0
            }
        }

        mutating func end(_ name: MarkupName) throws {
            if name.matches("si") {
                inItem = false
                ends.append(UInt32(arena.count))
                itemStart = arena.count
                try checkLimit()
            } else if name.matches("rPh") {
                phoneticDepth = max(0, phoneticDepth - 1)
            } else if name.matches("t") {
                inText = false
            }
        }

        mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) throws {
            guard inText else { return }
            arena.append(contentsOf: bytes)
            try checkLimit()
        }

        private func checkLimit() throws {
            if Int64(arena.count) + Int64(ends.count) * XLSXSharedStrings.overheadPerString > maxBytes {
                throw DealersError(.data, path: path, "the part \(part) holds more than \(maxBytes) bytes of shared strings, the limit")
            }
        }
    }
}
