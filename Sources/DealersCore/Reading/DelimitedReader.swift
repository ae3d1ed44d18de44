import CCSV
import Foundation

/// Reads delimited text (CSV, `;`-separated Spanish Excel exports, tab-separated …) through
/// libcsv, streaming: the file is read in 64 KiB chunks and each record is handed on as soon as
/// it ends, so memory stays flat whatever the file's size.
///
/// Each record knows the line a person sees in an editor where it starts (quoted fields may
/// span lines) and keeps its bytes as they came, for the rejected-rows file.
public struct DelimitedReader: RecordSource {
    /// The file.
    public let url: URL
    /// Delimiter, quote and encoding.
    public let format: DelimitedFormat
    /// The largest record accepted, in bytes; past it the file is refused (an unterminated quote
    /// would otherwise swallow the whole file into memory).
    public var maxRecordBytes: Int

    /// Creates a reader.
    public init(url: URL, format: DelimitedFormat, maxRecordBytes: Int = 32 << 20) {
        self.url = url
        self.format = format
        self.maxRecordBytes = maxRecordBytes
    }

    public func read(_ handler: (SourceRecord) throws -> Void) throws {
        let file = try InputFile(url: url)
        let state = DelimitedParseState(encoding: format.encoding)
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
            let consumed = csv_parse(&parser, segment.baseAddress, segment.count, delimitedFieldCallback, delimitedRowCallback, context)
            guard consumed == segment.count else {
                throw DealersError(.data, path: url.path, "line \(line): \(String(cString: csv_strerror(csv_error(&parser))))")
            }
            if let record = state.finished {
                state.finished = nil
                try handler(record)
            }
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
        guard csv_fini(&parser, delimitedFieldCallback, delimitedRowCallback, context) == 0 else {
            throw DealersError(.data, path: url.path, "line \(state.startLine): \(String(cString: csv_strerror(csv_error(&parser))))")
        }
        if let record = state.finished {
            state.finished = nil
            try handler(record)
        }
    }
}

/// The state libcsv's callbacks fill in; owned by one `read` call.
final class DelimitedParseState {
    var encoding: TextEncoding
    var cells: [Cell] = []
    var raw: [UInt8] = []
    var startLine = 1
    var problem: RecordProblem?
    var finished: SourceRecord?
    var keepRawPrefix = false

    init(encoding: TextEncoding) {
        self.encoding = encoding
    }

    func field(_ bytes: UnsafeRawBufferPointer) {
        if bytes.isEmpty { cells.append(.empty); return }
        if let text = encoding.decode(bytes) {
            cells.append(.text(text))
        } else {
            if problem == nil { problem = .encoding(column: cells.count + 1) }
            cells.append(.text(TextEncoding.windows1252.decode(bytes) ?? ""))
        }
    }

    func endRow() {
        finished = SourceRecord(line: startLine, cells: cells, raw: raw, problem: problem)
        cells = []
        cells.reserveCapacity(finished?.cells.count ?? 0)
        problem = nil
        keepRawPrefix = false
    }
}

private let delimitedFieldCallback: @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeMutableRawPointer?) -> Void = { data, length, context in
    guard let context else { return }
    let state = Unmanaged<DelimitedParseState>.fromOpaque(context).takeUnretainedValue()
    state.field(UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : length))
}

private let delimitedRowCallback: @convention(c) (Int32, UnsafeMutableRawPointer?) -> Void = { _, context in
    guard let context else { return }
    Unmanaged<DelimitedParseState>.fromOpaque(context).takeUnretainedValue().endRow()
}
