import Foundation
import DealersSupport

/// A position in a parsed JSON document that knows its JSON path, so every complaint about a
/// settings or layout file names the file, the exact key and what was expected.
package struct JSONCursor {
    package let value: Any
    package let path: String
    package let file: String
    package let errorKind: DealersError.Kind

    /// Parses a JSON file.
    package static func load(_ url: URL, errorKind: DealersError.Kind) throws -> JSONCursor {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw DealersError(.noInput, path: url.path, "cannot read: \(error.localizedDescription)")
        }
        return try parse(data, file: url.path, errorKind: errorKind)
    }

    /// Parses JSON bytes, after the strict syntax check (``StrictJSONCheck``): a document that is
    /// not RFC 8259 JSON is refused with `file:line:column`.
    package static func parse(_ data: Data, file: String, errorKind: DealersError.Kind) throws -> JSONCursor {
        let data = StrictJSONCheck.withoutByteOrderMark(data)
        try StrictJSONCheck.check(data, file: file, errorKind: errorKind)
        do {
            let value = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            return JSONCursor(value: value, path: "$", file: file, errorKind: errorKind)
        } catch {
            throw DealersError(errorKind, path: file, "not valid JSON: \(error.localizedDescription)")
        }
    }

    package func fail(_ message: String) -> DealersError {
        DealersError(errorKind, path: file, "\(path): \(message)")
    }

    /// The object's members, refusing keys outside `allowed`.
    package func object(allowed: Set<String>? = nil) throws -> [String: JSONCursor] {
        guard let dict = value as? [String: Any] else { throw fail("expected an object") }
        var result: [String: JSONCursor] = [:]
        for (key, member) in dict {
            if let allowed, !allowed.contains(key) {
                let known = allowed.sorted().joined(separator: ", ")
                throw JSONCursor(value: member, path: child(key), file: file, errorKind: errorKind)
                    .fail("unknown key; expected one of: \(known)")
            }
            result[key] = JSONCursor(value: member, path: child(key), file: file, errorKind: errorKind)
        }
        return result
    }

    package func array() throws -> [JSONCursor] {
        guard let items = value as? [Any] else { throw fail("expected an array") }
        return items.enumerated().map { JSONCursor(value: $1, path: "\(path)[\($0)]", file: file, errorKind: errorKind) }
    }

    package func string() throws -> String {
        guard let s = value as? String else { throw fail("expected a string") }
        return s
    }

    package func strings() throws -> [String] { try array().map { try $0.string() } }

    package func int() throws -> Int {
        guard let n = value as? NSNumber, !isBool(n), let i = Int(exactly: n.doubleValue) else {
            throw fail("expected a whole number")
        }
        return i
    }

    package func bool() throws -> Bool {
        guard let n = value as? NSNumber, isBool(n) else { throw fail("expected true or false") }
        return n.boolValue
    }

    /// A number or a numeric string, as text (for constraints that apply to several types).
    package func scalarText() throws -> String {
        if let s = value as? String { return s }
        if let n = value as? NSNumber, !isBool(n) { return n.stringValue }
        throw fail("expected a number or a string")
    }

    /// One character given as a one-character string.
    package func character() throws -> Character {
        let s = try string()
        guard s.count == 1, let c = s.first else { throw fail("expected a single character, found \"\(s)\"") }
        return c
    }

    /// A single-byte ASCII character (delimiters, quotes).
    package func asciiByte() throws -> UInt8 {
        let s = try string()
        let named: [String: UInt8] = ["\\t": 9, "tab": 9, "TAB": 9]
        if let byte = named[s] { return byte }
        guard s.utf8.count == 1, let byte = s.utf8.first, byte < 0x80 else {
            throw fail("expected one ASCII character (e.g. \";\", \",\", \"\\t\"), found \"\(s)\"")
        }
        return byte
    }

    /// A value of a string enum, listing the accepted values when wrong.
    package func enumValue<E: RawRepresentable & CaseIterable>(_ type: E.Type) throws -> E where E.RawValue == String {
        let s = try string()
        guard let v = E(rawValue: s) else {
            throw fail("\"\(s)\" is not valid; expected one of: \(E.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return v
    }

    private func child(_ key: String) -> String {
        key.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } ? "\(path).\(key)" : "\(path)[\"\(key)\"]"
    }

    private func isBool(_ n: NSNumber) -> Bool {
        // JSONSerialization gives booleans as NSNumber whose objCType is "c".
        String(cString: n.objCType) == "c"
    }
}
