import Foundation

/// The run files of an external merge (the contract history's sort, the error files' spool):
/// each run is a temporary file of one element per line, rising in the caller's order; ``merge(by:_:)``
/// reads them back holding one element per run and hands out the earliest each time. The files
/// live in a private temporary folder, removed when the runs go.
final class SpillRuns<Element> {
    private let prefix: String
    private let encode: (Element) -> String
    private let decode: (Substring) -> Element?
    private var folder: URL?
    private var runs: [(url: URL, file: StagedFile)] = []

    /// Runs whose folder is named after `prefix`; `encode` writes an element as one line (no
    /// line break in it) and `decode` reads it back (`nil` for a damaged line).
    init(prefix: String, encode: @escaping (Element) -> String, decode: @escaping (Substring) -> Element?) {
        self.prefix = prefix
        self.encode = encode
        self.decode = decode
    }

    deinit {
        if let folder { try? FileSystem.removeTree(folder.path) }
    }

    /// The number of runs started.
    var count: Int { runs.count }

    /// Starts a run and returns its index.
    /// - Throws: ``DealersError`` `.cannotCreate` when the temporary file cannot be made.
    func start() throws -> Int {
        let folder = try runFolder()
        let url = folder.appendingPathComponent("run-\(runs.count).txt")
        runs.append((url, try StagedFile(target: url)))
        return runs.count - 1
    }

    /// Appends an element to run `index` (buffered).
    /// - Throws: ``DealersError`` `.io` when the temporary file cannot be written.
    func append(_ element: Element, to index: Int) throws {
        try runs[index].file.write(encode(element).utf8)
        try runs[index].file.write(CollectionOfOne(UInt8(ascii: "\n")))
    }

    /// Ends run `index`: its file is flushed and closed (no descriptor stays open for it).
    func end(_ index: Int) throws {
        try runs[index].file.commit()
    }

    /// Calls `body` with every element of every run, earliest first by `precedes` (equal
    /// elements in the order of their runs), and forgets the runs.
    /// - Throws: ``DealersError`` `.io` for an unreadable or damaged run file; what `body` throws.
    func merge(by precedes: (Element, Element) -> Bool, _ body: (Element) throws -> Void) throws {
        for run in runs { try run.file.commit() }
        let readers = try runs.map { try RunReader(url: $0.url, decode: decode) }
        runs = []
        var heads = try readers.map { try $0.next() }
        while true {
            var best: Int?
            for (i, head) in heads.enumerated() {
                guard let head else { continue }
                if let b = best, let current = heads[b], !precedes(head, current) { continue }
                best = i
            }
            guard let b = best, let element = heads[b] else { break }
            try body(element)
            heads[b] = try readers[b].next()
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

/// Reads a run file back one element (line) at a time.
private final class RunReader<Element> {
    private let url: URL
    private let decode: (Substring) -> Element?
    private var lines: LineChunker

    init(url: URL, decode: @escaping (Substring) -> Element?) throws {
        self.url = url
        self.decode = decode
        lines = try LineChunker(path: url.path, maxLineBytes: 1 << 30)
    }

    func next() throws -> Element? {
        guard let line = try lines.nextLine() else { return nil }
        let text = String(decoding: line.last == UInt8(ascii: "\n") ? line.dropLast() : line, as: UTF8.self)
        guard let element = decode(Substring(text)) else {
            throw DealersError(.io, path: url.path, "damaged line in a temporary run file")
        }
        return element
    }
}
