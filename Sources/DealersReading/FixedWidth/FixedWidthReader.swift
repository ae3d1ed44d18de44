import Foundation
import DealersModel

/// Reads a fixed-width text file (Norma 43 bank statements and the like) one line at a time.
///
/// Each non-empty line is one record: its type code is read at the spec's position and selects
/// the fields, each becoming one `.text` cell in declaration order, decoded with the spec's
/// encoding and trimmed of trailing spaces (leading zeros and spaces are kept). A field that is
/// present but blank is `.text("")`; a field past the end of a short line is `.empty`.
///
/// Problems confined to one record are reported on it, in this order of precedence:
/// `.unknownRecordType` (no cells), `.shortRecord` (the line is shorter than the declared
/// record length; the fields present are still read), `.encoding(column:)` (the first field
/// whose bytes are invalid; its cell holds the lossy decoding).
///
/// Lines end with LF, a CR before it is dropped, completely empty lines are skipped but still
/// counted. ``SourceRecord/line`` is the physical 1-based line and ``SourceRecord/raw`` its
/// bytes including the line ending. A UTF-8 byte-order mark before the first line is skipped
/// for the `utf-8` and `auto` encodings. With `auto`, each line is read as UTF-8 when it is
/// valid UTF-8 and as Windows-1252 otherwise.
public struct FixedWidthReader: RecordSource, Sendable {
    /// The file.
    public var url: URL
    /// The layout.
    public var spec: FixedWidthSpec
    /// The longest line accepted (1 MiB): a longer run without a line break is not a text file.
    public static let maxLineBytes = 1 << 20

    /// Creates a reader.
    public init(url: URL, spec: FixedWidthSpec) {
        self.url = url
        self.spec = spec
    }

    /// Reads the file and calls `handler` for each non-empty line. Throws `.layout` for an
    /// impossible spec, `.noInput`/`.io` when the file cannot be read, `.data` for a line
    /// longer than ``maxLineBytes``, and rethrows what `handler` throws.
    public func read(_ handler: (SourceRecord) throws -> Void) throws {
        try spec.validate()
        var lines = try LineChunker(path: url.path, maxLineBytes: FixedWidthReader.maxLineBytes)
        var number = 0
        while let line = try lines.nextLine() {
            number += 1
            var content = line
            if content.last == UInt8(ascii: "\n") { content.removeLast() }
            if content.last == UInt8(ascii: "\r") { content.removeLast() }
            if number == 1, spec.encoding == .utf8 || spec.encoding == .auto,
               content.starts(with: [0xEF, 0xBB, 0xBF]) {
                content.removeFirst(3)
            }
            guard !content.isEmpty else { continue }
            try handler(record(content, raw: Array(line), line: number))
        }
    }

    /// The record for one line's content (without its line ending).
    package func record(_ content: ArraySlice<UInt8>, raw: [UInt8], line: Int) -> SourceRecord {
        let encoding: TextEncoding
        if spec.encoding == .auto {
            encoding = content.withUnsafeBytes { TextEncoding.utf8.decode($0) } != nil ? .utf8 : .windows1252
        } else {
            encoding = spec.encoding
        }
        let codeBytes = slice(content, start: spec.recordTypeStart, length: spec.recordTypeLength)
        let code = codeBytes.map { decodeLossy($0, encoding) } ?? ""
        guard let fields = spec.records[code] else {
            return SourceRecord(line: line, cells: [], raw: raw, recordType: code,
                                problem: .unknownRecordType(code))
        }
        var problem: RecordProblem?
        if let expected = spec.recordLength, content.count < expected {
            problem = .shortRecord(expected: expected, found: content.count)
        }
        var cells: [Cell] = []
        cells.reserveCapacity(fields.count)
        for (index, field) in fields.enumerated() {
            guard var bytes = slice(content, start: field.start, length: field.length) else {
                cells.append(.empty)
                continue
            }
            while bytes.last == UInt8(ascii: " ") { bytes.removeLast() }
            if let text = bytes.withUnsafeBytes({ encoding.decode($0) }) {
                if problem == nil, ControlCharacters.contains(text) { problem = .invalidCharacter(column: index + 1) }
                cells.append(.text(TextNormalization.nfc(text)))
            } else {
                cells.append(.text(decodeLossy(bytes, encoding)))
                if problem == nil { problem = .encoding(column: index + 1) }
            }
        }
        return SourceRecord(line: line, cells: cells, raw: raw, recordType: code, problem: problem)
    }

    /// The bytes of a field, cut short at the end of the line; `nil` when it starts past the end.
    private func slice(_ content: ArraySlice<UInt8>, start: Int, length: Int) -> ArraySlice<UInt8>? {
        let from = content.startIndex + start - 1
        guard from < content.endIndex else { return length == 0 ? content[content.endIndex...] : nil }
        return content[from..<min(content.endIndex, from + length)]
    }

    private func decodeLossy(_ bytes: ArraySlice<UInt8>, _ encoding: TextEncoding) -> String {
        bytes.withUnsafeBytes { encoding.decode($0) } ?? String(decoding: bytes, as: UTF8.self)
    }
}
