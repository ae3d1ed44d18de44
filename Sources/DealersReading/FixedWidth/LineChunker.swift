import Foundation
import DealersSupport

/// Reads a file in 64 KiB chunks and hands out its lines (LF-terminated byte runs) one at a
/// time, with constant memory: a line longer than `maxLineBytes` is an error.
package struct LineChunker: ~Copyable {
    private let path: String
    private let file: OpenFile
    private let maxLineBytes: Int
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false
    private static let chunkSize = 64 * 1024

    /// Opens the file; `.noInput` when it does not exist, `.io` when it cannot be opened.
    package init(path: String, maxLineBytes: Int) throws {
        self.path = path
        self.maxLineBytes = maxLineBytes
        file = try OpenFile(path, .read)
    }

    /// The next line including its LF (the last line may lack one), or `nil` at the end.
    package mutating func nextLine() throws -> ArraySlice<UInt8>? {
        while true {
            if let lf = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = buffer[start...lf]
                start = lf + 1
                return line
            }
            if buffer.count - start > maxLineBytes {
                throw DealersError(.data, path: path, "a line is longer than \(maxLineBytes) bytes without a "
                                   + "line break; expected a text file with one record per line")
            }
            if atEnd {
                guard start < buffer.count else { return nil }
                let line = buffer[start...]
                start = buffer.count
                return line
            }
            try fill()
        }
    }

    private mutating func fill() throws {
        if start > 0 {
            buffer.removeSubrange(0..<start)
            start = 0
        }
        let old = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: LineChunker.chunkSize))
        let got = try buffer.withUnsafeMutableBytes { try file.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[old...])) }
        buffer.removeLast(LineChunker.chunkSize - got)
        if got == 0 { atEnd = true }
    }
}
