import CCSV
import Foundation
import DealersSupport

/// Reads delimited text (CSV, `;`-separated Spanish Excel exports, tab-separated …) through
/// libcsv, streaming: the file is read in 64 KiB chunks, each chunk is handed to libcsv whole,
/// and each record is handed on as soon as it ends, so memory stays flat whatever the file's size.
///
/// Each record knows the line a person sees in an editor where it starts (quoted fields may
/// span lines) and keeps its bytes as they came, for the rejected-rows file. Its cells stay
/// bytes (``ByteCells``) until someone asks for their text. A file in UTF-16 or UTF-32 is
/// transcoded to UTF-8 as it streams, so its records' bytes are UTF-8 (the rejected-rows file
/// converts them back).
public struct DelimitedReader: RecordSource {
    /// The file.
    public let url: URL
    /// Delimiter, quote and encoding.
    public let format: DelimitedFormat
    /// The largest record accepted, in bytes; past it the file is refused (an unterminated quote
    /// would otherwise swallow the whole file into memory).
    public var maxRecordBytes: Int
    /// Bytes read and parsed at a time (small in tests, to put chunk ends everywhere).
    package var chunkSize = 64 << 10
    /// Where the records go when their reader hands them over in batches (``RecordArena``):
    /// each record's bytes are then a stretch of its batch's arena instead of arrays of its own.
    package var arenas: RecordArenas?

    /// Creates a reader.
    public init(url: URL, format: DelimitedFormat, maxRecordBytes: Int = 32 << 20) {
        self.url = url
        self.format = format
        self.maxRecordBytes = maxRecordBytes
    }

    public func read(_ handler: (SourceRecord) throws -> Void) throws {
        // UTF-16 and UTF-32 are parsed as the UTF-8 they are transcoded to, chunk by chunk.
        let nextChunk: () throws -> ArraySlice<UInt8>?
        if format.encoding.isWide {
            let input = try TranscodingInput(url: url, encoding: format.encoding, chunkSize: chunkSize)
            nextChunk = input.nextChunk
        } else {
            let input = try InputFile(url: url, chunkSize: chunkSize)
            nextChunk = input.nextChunk
        }
        let encoding: TextEncoding = format.encoding.isWide ? .utf8 : format.encoding
        var parser = csv_parser()
        // CSV_REPALL_NL: every line ending outside quotes reaches the row callback, so the
        // state can count the lines libcsv skips (blank ones) as well as those it ends rows on.
        guard csv_init(&parser, UInt8(CSV_REPALL_NL)) == 0 else {
            throw DealersError(.internalError, path: url.path, "libcsv could not be initialised")
        }
        defer { csv_free(&parser) }
        csv_set_delim(&parser, format.delimiter)
        csv_set_quote(&parser, format.quote)
        try withoutActuallyEscaping(handler) { handler in
            var parseState = DelimitedParseState(encoding: encoding, path: url.path, maxRecordBytes: maxRecordBytes,
                                                 arenas: arenas, handler: handler)
            try withUnsafeMutablePointer(to: &parseState) { state in
                let context = UnsafeMutableRawPointer(state)
                while let chunk = try nextChunk() {
                    try chunk.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
                        let skip = try state.pointee.begin(chunk: bytes)
                        let rest = UnsafeRawBufferPointer(rebasing: bytes[skip...])
                        let consumed = csv_parse(&parser, rest.baseAddress, rest.count, delimitedFieldCallback, delimitedRowCallback, context)
                        try state.pointee.rethrow()
                        guard consumed == rest.count else {
                            throw DealersError(.data, path: url.path, "line \(state.pointee.line): \(String(cString: csv_strerror(csv_error(&parser))))")
                        }
                        try state.pointee.endChunk()
                    }
                }
                // FIELD_BEGUN (2) inside quotes at the end: the last quote was never closed. Stray quotes
                // inside unquoted fields are kept as text (non-strict mode), as Excel does.
                if parser.pstate == 2, parser.quoted != 0 {
                    throw DealersError(.data, path: url.path,
                                       "line \(state.pointee.recordLine): a quoted field is not closed before the end of the file")
                }
                guard csv_fini(&parser, delimitedFieldCallback, delimitedRowCallback, context) == 0 else {
                    throw DealersError(.data, path: url.path, "line \(state.pointee.recordLine): \(String(cString: csv_strerror(csv_error(&parser))))")
                }
                try state.pointee.rethrow()
                try state.pointee.endFile()
            }
        }
    }
}

private let delimitedFieldCallback: @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeMutableRawPointer?) -> Void = { data, length, context in
    guard let context else { return }
    context.assumingMemoryBound(to: DelimitedParseState.self).pointee
        .field(UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : length))
}

private let delimitedRowCallback: @convention(c) (Int32, UnsafeMutableRawPointer?) -> Void = { terminator, context in
    guard let context else { return }
    context.assumingMemoryBound(to: DelimitedParseState.self).pointee.endRow(terminator: terminator)
}
