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
        return hex(hasher.finalize())
    }

    /// A digest as lower-case hex.
    public static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension Checksum {
    /// The SHA-256 of a text's UTF-8 bytes, as lower-case hex (stable ids of statement movements).
    public static func sha256(text: String) -> String {
        hex(SHA256.hash(data: Data(text.utf8)))
    }

    /// Whether `text` is a SHA-256 as these functions write it: 64 lower-case hex digits.
    public static func isSHA256Hex(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}
