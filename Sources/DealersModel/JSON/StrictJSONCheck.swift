import Foundation
import DealersSupport

/// The syntax check every settings and layout file passes before it is read: strict RFC 8259
/// JSON (no trailing comma, no comment, no single quote, no `NaN`, each key once per object),
/// answered with the line and column a text editor shows.
///
/// Foundation's parsers on Linux accept some input that is not JSON (a trailing comma) and say
/// where nothing is wrong ("The data is not in the correct format"); the grammar is therefore
/// checked first by the store's own strict ``JSONByteReader``, and only a document that passes is
/// handed to `JSONSerialization`. A UTF-8 byte order mark (Windows Notepad writes one) is allowed
/// and skipped.
package enum StrictJSONCheck {
    /// Where a document breaks the grammar and why.
    package struct Problem: Equatable {
        /// 1-based line.
        package var line: Int
        /// 1-based column, in characters.
        package var column: Int
        /// What is wrong, in words (`expected ',' or '}', found '"'`).
        package var message: String
    }

    /// The document without a leading UTF-8 byte order mark.
    package static func withoutByteOrderMark(_ data: Data) -> Data {
        data.starts(with: [0xEF, 0xBB, 0xBF]) ? Data(data.dropFirst(3)) : data
    }

    /// Checks a document (without its byte order mark).
    /// - Returns: `nil` when it is valid JSON, else the first problem.
    package static func problem(in data: Data) -> Problem? {
        let bytes = Array(data)
        return bytes.withUnsafeBytes { buffer -> Problem? in
            var walker = Walker(reader: JSONByteReader(buffer))
            do throws(Walker.Stop) {
                try walker.document()
                return nil
            } catch {
                return locate(error, in: buffer)
            }
        }
    }

    /// Checks a document and throws a located error.
    /// - Throws: ``DealersError`` of `kind` whose path is `file:line:column`.
    package static func check(_ data: Data, file: String, errorKind: DealersError.Kind) throws {
        guard let problem = problem(in: data) else { return }
        throw DealersError(errorKind, path: "\(file):\(problem.line):\(problem.column)",
                           "not valid JSON: \(problem.message)")
    }

    /// Turns a stop into a line, a column and a sentence.
    private static func locate(_ stop: Walker.Stop, in bytes: UnsafeRawBufferPointer) -> Problem {
        let offset = min(stop.offset, bytes.count)
        var line = 1, column = 1
        for byte in bytes[0..<offset] {
            if byte == 0x0A { line += 1; column = 1 }
            else if byte & 0xC0 != 0x80 { column += 1 }   // a UTF-8 continuation byte is no new character
        }
        if let message = stop.message { return Problem(line: line, column: column, message: message) }
        // `{"a": 1,}` and `[1,]`: the reader stops at the closing bracket, after the comma.
        var before = offset - 1
        while before >= 0, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[before]) { before -= 1 }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "}") || bytes[offset] == UInt8(ascii: "]"),
           before >= 0, bytes[before] == UInt8(ascii: ",") {
            let closing = Character(Unicode.Scalar(bytes[offset]))
            return Problem(line: line, column: column,
                           message: "a comma before '\(closing)' (a trailing comma) is not allowed in JSON; remove it")
        }
        return Problem(line: line, column: column, message: "expected \(stop.expected), found \(found(bytes, at: offset))")
    }

    /// The character at an offset, as a person reads it.
    private static func found(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> String {
        guard offset < bytes.count else { return "the end of the file" }
        let byte = bytes[offset]
        switch byte {
        case 0x0A, 0x0D: return "the end of the line"
        case 0x21...0x7E: return "'\(Character(Unicode.Scalar(byte)))'"
        default:
            let end = min(bytes.count, offset + 4)
            let text = String(decoding: bytes[offset..<end], as: UTF8.self)
            return text.first.map { "'\($0)'" } ?? "byte 0x\(String(byte, radix: 16, uppercase: true))"
        }
    }

    /// Walks one document with the strict reader, also refusing a key given twice in an object
    /// (`JSONSerialization` would keep one of them silently).
    private struct Walker {
        /// Where the walk stopped: what was expected there, or a sentence of its own.
        package struct Stop: Error {
            package var expected: String
            package var offset: Int
            package var message: String?
        }

        package var reader: JSONByteReader

        package mutating func document() throws(Stop) {
            try value(depth: 0)
            do throws(JSONByteReader.Failure) {
                try reader.finish()
            } catch {
                throw Stop(expected: error.expected, offset: error.offset)
            }
        }

        private mutating func value(depth: Int) throws(Stop) {
            guard depth < JSONByteReader.maximumDepth else {
                throw Stop(expected: "less deeply nested values", offset: reader.offset)
            }
            do {
                switch reader.peekKind() {
                case .object:
                    try reader.beginObject()
                    var seen: Set<String> = []
                    var first = true
                    while let raw = try reader.nextKey(first: first) {
                        first = false
                        let key = try reader.string(raw)
                        guard seen.insert(key).inserted else {
                            throw Stop(expected: "", offset: reader.position(of: raw) - 1,
                                       message: "the key \"\(key)\" appears twice in the same object")
                        }
                        try value(depth: depth + 1)
                    }
                case .array:
                    try reader.beginArray()
                    var first = true
                    while try reader.nextElement(first: first) {
                        first = false
                        try value(depth: depth + 1)
                    }
                default:
                    try reader.skipValue()
                }
            } catch let failure as JSONByteReader.Failure {
                throw Stop(expected: failure.expected, offset: failure.offset)
            } catch let stop as Stop {
                throw stop
            } catch {
                throw Stop(expected: "a value", offset: reader.offset)
            }
        }
    }
}
