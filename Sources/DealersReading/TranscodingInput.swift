import DealersSupport
import Foundation

/// A file in UTF-16 or UTF-32 read as UTF-8 chunks, streaming: what ``DelimitedReader`` parses
/// for a wide encoding. The byte-order mark is dropped (the rejected-rows file writes it again).
package final class TranscodingInput {
    private let file: InputFile
    private var transcoder: WideTranscoder
    private var buffer: [UInt8] = []
    private var started = false
    private var ended = false

    package init(url: URL, encoding: TextEncoding, chunkSize: Int) throws {
        file = try InputFile(url: url, chunkSize: chunkSize)
        transcoder = WideTranscoder(encoding: encoding)
    }

    /// The next chunk of UTF-8, or `nil` at the end of the file.
    package func nextChunk() throws -> ArraySlice<UInt8>? {
        while !ended {
            buffer.removeAll(keepingCapacity: true)
            guard var chunk = try file.nextChunk() else {
                ended = true
                transcoder.finish(into: &buffer)
                return buffer.isEmpty ? nil : buffer[...]
            }
            if !started {
                started = true
                let mark = transcoder.encoding.byteOrderMark
                if chunk.starts(with: mark) { chunk = chunk.dropFirst(mark.count) }
            }
            chunk.withUnsafeBytes { _ = transcoder.transcode($0, into: &buffer) }
            if !buffer.isEmpty { return buffer[...] }
        }
        return nil
    }
}
