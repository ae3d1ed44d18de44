import Foundation

extension FileSystem {
    /// The whole content of the file at `path`, or `nil` when it (or one of its folders) does
    /// not exist.
    /// - Throws: ``DealersError`` `.io` `"open failed: …"` or `"read failed: …"` (a folder
    ///   fails to read).
    public static func readIfPresent(_ path: String) throws -> Data? {
        guard let file = try OpenFile.openIfPresent(path) else { return nil }
        defer { file.closeIgnoringErrors() }
        return try file.readToEnd()
    }
}

extension OpenFile {
    /// Everything from the current offset to the end of the file, read 64 KiB at a time.
    /// - Parameter sizeHint: the bytes expected, reserved up front (0: unknown).
    /// - Throws: ``DealersError`` `.io` `"read failed: …"`.
    public func readToEnd(sizeHint: Int = 0) throws -> Data {
        var data = Data()
        data.reserveCapacity(sizeHint)
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = try buffer.withUnsafeMutableBytes { try read(into: $0) }
            if n == 0 { break }
            data.append(contentsOf: buffer[0..<n])
        }
        return data
    }
}
