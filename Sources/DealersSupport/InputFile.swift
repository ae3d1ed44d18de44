import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An input file read sequentially in fixed-size chunks with `read(2)`.
public final class InputFile {
    /// The file.
    public let url: URL
    private let fd: Int32
    private let chunkSize: Int
    private var buffer: [UInt8]

    /// Opens a file for reading; a missing file is a `.noInput` error.
    public init(url: URL, chunkSize: Int = 64 << 10) throws {
        self.url = url
        self.chunkSize = chunkSize
        fd = open(url.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            throw DealersError(code == ENOENT ? .noInput : .io, path: url.path,
                               "cannot open: \(String(cString: strerror(code)))")
        }
        buffer = [UInt8](repeating: 0, count: chunkSize)
    }

    deinit { close(fd) }

    /// The next chunk, or `nil` at the end of the file.
    public func nextChunk() throws -> ArraySlice<UInt8>? {
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, chunkSize) }
            if n < 0 {
                if errno == EINTR { continue }
                throw DealersError.io(url.path, "read")
            }
            return n == 0 ? nil : buffer[0..<n]
        }
    }
}
