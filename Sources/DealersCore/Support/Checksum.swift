import Crypto
import Foundation

/// Content checksums: SHA-256 of a file, streamed in chunks, as lower-case hex.
public enum Checksum {
    /// The SHA-256 of a file's content.
    public static func sha256(of url: URL) throws -> String {
        let file = try InputFile(url: url, chunkSize: 1 << 20)
        var hasher = SHA256()
        while let chunk = try file.nextChunk() {
            chunk.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        }
        return hasher.finalize().map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}

extension Checksum {
    /// The SHA-256 of a text's UTF-8 bytes, as lower-case hex (stable ids of statement movements).
    public static func sha256(text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
