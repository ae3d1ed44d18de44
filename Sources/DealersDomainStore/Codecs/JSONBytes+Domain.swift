import Foundation
import DealersModel

/// The store's scalar types as JSON tokens, written and read exactly as their `Codable`
/// conformances do: a ``CivilDate`` as the string `"YYYY-MM-DD"`, a string enum as its raw value.
extension JSONByteWriter {
    /// Appends a date as `"YYYY-MM-DD"` (its `description`, quoted).
    package static func date(_ date: CivilDate, to out: inout [UInt8]) {
        guard (0...9999).contains(date.year), (1...12).contains(date.month), (1...31).contains(date.day) else {
            string(date.description, to: &out)
            return
        }
        let zero = UInt8(ascii: "0"), y = date.year, m = date.month, d = date.day
        out.append(UInt8(ascii: "\""))
        out.append(zero + UInt8(y / 1000))
        out.append(zero + UInt8(y / 100 % 10))
        out.append(zero + UInt8(y / 10 % 10))
        out.append(zero + UInt8(y % 10))
        out.append(UInt8(ascii: "-"))
        out.append(zero + UInt8(m / 10))
        out.append(zero + UInt8(m % 10))
        out.append(UInt8(ascii: "-"))
        out.append(zero + UInt8(d / 10))
        out.append(zero + UInt8(d % 10))
        out.append(UInt8(ascii: "\""))
    }
}

extension JSONByteWriter {
    /// Appends `key` (already JSON: `,"name":`) and a string; nothing at all when `value` is `nil`
    /// (`encodeIfPresent`).
    package static func field(_ key: StaticString, _ value: String?, to out: inout [UInt8]) {
        guard let value else { return }
        raw(key, to: &out)
        string(value, to: &out)
    }

    /// Appends `key` and a date; nothing at all when `value` is `nil`.
    package static func field(_ key: StaticString, _ value: CivilDate?, to out: inout [UInt8]) {
        guard let value else { return }
        raw(key, to: &out)
        date(value, to: &out)
    }

    /// Appends `key` and an integer; nothing at all when `value` is `nil`.
    package static func field(_ key: StaticString, _ value: Int?, to out: inout [UInt8]) {
        guard let value else { return }
        raw(key, to: &out)
        int(value, to: &out)
    }
}

extension JSONByteReader {
    /// Reads a date string the way `CivilDate(from:)` does: `YYYY-MM-DD` naming a real day.
    package mutating func readDate() throws(Failure) -> CivilDate {
        let start = offset
        let raw = try readRawString()
        if !raw.hasEscapes, raw.bytes.count == 10, let date = Self.plainDate(raw.bytes) {
            return date
        }
        // Anything unusual (escapes, signs …) goes through the very parser Codable uses.
        guard let date = CivilDate(iso: try string(raw)) else { throw Failure(expected: "a date YYYY-MM-DD", offset: start) }
        return date
    }

    /// Reads a string enum the way its synthesized `init(from:)` does: by raw value.
    package mutating func readEnum<E: RawRepresentable>(_ type: E.Type) throws(Failure) -> E where E.RawValue == String {
        let start = offset
        guard let value = E(rawValue: try readString()) else { throw Failure(expected: "a \(E.self) value", offset: start) }
        return value
    }

    /// Reads an array whose elements `read` reads.
    package mutating func readArray<T>(_ read: (inout JSONByteReader) throws(Failure) -> T) throws(Failure) -> [T] {
        try beginArray()
        var items: [T] = []
        var first = true
        while try nextElement(first: first) {
            first = false
            items.append(try read(&self))
        }
        return items
    }

    /// `YYYY-MM-DD` with ASCII digits only, when it names a real day.
    private static func plainDate(_ b: UnsafeRawBufferPointer) -> CivilDate? {
        guard b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return nil }
        var parts = (0, 0, 0)
        for (i, byte) in b.enumerated() where i != 4 && i != 7 {
            let digit = Int(byte &- UInt8(ascii: "0"))
            guard digit < 10 else { return nil }
            switch i {
            case 0..<4: parts.0 = parts.0 * 10 + digit
            case 5..<7: parts.1 = parts.1 * 10 + digit
            default: parts.2 = parts.2 * 10 + digit
            }
        }
        return CivilDate(year: parts.0, month: parts.1, day: parts.2)
    }
}
