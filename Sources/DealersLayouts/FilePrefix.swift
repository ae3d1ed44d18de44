import DealersSupport
import Foundation
import DealersModel
import DealersReading

/// The first bytes of a file, read once, and what they say about it: a workbook or text, the
/// text's encoding and byte-order mark, whether it is text at all, an Excel `sep=X` first
/// line, and the start of the text as UTF-8 for the header search.
package struct FilePrefix {
    /// How many bytes identification reads: enough for 20 rows of any real listing.
    package static let size = 64 << 10
    /// How many bytes decide whether a file is text.
    package static let textCheckSize = 1024

    /// The bytes as read (at most ``size``).
    package let bytes: [UInt8]
    /// Whether the file ended within ``bytes``.
    package let isWhole: Bool

    /// Reads the first ``size`` bytes of a file (nothing when it cannot be read: the reader
    /// reports that later, with its reason).
    package init(_ url: URL) {
        var bytes: [UInt8] = []
        var whole = true
        if let file = try? InputFile(url: url, chunkSize: Self.size) {
            while bytes.count < Self.size, let chunk = try? file.nextChunk() {
                bytes += chunk.prefix(Self.size - bytes.count)
            }
            whole = bytes.count < Self.size || (try? file.nextChunk()) == nil
        }
        self.bytes = bytes
        self.isWhole = whole
    }

    /// A prefix of given bytes (tests).
    package init(bytes: [UInt8], isWhole: Bool) {
        self.bytes = bytes
        self.isWhole = isWhole
    }

    /// Whether the file starts with the ZIP local-file signature (an XLSX workbook, whatever its name).
    package var isZip: Bool { bytes.starts(with: LayoutAdaptation.zipSignature) }

    /// The encoding the bytes themselves announce: a byte-order mark, or UTF-16 recognised by
    /// its NUL bytes (ASCII text in UTF-16 has a zero byte in every other place); `nil` when
    /// they announce nothing and the layout's encoding applies.
    package var announcedEncoding: (encoding: TextEncoding, byteOrderMark: Bool)? {
        for encoding in [TextEncoding.utf32le, .utf32be, .utf8, .utf16le, .utf16be]
        where bytes.starts(with: encoding.byteOrderMark) {
            return (encoding, true)
        }
        let pairs = min(bytes.count, Self.textCheckSize) / 2
        guard pairs >= 2 else { return nil }
        var zeroFirst = 0, zeroSecond = 0
        for i in 0..<pairs {
            if bytes[2 * i] == 0 { zeroFirst += 1 }
            if bytes[2 * i + 1] == 0 { zeroSecond += 1 }
        }
        if zeroSecond * 10 >= pairs * 3, zeroFirst * 20 <= pairs { return (.utf16le, false) }
        if zeroFirst * 10 >= pairs * 3, zeroSecond * 20 <= pairs { return (.utf16be, false) }
        return nil
    }

    /// The encoding the file is read in: what the bytes announce, else what the layout declares.
    package func encoding(declared: TextEncoding) -> (encoding: TextEncoding, byteOrderMark: Bool) {
        announcedEncoding ?? (declared, false)
    }

    /// The prefix as UTF-8 (without a byte-order mark), cut at the last whole character.
    /// Bytes that are not valid in `encoding` are read as Windows-1252, as cells are.
    package func utf8(in encoding: TextEncoding, byteOrderMark: Bool) -> [UInt8] {
        let body = bytes.dropFirst(byteOrderMark ? encoding.byteOrderMark.count : 0)
        if encoding.isWide {
            var out: [UInt8] = []
            var transcoder = WideTranscoder(encoding: encoding)
            let whole = body.count - body.count % encoding.codeUnitSize
            body.prefix(whole).withUnsafeBytes { _ = transcoder.transcode($0, into: &out) }
            return out
        }
        let cut = wholeCharacters(body)
        if encoding == .utf8 || encoding == .auto, String(validating: cut, as: UTF8.self) != nil { return cut }
        let decoded = (encoding == .utf8 || encoding == .auto ? TextEncoding.windows1252 : encoding).decode(cut) ?? ""
        return Array(decoded.utf8)
    }

    /// What `auto` reads the start of the file as: UTF-8 when it is valid UTF-8, else Windows-1252.
    package var autoEncoding: TextEncoding {
        let body = bytes.dropFirst(bytes.starts(with: TextEncoding.utf8.byteOrderMark) ? 3 : 0)
        return String(validating: wholeCharacters(body), as: UTF8.self) != nil ? .utf8 : .windows1252
    }

    /// The bytes without a UTF-8 character cut by the end of the prefix.
    private func wholeCharacters(_ body: ArraySlice<UInt8>) -> [UInt8] {
        var cut = Array(body)
        guard !isWhole else { return cut }
        var back = 0
        while back < min(3, cut.count), cut[cut.count - 1 - back] & 0xC0 == 0x80 { back += 1 }
        if back < cut.count, cut[cut.count - 1 - back] >= 0xC0 { cut.removeLast(back + 1) }
        return cut
    }

    /// Why the file is not text, when its first KiB in `encoding` has too many control
    /// characters (more than one in 20: text has tab, CR and LF, a stray NUL at most); `nil`
    /// for text. Nothing of the bytes is quoted: the answer names what the file looks like.
    package func notText(in encoding: TextEncoding, byteOrderMark: Bool) -> LocalizedText? {
        let head = FilePrefix(bytes: Array(bytes.prefix(Self.textCheckSize)), isWhole: true)
        let text = encoding.isWide ? head.utf8(in: encoding, byteOrderMark: byteOrderMark) : head.bytes
        guard !text.isEmpty else { return nil }
        // 0xFF stands for a unit that is not valid UTF-16/32 (see WideTranscoder).
        let controls = text.reduce(0) { $0 + (ControlCharacters.isRefused($1) || (encoding.isWide && $1 == 0xFF) ? 1 : 0) }
        guard controls * 20 > text.count else { return nil }
        let kind = FilePrefix.knownBinary(bytes)
        return LocalizedText(
            es: "no es un fichero de texto: \(kind?.es ?? "su primer KiB tiene \(controls) caracteres de control") — guárdelo como CSV o XLSX y vuelva a enviarlo",
            en: "not a text file: \(kind?.en ?? "its first KiB has \(controls) control characters") — save it as CSV or XLSX and drop it again")
    }

    /// What a binary file looks like, by its first bytes.
    package static func knownBinary(_ bytes: [UInt8]) -> LocalizedText? {
        let signatures: [([UInt8], LocalizedText)] = [
            (Array("%PDF".utf8), LocalizedText(es: "parece un documento PDF", en: "it looks like a PDF document")),
            ([0xD0, 0xCF, 0x11, 0xE0], LocalizedText(es: "parece un libro de Excel 97-2003 (.xls) u otro documento antiguo de Office",
                                                     en: "it looks like an Excel 97-2003 workbook (.xls) or another legacy Office document")),
            ([0x89, 0x50, 0x4E, 0x47], LocalizedText(es: "parece una imagen PNG", en: "it looks like a PNG image")),
            ([0xFF, 0xD8, 0xFF], LocalizedText(es: "parece una imagen JPEG", en: "it looks like a JPEG image")),
            ([0x1F, 0x8B], LocalizedText(es: "parece un fichero comprimido gzip", en: "it looks like a gzip archive")),
        ]
        return signatures.first { bytes.starts(with: $0.0) }?.1
    }

    /// The delimiter an Excel `sep=X` first line declares, and the length of that line with
    /// its line ending, in the UTF-8 text.
    package static func sepLine(_ text: [UInt8]) -> (delimiter: UInt8, length: Int)? {
        guard text.count >= 5, Array(text.prefix(4)).map(ASCIIBytes.lowercased) == Array("sep=".utf8) else { return nil }
        let delimiter = text[4]
        guard delimiter >= 0x20 || delimiter == 0x09, delimiter != 0x22 else { return nil }
        var end = 5
        if end < text.count, text[end] == 0x0D { end += 1 }
        if end < text.count, text[end] == 0x0A { end += 1 }
        guard end == text.count || end > 5 else { return nil }
        return (delimiter, end)
    }
}
