import DealersModel

/// A layout pattern that is one bracketed class of ASCII characters repeated (`[A-Za-z0-9_-]+`,
/// `[0-9]*`), checked on ASCII text without the regular-expression engine. Other patterns, and
/// text that is not ASCII, go to `NSRegularExpression` as before.
package struct SimplePattern: Sendable {
    private let allowed: ASCIISet
    private let allowsEmpty: Bool

    /// Recognises `[class]+` or `[class]*` with literal characters and `a-z` ranges (a `-` first
    /// or last is literal); `nil` for anything else (escapes, negation, `]` in the class …).
    package init?(_ pattern: String) {
        let bytes = Array(pattern.utf8)
        guard bytes.count >= 4, bytes[0] == UInt8(ascii: "["), bytes.allSatisfy({ $0 < 0x80 && $0 >= 0x20 }),
              let quantifier = bytes.last, quantifier == UInt8(ascii: "+") || quantifier == UInt8(ascii: "*"),
              bytes[bytes.count - 2] == UInt8(ascii: "]") else { return nil }
        let body = bytes[1..<(bytes.count - 2)]
        guard !body.isEmpty, !body.contains(where: { $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "]") || $0 == UInt8(ascii: "\\")
                                                      || $0 == UInt8(ascii: "^") || $0 == UInt8(ascii: "&") }) else { return nil }
        var set = ASCIISet([])
        var i = body.startIndex
        while i < body.endIndex {
            let c = body[i]
            let dash = UInt8(ascii: "-")
            if i + 2 < body.endIndex, body[i + 1] == dash, c != dash {
                let to = body[i + 2]
                guard c <= to, to != dash else { return nil }
                for b in c...to { set.insert(b) }
                i += 3
            } else {
                // A dash that is neither first, last nor inside a range is up to the engine.
                guard c != dash || i == body.startIndex || i == body.endIndex - 1 else { return nil }
                set.insert(c)
                i += 1
            }
        }
        allowed = set
        allowsEmpty = quantifier == UInt8(ascii: "*")
    }

    /// Whether ASCII text matches the whole pattern.
    package func matches(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        (allowsEmpty || !text.isEmpty) && text.allSatisfy(allowed.contains)
    }
}
