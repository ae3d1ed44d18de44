import Foundation
import DealersModel

/// A value as the format checks read it: one byte, a *unit*, per `Character`, after the check's
/// own normalisation (``Form``). Every check is written once, over units; this is the one place
/// where UTF-8 bytes meet `Character`s.
///
/// ASCII text without CR LF — nearly every value — is read straight from its bytes: each byte is
/// a `Character`. Other text is decoded and normalised with `String`'s own Unicode rules
/// (`uppercased()`, `Character.isWhitespace`, grapheme clusters), as the checks over `String`
/// always did, and each `Character` of the result becomes one unit:
/// - one ASCII scalar: its byte;
/// - a character that is not ASCII but equal to an ASCII one for `Character`'s `==` (canonical
///   equivalence: U+212A KELVIN SIGN is `K`, U+037E is `;`, U+1FEF is `` ` ``): that byte
///   + 0x80, so that no class test (``ASCIIBytes/isDigit(_:)``, ``ASCIIBytes/isLetter(_:)``)
///   accepts it, as `Character`'s do not, while ``same(_:_:)`` finds it equal, as `==` does;
/// - anything else (other non-ASCII characters, CR LF): ``other``.
///
/// A `FormatText` lives only inside the closure it is handed to.
package struct FormatText {
    /// The unit of a character that is neither ASCII nor equal to an ASCII character.
    package static let other: UInt8 = 0xFF

    /// One unit per character.
    package let units: UnsafeBufferPointer<UInt8>
    /// The characters, when they are not the units themselves (text that is not plain ASCII).
    private let characters: [Character]?

    /// The number of characters.
    package var count: Int { units.count }

    /// The unit of character `index`.
    package subscript(_ index: Int) -> UInt8 { units[index] }

    /// The characters in `range`, as they are after normalisation.
    package func string(_ range: Range<Int>) -> String {
        guard let characters else { return String(decoding: UnsafeBufferPointer(rebasing: units[range]), as: UTF8.self) }
        return String(characters[range])
    }

    /// The whole text, as it is after normalisation.
    package var string: String { string(0..<count) }

    /// Whether any character is white space (`Character.isWhitespace`).
    package var containsWhitespace: Bool {
        guard let characters else {
            for unit in units where ASCIIBytes.isWhitespace(unit) { return true }
            return false
        }
        return characters.contains(where: \.isWhitespace)
    }

    /// Whether every unit in `range` passes `test` (true for an empty range).
    package func allSatisfy(_ range: Range<Int>, _ test: (UInt8) -> Bool) -> Bool {
        range.allSatisfy { test(units[$0]) }
    }

    /// The number the ASCII digits in `range` spell, or `nil` when the range is empty or holds
    /// anything else.
    package func number(_ range: Range<Int>) -> Int? {
        guard !range.isEmpty else { return nil }
        var value = 0
        for index in range {
            guard ASCIIBytes.isDigit(units[index]) else { return nil }
            value = value * 10 + Int(units[index] &- 0x30)
        }
        return value
    }

    /// Calls `body` with the units that pass `test`, in order (the digits of a phone number).
    package func withUnits<R>(where test: (UInt8) -> Bool, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(count, 1)) { buffer in
            var kept = 0
            for unit in units where test(unit) {
                buffer[kept] = unit
                kept += 1
            }
            return body(UnsafeBufferPointer(rebasing: buffer[..<kept]))
        }
    }

    /// Whether a unit is the ASCII character `ascii` or a character equal to it (U+212A for `K`).
    @inline(__always)
    package static func same(_ unit: UInt8, _ ascii: UInt8) -> Bool {
        unit & 0x7F == ascii && unit != other
    }

    /// The ASCII character a unit is or is equal to; ``other`` (in no ``ASCIISet``) for the rest.
    @inline(__always)
    package static func asASCII(_ unit: UInt8) -> UInt8 {
        unit == other ? other : unit & 0x7F
    }

    /// The unit of one character (see the type's description).
    package static func unit(_ character: Character) -> UInt8 {
        if character.utf8.count == 1, let byte = character.utf8.first { return byte }
        guard character.unicodeScalars.count == 1,
              let composed = String(character).precomposedStringWithCanonicalMapping.unicodeScalars.first,
              composed.isASCII, character == Character(composed) else { return other }
        return UInt8(composed.value) | 0x80
    }
}

extension FormatText {
    /// How a check normalises text before reading it, in this order: a spelling removed wherever
    /// it stands, letters upper-cased, white space and other characters dropped.
    package struct Form: Sendable {
        /// Removed first, wherever it stands (`(0)` in phone numbers).
        let removing: [UInt8]?
        /// Whether letters are upper-cased (`String.uppercased()`).
        let upperCased: Bool
        /// Whether white space is dropped (`Character.isWhitespace`) …
        let dropsWhitespace: Bool
        /// … and which white space of ASCII text, where it differs (documents have always kept
        /// vertical tab and form feed there).
        let asciiWhitespace: ASCIISet
        /// Other characters dropped.
        let dropped: CharacterChoice?
        /// The bytes ASCII text loses: its white space and the ASCII characters of ``dropped``.
        let droppedASCII: ASCIISet

        /// A form; `dropsWhitespace` drops Unicode white space, or in ASCII text only the ASCII
        /// characters `asciiWhitespace` when it is given.
        package init(removing: String? = nil, upperCased: Bool = false, dropsWhitespace: Bool = false,
                     asciiWhitespace: String? = nil, dropping dropped: Set<Character> = []) {
            self.removing = removing.map { Array($0.utf8) }
            self.upperCased = upperCased
            self.dropsWhitespace = dropsWhitespace
            self.asciiWhitespace = ASCIISet(asciiWhitespace ?? (dropsWhitespace ? " \t\n\u{0B}\u{0C}\r" : ""))
            self.dropped = dropped.isEmpty ? nil : CharacterChoice(dropped)
            var droppedASCII = self.asciiWhitespace
            for byte in UInt8(0)..<0x80 where self.dropped?.contains(unit: byte) == true { droppedASCII.insert(byte) }
            self.droppedASCII = droppedASCII
        }

        /// The text as written.
        package static let asWritten = Form()
        /// Letters upper-cased, nothing dropped.
        package static let upperCased = Form(upperCased: true)

        var isIdentity: Bool { removing == nil && !upperCased && !dropsWhitespace && dropped == nil }
    }

