import DealersCore
import Foundation

/// Writes a `;`-separated, CRLF, Windows-1252 text file the way Spanish Excel saves "CSV",
/// through a 1 MiB buffer. Only Latin-1 letters are used by the generator; any other character
/// becomes `?`, as Excel does.
final class Windows1252File {
    private let file: OpenFile
    private var buffer: [UInt8] = []
    private static let flushSize = 1 << 20

    /// Creates (or truncates) the file.
    init(url: URL) throws {
        file = try OpenFile(url.path, .writeTruncating, failure: .cannotCreate)
        buffer.reserveCapacity(Self.flushSize + 4096)
    }

    /// Appends one record: cells joined by `;`, then CRLF.
    func append(_ cells: [String]) throws {
        for (i, cell) in cells.enumerated() {
            if i > 0 { buffer.append(0x3B) }
            for scalar in cell.unicodeScalars {
                let v = scalar.value
                // Latin-1 letters have the same code in Windows-1252; 0x80–0x9F differ and are not used.
                buffer.append(v < 0x80 || (v >= 0xA0 && v < 0x100) ? UInt8(v) : 0x3F)
            }
        }
        buffer.append(contentsOf: [0x0D, 0x0A])
        if buffer.count >= Self.flushSize { try flush() }
    }

    /// Writes what is buffered and closes the file.
    func close() throws {
        try flush()
        try file.close()
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { try file.write($0) }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// An error of the benchmark itself (bad arguments, missing files, a failed child).
struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
