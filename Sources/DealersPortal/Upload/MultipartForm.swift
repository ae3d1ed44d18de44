import Foundation

/// A `multipart/form-data` body (RFC 7578) split into its parts.
struct MultipartForm {
    /// One part: a form field or a file.
    struct Part {
        /// The field name.
        var name: String
        /// The file name the client gave, for a file part.
        var fileName: String?
        /// The content.
        var data: Data
    }

    /// The parts, in order.
    let parts: [Part]

    /// The value of a text field.
    func text(_ name: String) -> String? {
        parts.first { $0.name == name && $0.fileName == nil }.map { String(decoding: $0.data, as: UTF8.self) }
    }

    /// The file parts.
    var files: [Part] { parts.filter { $0.fileName != nil } }

    /// The boundary of a `Content-Type: multipart/form-data; boundary=…` header.
    static func boundary(contentType: String) -> String? {
        let pieces = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard pieces.first?.lowercased() == "multipart/form-data" else { return nil }
        for piece in pieces.dropFirst() where piece.lowercased().hasPrefix("boundary=") {
            var value = String(piece.dropFirst("boundary=".count))
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value.isEmpty || value.utf8.count > 70 ? nil : value
        }
        return nil
    }

    /// Splits a body; `nil` when it is not well-formed multipart with this boundary.
    init?(body: Data, boundary: String) {
        let bytes = [UInt8](body)
        let delimiter = Array("--\(boundary)".utf8)
        let separator = Array("\r\n--\(boundary)".utf8)
        guard bytes.starts(with: delimiter) else { return nil }
        var parts: [Part] = []
        var cursor = delimiter.count
        while true {
            // After a delimiter: "--" ends the body, CRLF starts a part.
            if bytes[cursor...].starts(with: Array("--".utf8)) { break }
            guard bytes[cursor...].starts(with: [13, 10]) else { return nil }
            cursor += 2
            guard let headerEnd = Self.find([13, 10, 13, 10], in: bytes, from: cursor),
                  let next = Self.find(separator, in: bytes, from: headerEnd + 4) else { return nil }
            let headers = String(decoding: bytes[cursor..<headerEnd], as: UTF8.self)
            guard let part = Self.part(headers: headers, data: Data(bytes[(headerEnd + 4)..<next])) else { return nil }
            parts.append(part)
            cursor = next + separator.count
        }
        self.parts = parts
    }

    private static func part(headers: String, data: Data) -> Part? {
        for line in headers.components(separatedBy: "\r\n") {
            let pieces = line.split(separator: ":", maxSplits: 1)
            guard pieces.count == 2, pieces[0].lowercased() == "content-disposition" else { continue }
            let parameters = parameters(String(pieces[1]))
            guard let name = parameters["name"] else { return nil }
            return Part(name: name, fileName: parameters["filename"], data: data)
        }
        return nil
    }

    /// `form-data; name="x"; filename="y"` → ["name": "x", "filename": "y"].
    private static func parameters(_ value: String) -> [String: String] {
        var result: [String: String] = [:]
        var rest = Substring(value)
        while let semicolon = rest.firstIndex(of: ";") {
            rest = rest[rest.index(after: semicolon)...].drop { $0 == " " }
            guard let equals = rest.firstIndex(of: "=") else { break }
            let key = rest[..<equals].lowercased()
            var tail = rest[rest.index(after: equals)...]
            if tail.first == "\"" {
                // Browsers percent-encode a quote in a file name (HTML's form-data rules) and send
                // backslashes as they are (`C:\\Users\\…`): the value runs to the next quote.
                tail = tail.dropFirst()
                let end = tail.firstIndex(of: "\"") ?? tail.endIndex
                result[key] = String(tail[..<end])
                rest = end < tail.endIndex ? tail[tail.index(after: end)...] : ""
            } else {
                let end = tail.firstIndex(of: ";") ?? tail.endIndex
                result[key] = String(tail[..<end])
                rest = tail[end...]
            }
        }
        return result
    }

    /// The index of the first occurrence of `needle` in `bytes` at or after `start`.
    private static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, start <= bytes.count - needle.count else { return nil }
        return bytes.withUnsafeBufferPointer { buffer -> Int? in
            guard let base = buffer.baseAddress else { return nil }
            var index = start
            let last = bytes.count - needle.count
            while index <= last {
                guard let hit = memchr(base + index, Int32(first), last - index + 1) else { return nil }
                let position = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if memcmp(base + position, needle, needle.count) == 0 { return position }
                index = position + 1
            }
            return nil
        }
    }
}
