import CCSV
import Foundation
@testable import DealersCore

/// The previous delimited reader, kept in the tests as the reference the byte path is checked
/// against (it left the library in issue 28): it feeds libcsv one line at a time and decodes
/// every cell into a `String` (`Cell.text`), so the validator takes its String path.
/// ``DelimitedReader`` must produce the same records (lines, cells, raw bytes, problems); the
/// differential tests compare the two on generated and mutated files.
struct LineFedDelimitedReader: RecordSource {
    let url: URL
    let format: DelimitedFormat
    var maxRecordBytes: Int

    init(url: URL, format: DelimitedFormat, maxRecordBytes: Int = 32 << 20) {
        self.url = url
        self.format = format
        self.maxRecordBytes = maxRecordBytes
    }

    func read(_ handler: (SourceRecord) throws -> Void) throws {
        let file = try InputFile(url: url)
        let state = LineFedParseState(encoding: format.encoding)
        var parser = csv_parser()
        guard csv_init(&parser, 0) == 0 else {
            throw DealersError(.internalError, path: url.path, "libcsv could not be initialised")
        }
        defer { csv_free(&parser) }
        csv_set_delim(&parser, format.delimiter)
        csv_set_quote(&parser, format.quote)
        let context = Unmanaged.passUnretained(state).toOpaque()
        var line = 1
        var first = true

        func feed(_ segment: UnsafeRawBufferPointer, endsLine: Bool) throws {
            if parser.pstate == 0 {           // ROW_NOT_BEGUN: the next record starts on this line
                state.startLine = line
                if !state.keepRawPrefix { state.raw.removeAll(keepingCapacity: true) }
            }
            state.raw.append(contentsOf: segment)
            guard state.raw.count <= maxRecordBytes else {
                throw DealersError(.data, path: url.path,
                                   "line \(state.startLine): a record longer than \(maxRecordBytes >> 20) MiB (is a quote left open?)")
            }
            let consumed = csv_parse(&parser, segment.baseAddress, segment.count, lineFedFieldCallback, lineFedRowCallback, context)
            guard consumed == segment.count else {
                throw DealersError(.data, path: url.path, "line \(line): \(String(cString: csv_strerror(csv_error(&parser))))")
            }
            try state.deliver(handler)
            if endsLine { line += 1 }
        }

        while let chunk = try file.nextChunk() {
            try chunk.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
                var start = 0
                if first {
                    first = false
                    if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
                        state.raw.append(contentsOf: bytes[0..<3])
                        if state.encoding == .auto { state.encoding = .utf8 }
                        start = 3
                        state.keepRawPrefix = true
                    }
                }
                while start < bytes.count {
                    let rest = UnsafeRawBufferPointer(rebasing: bytes[start...])
                    if let newline = rest.firstIndex(of: 0x0A) {
                        try feed(UnsafeRawBufferPointer(rebasing: rest[...newline]), endsLine: true)
                        start += newline - rest.startIndex + 1
                    } else {
                        try feed(rest, endsLine: false)
                        start = bytes.count
                    }
                }
            }
        }
        // FIELD_BEGUN (2) inside quotes at the end: the last quote was never closed. Stray quotes
        // inside unquoted fields are kept as text (non-strict mode), as Excel does.
        if parser.pstate == 2, parser.quoted != 0 {
            throw DealersError(.data, path: url.path,
                               "line \(state.startLine): a quoted field is not closed before the end of the file")
        }
        guard csv_fini(&parser, lineFedFieldCallback, lineFedRowCallback, context) == 0 else {
            throw DealersError(.data, path: url.path, "line \(state.startLine): \(String(cString: csv_strerror(csv_error(&parser))))")
        }
        try state.deliver(handler)
    }
}

/// The state libcsv's callbacks fill in for ``LineFedDelimitedReader``; owned by one `read` call.
final class LineFedParseState {
    var encoding: TextEncoding
    var cells: [Cell] = []
    var raw: [UInt8] = []
    var startLine = 1
    var problem: RecordProblem?
    var finished: [SourceRecord] = []
    var keepRawPrefix = false

    init(encoding: TextEncoding) {
        self.encoding = encoding
    }

    func field(_ bytes: UnsafeRawBufferPointer) {
        if bytes.isEmpty { cells.append(.empty); return }
        if let text = encoding.decode(bytes) {
            if problem == nil, ControlCharacters.contains(bytes.assumingMemoryBound(to: UInt8.self)) {
                problem = .invalidCharacter(column: cells.count + 1)
            }
            cells.append(.text(TextNormalization.nfc(text)))
        } else {
            if problem == nil { problem = .encoding(column: cells.count + 1) }
            cells.append(.text(TextEncoding.windows1252.decode(bytes) ?? ""))
        }
    }

    /// Hands on the records ended so far (a lone CR can end two on one line).
    func deliver(_ handler: (SourceRecord) throws -> Void) throws {
        let records = finished
        finished.removeAll()
        for record in records { try handler(record) }
    }

    func endRow() {
        finished.append(SourceRecord(line: startLine, cells: cells, raw: raw, problem: problem))
        cells = []
        problem = nil
        keepRawPrefix = false
    }
}

private let lineFedFieldCallback: @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeMutableRawPointer?) -> Void = { data, length, context in
    guard let context else { return }
    let state = Unmanaged<LineFedParseState>.fromOpaque(context).takeUnretainedValue()
    state.field(UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : length))
}

private let lineFedRowCallback: @convention(c) (Int32, UnsafeMutableRawPointer?) -> Void = { _, context in
    guard let context else { return }
    Unmanaged<LineFedParseState>.fromOpaque(context).takeUnretainedValue().endRow()
}
