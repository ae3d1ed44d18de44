import Foundation
import Testing
@testable import DealersCore

@Suite("The auto encoding's UTF-8 shortcut")
struct AutoEncodingShortcutTests {
    /// Bytes that mix ASCII, Windows-1252 letters and UTF-8 sequences (whole, cut short, overlong).
    static let pieces: [[UInt8]] = [
        Array("Jos".utf8), [0xE9], Array("é".utf8), [0xC3], [0xA9], [0xE2, 0x82], [0xE2, 0x82, 0xAC], [0xF0, 0x9F, 0x98, 0x80],
        [0xC0, 0x80], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xFF], [0x80], Array(" a;b".utf8), [],
    ]

    @Test("a cell the first non-ASCII byte rules out is never UTF-8, and auto reads every cell as it did")
    func shortcutAgreesWithValidation() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let count = Int.random(in: 0...5, using: &generator)
            let bytes = (0..<count).flatMap { _ in Self.pieces.randomElement(using: &generator) ?? [] }
            bytes.withUnsafeBytes { raw in
                let valid = String(validating: raw, as: UTF8.self)
                if TextEncoding.rulesOutUTF8(raw) { #expect(valid == nil, "\(bytes)") }
                // What `auto` decodes: UTF-8 when the bytes are, else Windows-1252, as before the shortcut.
                let expected = valid ?? TextEncoding.windows1252.decode(raw)
                #expect(TextEncoding.auto.decode(raw) == expected, "\(bytes)")
            }
        }
    }

    @Test("Windows-1252 accents are ruled out at the first one; UTF-8 and ASCII are not")
    func examples() {
        func rulesOut(_ bytes: [UInt8]) -> Bool { bytes.withUnsafeBytes(TextEncoding.rulesOutUTF8) }
        #expect(rulesOut([0x4A, 0x6F, 0x73, 0xE9]))              // "José", Windows-1252, cut at the end
        #expect(rulesOut([0x4D, 0x61, 0x72, 0x74, 0xED, 0x6E]))  // "Martín"
        #expect(rulesOut([0xD1, 0x6F]))                          // "Ño"
        #expect(!rulesOut(Array("Martín".utf8)))
        #expect(!rulesOut(Array("Martin".utf8)))
    }
}
