import Foundation

/// An input file read sequentially in fixed-size chunks.
public final class InputFile {
    /// The file.
    public let url: URL
    private let file: OpenFile
    private var buffer: [UInt8]

    /// Opens a file for reading.
    /// - Throws: ``DealersError`` `.noInput` for a missing file, `.io` when it cannot be opened.
    public init(url: URL, chunkSize: Int = 64 << 10) throws {
        self.url = url
        file = try OpenFile(url.path, .read)
        buffer = [UInt8](repeating: 0, count: chunkSize)
    }

    /// The next chunk, or `nil` at the end of the file.
    /// - Throws: ``DealersError`` `.io`.
    public func nextChunk() throws -> ArraySlice<UInt8>? {
        let n = try buffer.withUnsafeMutableBytes { try file.read(into: $0) }
        return n == 0 ? nil : buffer[0..<n]
    }
}
