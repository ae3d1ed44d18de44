import HeapModule
import Foundation

/// The run files of an external merge (the contract history's sort, the error files' spool):
/// each run is a temporary file of elements rising in the caller's order, each written as its
/// length (4 bytes) and its fields (``SpillWriter``); ``merge(by:_:)`` reads them back holding
/// one element per run and hands out the earliest each time. The files live in a private
/// temporary folder, removed when the runs go.
package final class SpillRuns<Element> {
    private let prefix: String
    private let encode: (Element, inout SpillWriter) -> Void
    private let decode: (inout SpillReader) -> Element?
    private var folder: URL?
    private var runs: [(url: URL, file: StagedFile)] = []
    private var writer = SpillWriter()

    /// Runs whose folder is named after `prefix`; `encode` writes an element's fields and
    /// `decode` reads them back (`nil` for a damaged element).
    package init(prefix: String, encode: @escaping (Element, inout SpillWriter) -> Void, decode: @escaping (inout SpillReader) -> Element?) {
        self.prefix = prefix
        self.encode = encode
        self.decode = decode
    }

    deinit {
        if let folder { try? FileSystem.removeTree(folder.path) }
    }

    /// The number of runs started.
    package var count: Int { runs.count }

    /// Starts a run and returns its index.
    /// - Throws: ``DealersError`` `.cannotCreate` when the temporary file cannot be made.
    package func start() throws -> Int {
        let folder = try runFolder()
        let url = folder.appendingPathComponent("run-\(runs.count).txt")
        runs.append((url, try StagedFile(target: url)))
        return runs.count - 1
    }

    /// Appends an element to run `index` (buffered).
    /// - Throws: ``DealersError`` `.io` when the temporary file cannot be written.
    package func append(_ element: Element, to index: Int) throws {
        writer.reset()
        encode(element, &writer)
        try withUnsafeBytes(of: UInt32(writer.bytes.count).littleEndian) { try runs[index].file.write($0) }
        try writer.bytes.withUnsafeBytes { try runs[index].file.write($0) }
    }

    /// Ends run `index`: its file is flushed and closed (no descriptor stays open for it).
    package func end(_ index: Int) throws {
        try runs[index].file.commit()
    }

    /// Calls `body` with every element of every run, earliest first by `precedes` (equal
    /// elements in the order of their runs), and forgets the runs.
    /// - Throws: ``DealersError`` `.io` for an unreadable or damaged run file; what `body` throws.
    package func merge(by precedes: (Element, Element) -> Bool, _ body: (Element) throws -> Void) throws {
        for run in runs { try run.file.commit() }
        let readers = try runs.map { try RunReader(url: $0.url, decode: decode) }
        runs = []
        // The runs' heads in a heap, earliest first (equal heads: the earlier run), so that a
        // merge of many runs costs log(runs) comparisons an element, not one per run.
        try withoutActuallyEscaping(precedes) { precedes in
            var heads = Heap<RunHead<Element>>()
            for (run, reader) in readers.enumerated() {
                if let element = try reader.next() { heads.insert(RunHead(element: element, run: run, precedes: precedes)) }
            }
            while let head = heads.popMin() {
                try body(head.element)
                if let next = try readers[head.run].next() { heads.insert(RunHead(element: next, run: head.run, precedes: precedes)) }
            }
        }
    }

    private func runFolder() throws -> URL {
        if let folder { return folder }
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(prefix)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)", isDirectory: true)
        try AtomicFile.createDirectory(url)
        folder = url
        return url
    }
}

/// Reads a run file back one element at a time, through a buffer of 64 KiB (or one element,
/// when larger).
private final class RunReader<Element> {
    private let url: URL
    private let decode: (inout SpillReader) -> Element?
    private let file: OpenFile
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false

    package init(url: URL, decode: @escaping (inout SpillReader) -> Element?) throws {
        self.url = url
        self.decode = decode
        file = try OpenFile(url.path, .read)
    }

    deinit { file.closeIgnoringErrors() }

    package func next() throws -> Element? {
        guard try available(4) else {
            guard start == buffer.count else { throw damaged() }
            return nil
        }
        var length: UInt32 = 0
        withUnsafeMutableBytes(of: &length) { $0.copyBytes(from: buffer[start..<(start + 4)]) }
        let count = Int(UInt32(littleEndian: length))
        guard try available(4 + count) else { throw damaged() }
        let element = buffer.withUnsafeBytes { whole -> Element? in
            var reader = SpillReader(UnsafeRawBufferPointer(rebasing: whole[(start + 4)..<(start + 4 + count)]))
            return decode(&reader)
        }
        guard let element else { throw damaged() }
        start += 4 + count
        return element
    }

    /// Whether `count` bytes from `start` are in the buffer, reading more while they are not.
    private func available(_ count: Int) throws -> Bool {
        while buffer.count - start < count {
            guard !atEnd else { return false }
            if start > 0 {
                buffer.removeSubrange(0..<start)
                start = 0
            }
            let old = buffer.count
            let chunk = max(1 << 16, count - old)
            buffer.append(contentsOf: repeatElement(0, count: chunk))
            let got = try buffer.withUnsafeMutableBytes { try file.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[old...])) }
            buffer.removeLast(chunk - got)
            if got == 0 { atEnd = true }
        }
        return true
    }

    private func damaged() -> DealersError {
        DealersError(.io, path: url.path, "damaged element in a temporary run file")
    }
}

/// The next element of one run in a merge, ordered by the caller's `precedes`, then by run.
private struct RunHead<Element>: Comparable {
    let element: Element
    let run: Int
    let precedes: (Element, Element) -> Bool

    static func < (a: Self, b: Self) -> Bool {
        if a.precedes(a.element, b.element) { return true }
        if a.precedes(b.element, a.element) { return false }
        return a.run < b.run
    }

    /// Heads are of different runs, so two are equal only when they are the same run's.
    static func == (a: Self, b: Self) -> Bool { a.run == b.run }
}