    /// Calls `body` with UTF-8 text read in `form`.
    package static func reading<R>(_ utf8: some Collection<UInt8>, _ form: Form, _ body: (FormatText) -> R) -> R {
        UTF8Buffer.with(utf8) { reading($0, form, body) }
    }

    /// Calls `body` with the UTF-8 text in a buffer read in `form`: ASCII text that is without
    /// CR LF once normalised, from its bytes, in one pass; any other through
    /// ``decoded(_:_:isASCII:_:)``.
    package static func reading<R>(_ utf8: UnsafeBufferPointer<UInt8>, _ form: Form, _ body: (FormatText) -> R) -> R {
        if form.isIdentity {
            var high: UInt8 = 0, crlf = false, previous: UInt8 = 0
            for byte in utf8 {
                high |= byte
                crlf = crlf || (byte == 0x0A && previous == 0x0D)
                previous = byte
            }
            guard high < 0x80, !crlf else { return decoded(utf8, form, isASCII: high < 0x80, body) }
            return body(FormatText(units: utf8, characters: nil))
        }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(utf8.count, 1)) { out in
            guard let count = normalisedASCII(utf8, form, into: out) else {
                return decoded(utf8, form, isASCII: ASCIIBytes.isASCII(utf8), body)
            }
            return body(FormatText(units: UnsafeBufferPointer(rebasing: out[..<count]), characters: nil))
        }
    }

    /// How many bytes `utf8` normalised in `form` writes into `out`; `nil` when it is not ASCII,
    /// or when a CR and an LF meet in what is left (one `Character`: ``decoded(_:_:isASCII:_:)``).
    private static func normalisedASCII(_ utf8: UnsafeBufferPointer<UInt8>, _ form: Form,
                                        into out: UnsafeMutableBufferPointer<UInt8>) -> Int? {
        let removing = form.removing ?? [], upperCased = form.upperCased, dropped = form.droppedASCII
        var count = 0, index = 0
        while index < utf8.count {
            let byte = utf8[index]
            guard byte < 0x80 else { return nil }
            if let first = removing.first, byte == first, utf8.count - index >= removing.count,
               removing.indices.allSatisfy({ utf8[index + $0] == removing[$0] }) {
                index += removing.count
                continue
            }
            index += 1
            let unit = upperCased ? ASCIIBytes.uppercased(byte) : byte
            if dropped.contains(unit) { continue }
            if unit == 0x0A, count > 0, out[count - 1] == 0x0D { return nil }
            out[count] = unit
            count += 1
        }
        return count
    }

    /// Text that is not plain ASCII, normalised as a `String` and read a `Character` at a time.
    private static func decoded<R>(_ utf8: UnsafeBufferPointer<UInt8>, _ form: Form, isASCII: Bool,
                                   _ body: (FormatText) -> R) -> R {
        var text = String(decoding: utf8, as: UTF8.self)
        if let removing = form.removing { text = text.replacingOccurrences(of: String(decoding: removing, as: UTF8.self), with: "") }
        if form.upperCased { text = text.uppercased() }
        if form.dropsWhitespace || form.dropped != nil {
            var kept = ""
            for character in text {
                let white = !form.dropsWhitespace ? false
                    : isASCII ? character.asciiValue.map(form.asciiWhitespace.contains) ?? false : character.isWhitespace
                if !white, form.dropped?.contains(character) != true { kept.append(character) }
            }
            text = kept   // joined again: marks and flags join their new neighbours, as they did
        }
        let characters = Array(text)
        return characters.map(unit).withUnsafeBufferPointer { body(FormatText(units: $0, characters: characters)) }
    }
}

/// Characters a check looks for (separators, a decimal mark), matched as `Character`'s `==`
/// matches them, on the units of a ``FormatText``.
package struct CharacterChoice: Sendable {
    private let characters: Set<Character>
    /// The ASCII characters of ``characters`` and those they are equal to.
    private let ascii: ASCIISet

    /// The choice of `characters`.
    package init(_ characters: Set<Character>) {
        self.characters = characters
        var ascii = ASCIISet([])
        for character in characters {
            let unit = FormatText.unit(character)
            if unit != FormatText.other { ascii.insert(unit & 0x7F) }
        }
        self.ascii = ascii
    }

    /// Whether character `index` of `text` is one of the choice.
    package func contains(_ text: FormatText, at index: Int) -> Bool {
        let unit = text[index]
        guard unit == FormatText.other else { return ascii.contains(unit & 0x7F) }
        return text.string(index..<(index + 1)).first.map(characters.contains) ?? false
    }

    /// Whether a unit that is not ``FormatText/other`` is one of the choice.
    package func contains(unit: UInt8) -> Bool { ascii.contains(unit & 0x7F) }

    /// Whether a character is one of the choice.
    package func contains(_ character: Character) -> Bool { characters.contains(character) }
}
