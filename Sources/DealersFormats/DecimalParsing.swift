import Foundation
import DealersModel

/// The one place where text becomes an exact decimal: `1.234,56` with a decimal comma and a
/// group dot, `1234.56`, `-12,5`. Group separators must separate groups of exactly three digits,
/// so `12.50` with a group dot is refused rather than read as 1250. Written once over the units
/// of a ``FormatText``; `String` callers pass `.utf8`.
public enum DecimalParsing {
    private static let posix = Locale(identifier: "en_US_POSIX")

    /// How numbers are spelled: the decimal mark and the group separator, if any (any
    /// `Character`, matched as `Character`'s `==` matches).
    @usableFromInline
    package struct Spelling: Sendable {
        let decimal: CharacterChoice
        let group: CharacterChoice?

        /// The spelling with these marks.
        package init(decimalChar: Character = ".", groupChar: Character? = nil) {
            decimal = CharacterChoice([decimalChar])
            group = groupChar.map { CharacterChoice([$0]) }
        }

        /// Machines' and spreadsheets' spelling: `1234.5`.
        package static let canonical = Spelling()
    }

    /// Parses `text` with the given separators; `nil` when it is not a number.
    public static func parse(_ text: String, decimalChar: Character = ".", groupChar: Character? = nil) -> Decimal? {
        parse(utf8: text.utf8, Spelling(decimalChar: decimalChar, groupChar: groupChar))
    }

    /// Parses a canonical number as written by machines and spreadsheets (`1234.5`, `-3`).
    public static func parseCanonical(_ text: String) -> Decimal? {
        parse(utf8: text.utf8, .canonical)
    }

    /// ``parse(_:decimalChar:groupChar:)`` on UTF-8 bytes, the one implementation.
    @inlinable
    package static func parse(utf8 text: some Collection<UInt8>, _ spelling: Spelling) -> Decimal? {
        UTF8Buffer.with(text) { parse(buffer: $0, spelling) }
    }

    /// ``parse(utf8:_:)`` on a buffer.
    @usableFromInline
    package static func parse(buffer: UnsafeBufferPointer<UInt8>, _ spelling: Spelling) -> Decimal? {
        UTF8Buffer.trimming(buffer) { trimmed in
            trimmed.isEmpty ? nil : FormatText.reading(trimmed, .asWritten) { parse($0, spelling) }
        }
    }

    private static func parse(_ text: FormatText, _ spelling: Spelling) -> Decimal? {
        // The number as machines write it: digits, a leading "-" and a "." for the decimal mark.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(text.count, 1)) { canonical -> Decimal? in
            var length = 0
            func write(_ byte: UInt8) {
                canonical[length] = byte
                length += 1
            }
            var groups = DigitGroups()
            var seenDecimal = false
            for index in 0..<text.count {
                let unit = text[index]
                if ASCIIBytes.isDigit(unit) {
                    write(unit)
                    if !seenDecimal { groups.digit() }
                } else if index == 0, FormatText.same(unit, UInt8(ascii: "-")) || FormatText.same(unit, UInt8(ascii: "+")) {
                    if FormatText.same(unit, UInt8(ascii: "-")) { write(UInt8(ascii: "-")) }
                } else if !seenDecimal, spelling.decimal.contains(text, at: index) {
                    guard groups.closed else { return nil }
                    write(UInt8(ascii: "."))
                    seenDecimal = true
                } else if !seenDecimal, let group = spelling.group, group.contains(text, at: index), groups.separator() {
                    continue
                } else {
                    return nil
                }
            }
            let written = UnsafeBufferPointer(rebasing: canonical[..<length])
            guard seenDecimal || groups.closed, written.contains(where: ASCIIBytes.isDigit), written.last != UInt8(ascii: ".") else {
                return nil
            }
            return Decimal(string: String(decoding: written, as: UTF8.self), locale: posix)
        }
    }
}

/// Where group separators may stand in the whole part of a number: after a first group of 1–3
/// digits, then after every group of exactly 3, and the last group before the decimal mark (or
/// the end) has 3 digits too.
private struct DigitGroups {
    /// Digits since the start or the last group separator.
    private var digits = 0
    private var separated = false

    /// One more digit of the whole part.
    mutating func digit() { digits += 1 }

    /// A group separator: `false` where none may stand.
    mutating func separator() -> Bool {
        guard digits >= 1, separated ? digits == 3 : digits <= 3 else { return false }
        separated = true
        digits = 0
        return true
    }

    /// Whether the groups so far end rightly, at the decimal mark or the end.
    var closed: Bool { !separated || digits == 3 }
}
