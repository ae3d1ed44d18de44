import Foundation  // memchr, memcmp, vsnprintf (Glibc through Foundation)

/// A streaming tokenizer for the XML parts of a workbook, over bytes: it is fed the inflated
/// part chunk by chunk and hands each start tag, end tag and piece of text to a
/// ``MarkupHandler`` as pointers into the chunk, so no `String` is made for markup.
///
/// It accepts what office programs write (UTF-8, the five predefined entities, character
/// references, comments, processing instructions, CDATA) and refuses what a conforming parser
/// refuses: unbalanced or crossed tags, malformed attributes, undefined entities, invalid UTF-8,
/// control characters, text outside the root element, a part that ends inside a tag. A
/// `<!DOCTYPE` or `<!ENTITY` is refused outright (workbook parts never need one, and refusing
/// them rules out entity expansion), as are parts in UTF-16 or declaring another encoding.
///
/// A construct cut by the end of a chunk is kept and scanned again with the next one; one
/// longer than ``maxPendingBytes`` (no real cell comes near it) is refused.
package struct MarkupScanner {
    /// The most bytes one tag, text or comment may span.
    package let maxPendingBytes: Int
    /// Bytes of an unfinished construct, waiting for the next chunk.
    private var pending: [UInt8] = []
    /// Names of the open elements, one after the other, and where each ends.
    private var stack: [UInt8] = []
    private var stackEnds: [Int] = []
    /// The attributes of the tag being scanned, and the values that needed decoding.
    private var attributes: [MarkupAttribute] = []
    private var decodedValues: [UInt8] = []
    /// Text with references or line ends, decoded.
    private var decodedText: [UInt8] = []
    /// Where the document is: 0 before anything, 1 after the start (BOM, declaration), 2 inside
    /// the root element, 3 after it.
    private var phase = 0
    /// Lines and the column of the first byte not yet consumed (for error positions).
    private var line = 1
    private var column = 1

    /// Creates a scanner for one part.
    package init(maxPendingBytes: Int = 16 << 20) {
        self.maxPendingBytes = maxPendingBytes
    }

    /// Scans the next chunk of the part, calling `handler` for every complete construct.
    /// - Throws: ``MarkupError`` when the bytes are not acceptable XML, or what `handler` throws.
    package mutating func feed<H: MarkupHandler>(_ chunk: UnsafeRawBufferPointer, to handler: inout H) throws {
        let bytes = chunk.bindMemory(to: UInt8.self)
        if pending.isEmpty {
            let used = try scan(bytes, final: false, &handler)
            advance(over: UnsafeBufferPointer(rebasing: bytes[..<used]))
            pending.append(contentsOf: bytes[used...])
        } else {
            var buffer = pending
            pending = []
            buffer.append(contentsOf: bytes)
            let used = try buffer.withUnsafeBufferPointer { all -> Int in
                let used = try scan(all, final: false, &handler)
                advance(over: UnsafeBufferPointer(rebasing: all[..<used]))
                return used
            }
            buffer.removeFirst(used)
            pending = buffer
        }
        if pending.count > maxPendingBytes {
            throw MarkupError(.notAcceptable, "it has a tag or a text longer than \(maxPendingBytes) bytes", line: line, column: column)
        }
    }

    /// Ends the part: what is still pending must be complete, and every element closed.
    package mutating func finish<H: MarkupHandler>(_ handler: inout H) throws {
        var buffer = pending
        pending = []
        let used = try buffer.withUnsafeBufferPointer { all -> Int in
            let used = try scan(all, final: true, &handler)
            if used < all.count { throw failure("the part ends inside a tag or a comment", all, used) }
            advance(over: all)
            return used
        }
        buffer.removeFirst(used)
        if phase < 2 { throw MarkupError(.notWellFormed, "it has no root element", line: line, column: column) }
        if let open = openName {
            throw MarkupError(.notWellFormed, "it ends before the element <\(open)> is closed", line: line, column: column)
        }
    }

    /// The name of the innermost open element.
    private var openName: String? {
        guard let last = stackEnds.last else { return nil }
        let start = stackEnds.count > 1 ? stackEnds[stackEnds.count - 2] : 0
        return String(decoding: stack[start..<last], as: UTF8.self)
    }

    // MARK: - Scanning

    /// Scans whole constructs from the start of `p`; returns how many bytes were consumed.
    private mutating func scan<H: MarkupHandler>(_ p: UnsafeBufferPointer<UInt8>, final: Bool, _ handler: inout H) throws -> Int {
        let n = p.count
        var i = 0
        if phase == 0 {
            guard n >= 9 || final else { return 0 }
            if n > 0, p[0] == 0xFE || p[0] == 0xFF || p[0] == 0 || (n > 1 && p[1] == 0) {
                throw MarkupError(.notAcceptable, "it is encoded in UTF-16; only UTF-8 parts are supported", line: 1, column: 1)
            }
            if n >= 3, p[0] == 0xEF, p[1] == 0xBB, p[2] == 0xBF { i = 3 }
            if n - i >= 6, p[i] == 0x3C, p[i + 1] == 0x3F, MarkupBytes.matches(p, i + 2, "xml"), MarkupBytes.isSpace(p[i + 5]) {
                guard let close = MarkupBytes.find(p, "?>", from: i + 5) else {
                    return final ? i : 0
                }
                try declaration(p, from: i + 5, to: close)
                i = close + 2
            }
            phase = 1
        }
        while i < n {
            let start = i
            if p[i] != 0x3C {
                let end = MarkupBytes.find(p, 0x3C, from: i) ?? n
                if end == n && !final { return start }
                try text(p, start, end, &handler)
                i = end
                continue
            }
            guard i + 1 < n else { return start }
            switch p[i + 1] {
            case 0x2F:  // </
                guard let next = try endTag(p, start, &handler) else { return start }
                i = next
            case 0x21:  // <!
                guard let next = try markupDeclaration(p, start, &handler) else { return start }
                i = next
            case 0x3F:  // <?
                guard let close = MarkupBytes.find(p, "?>", from: i + 2) else { return start }
                try processingInstruction(p, start, close)
                i = close + 2
            default:
                guard let next = try startTag(p, start, &handler) else { return start }
                i = next
            }
        }
        return i
    }

    /// The XML declaration's pseudo-attributes: a version 1.x, and UTF-8 if an encoding is named.
    private func declaration(_ p: UnsafeBufferPointer<UInt8>, from: Int, to end: Int) throws {
        var i = from
        var names: [String] = []
        while true {
            let before = i
            while i < end, MarkupBytes.isSpace(p[i]) { i += 1 }
            if i == end { break }
            guard i > before else { throw failure("the XML declaration is malformed", p, i) }
            let nameStart = i
            while i < end, MarkupBytes.isNameByte(p[i]) { i += 1 }
            let name = String(decoding: UnsafeBufferPointer(rebasing: p[nameStart..<i]), as: UTF8.self)
            while i < end, MarkupBytes.isSpace(p[i]) { i += 1 }
            guard i < end, p[i] == 0x3D else { throw failure("the XML declaration is malformed", p, i) }
            i += 1
            while i < end, MarkupBytes.isSpace(p[i]) { i += 1 }
            guard i < end, p[i] == 0x22 || p[i] == 0x27, let close = MarkupBytes.find(p, p[i], from: i + 1), close < end else {
                throw failure("the XML declaration is malformed", p, i)
            }
            let value = String(decoding: UnsafeBufferPointer(rebasing: p[(i + 1)..<close]), as: UTF8.self)
            i = close + 1
            let expected = ["version", "encoding", "standalone"]
            let previous = names.last.flatMap { expected.firstIndex(of: $0) } ?? -1
            guard let order = expected.firstIndex(of: name), order > previous, !names.isEmpty || name == "version" else {
                throw failure("the XML declaration has the pseudo-attribute \"\(name)\" out of place", p, nameStart)
            }
            names.append(name)
            switch name {
            case "version":
                guard value.hasPrefix("1."), value.count > 2, value.dropFirst(2).allSatisfy(\.isNumber) else {
                    throw failure("the XML declaration names version \"\(value)\"", p, nameStart)
                }
            case "encoding":
                guard ["utf-8", "utf8", "us-ascii", "ascii"].contains(value.lowercased()) else {
                    throw MarkupError(.notAcceptable, "it declares the encoding \"\(value)\"; only UTF-8 parts are supported",
                                      line: line, column: column)
                }
            default:
                guard value == "yes" || value == "no" else { throw failure("the XML declaration is malformed", p, nameStart) }
            }
        }
        guard names.first == "version" else { throw failure("the XML declaration has no version", p, from) }
    }

    private mutating func processingInstruction(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ close: Int) throws {
        var i = start + 2
        guard i < close, MarkupBytes.isNameStart(p[i]) else { throw failure("a processing instruction has no target", p, i) }
        while i < close, MarkupBytes.isNameByte(p[i]) { i += 1 }
        let target = UnsafeBufferPointer(rebasing: p[(start + 2)..<i])
        if target.count == 3, target.map(ASCIIFold.lower).elementsEqual("xml".utf8) {
            throw failure("an XML declaration is allowed only at the start of the part", p, start)
        }
        guard i == close || MarkupBytes.isSpace(p[i]) else { throw failure("a processing instruction is malformed", p, i) }
        try checkCharacters(p, i, close)
    }

    /// `<!--…-->`, `<![CDATA[…]]>`, or a refused declaration; `nil` when cut by the chunk's end.
    private mutating func markupDeclaration<H: MarkupHandler>(_ p: UnsafeBufferPointer<UInt8>, _ start: Int,
                                                              _ handler: inout H) throws -> Int? {
        let n = p.count
        if start + 4 > n { return nil }
        if p[start + 2] == 0x2D, p[start + 3] == 0x2D {
            guard let close = MarkupBytes.find(p, "--", from: start + 4) else { return nil }
            guard close + 2 < n else { return nil }
            guard p[close + 2] == 0x3E else { throw failure("a comment holds \"--\"", p, close) }
            try checkCharacters(p, start + 4, close)
            return close + 3
        }
        for (word, problem) in [("DOCTYPE", "it declares a DOCTYPE"), ("ENTITY", "it declares an entity")] {
            let length = min(word.utf8.count, n - start - 2)
            if MarkupBytes.matches(p, start + 2, String(word.prefix(length))) {
                if length < word.utf8.count { return nil }
                throw MarkupError(.notAcceptable, "\(problem), which workbook parts never need", line: line, column: column)
            }
        }
        let cdata = "[CDATA["
        let length = min(cdata.utf8.count, n - start - 2)
        guard MarkupBytes.matches(p, start + 2, String(cdata.prefix(length))) else {
            throw failure("\"<!\" starts neither a comment nor a CDATA section", p, start)
        }
        if length < cdata.utf8.count { return nil }
        guard let close = MarkupBytes.find(p, "]]>", from: start + 9) else { return nil }
        guard phase == 2 else { throw failure("a CDATA section is outside the root element", p, start) }
        try checkCharacters(p, start + 9, close)
        if close > start + 9 { try handler.text(UnsafeBufferPointer(rebasing: p[(start + 9)..<close])) }
        return close + 3
    }

    /// An end tag: it must close the innermost open element. `nil` when cut by the chunk's end.
    private mutating func endTag<H: MarkupHandler>(_ p: UnsafeBufferPointer<UInt8>, _ start: Int,
                                                   _ handler: inout H) throws -> Int? {
        let n = p.count
        var i = start + 2
        guard i < n else { return nil }
        guard MarkupBytes.isNameStart(p[i]) else { throw failure("an end tag has no name", p, i) }
        while i < n, MarkupBytes.isNameByte(p[i]) { i += 1 }
        let nameEnd = i
        while i < n, MarkupBytes.isSpace(p[i]) { i += 1 }
        guard i < n else { return nil }
        guard p[i] == 0x3E else { throw failure("an end tag is malformed", p, i) }
        let name = UnsafeBufferPointer(rebasing: p[(start + 2)..<nameEnd])
        guard let last = stackEnds.last else { throw failure("an end tag closes nothing", p, start) }
        let open = stackEnds.count > 1 ? stackEnds[stackEnds.count - 2] : 0
        let matches = stack.withUnsafeBufferPointer { s in
            last - open == name.count && UnsafeBufferPointer(rebasing: s[open..<last]).elementsEqual(name)
        }
        guard matches else {
            let found = String(decoding: name, as: UTF8.self)
            throw failure("the end tag </\(found)> does not close <\(openName ?? "")>", p, start)
        }
        stack.removeLast(last - open)
        stackEnds.removeLast()
        if stackEnds.isEmpty { phase = 3 }
        try handler.end(MarkupName(local: MarkupBytes.local(name)))
        return i + 1
    }

    /// A start tag and its attributes. `nil` when cut by the chunk's end.
    private mutating func startTag<H: MarkupHandler>(_ p: UnsafeBufferPointer<UInt8>, _ start: Int,
                                                     _ handler: inout H) throws -> Int? {
        let n = p.count
        var i = start + 1
        guard MarkupBytes.isNameStart(p[i]) else { throw failure("\"<\" is not followed by a tag name (write &lt;)", p, i) }
        while i < n, MarkupBytes.isNameByte(p[i]) { i += 1 }
        let nameEnd = i
        attributes.removeAll(keepingCapacity: true)
        decodedValues.removeAll(keepingCapacity: true)
        var selfClosing = false
        while true {
            let before = i
            while i < n, MarkupBytes.isSpace(p[i]) { i += 1 }
            guard i < n else { return nil }
            if p[i] == 0x3E { i += 1; break }
            if p[i] == 0x2F {
                guard i + 1 < n else { return nil }
                guard p[i + 1] == 0x3E else { throw failure("\"/\" in a tag is not followed by \">\"", p, i) }
                selfClosing = true
                i += 2
                break
            }
            guard i > before else { throw failure("attributes must be separated by white space", p, i) }
            guard let next = try attribute(p, i) else { return nil }
            i = next
        }
        guard phase < 3 else { throw failure("there is content after the root element", p, start) }
        try checkName(p, start + 1, nameEnd)
        let name = UnsafeBufferPointer(rebasing: p[(start + 1)..<nameEnd])
        if !selfClosing {
            stack.append(contentsOf: name)
            stackEnds.append(stack.count)
        }
        if phase < 2 { phase = selfClosing ? 3 : 2 }
        let local = MarkupName(local: MarkupBytes.local(name))
        try attributes.withUnsafeBufferPointer { spans in
            try decodedValues.withUnsafeBufferPointer { decoded in
                try handler.start(MarkupTag(local: local, source: p, decoded: decoded, attributes: spans))
            }
        }
        if selfClosing { try handler.end(local) }
        return i
    }

    /// One `name="value"` at `i`; returns where it ends, or `nil` when cut by the chunk's end.
    private mutating func attribute(_ p: UnsafeBufferPointer<UInt8>, _ start: Int) throws -> Int? {
        let n = p.count
        var i = start
        guard MarkupBytes.isNameStart(p[i]) else { throw failure("an attribute has no name", p, i) }
        while i < n, MarkupBytes.isNameByte(p[i]) { i += 1 }
        let nameEnd = i
        while i < n, MarkupBytes.isSpace(p[i]) { i += 1 }
        guard i < n else { return nil }
        guard p[i] == 0x3D else { throw failure("an attribute has no \"=\" after its name", p, i) }
        i += 1
        while i < n, MarkupBytes.isSpace(p[i]) { i += 1 }
        guard i < n else { return nil }
        let quote = p[i]
        guard quote == 0x22 || quote == 0x27 else { throw failure("an attribute value is not quoted", p, i) }
        guard let close = MarkupBytes.find(p, quote, from: i + 1) else { return nil }
        _ = try checkName(p, start, nameEnd)
        let name = UnsafeBufferPointer(rebasing: p[start..<nameEnd])
        for other in attributes where other.nameCount == name.count
            && UnsafeBufferPointer(rebasing: p[other.nameStart..<(other.nameStart + other.nameCount)]).elementsEqual(name) {
            throw failure("the attribute \(String(decoding: name, as: UTF8.self)) is repeated", p, start)
        }
        var span = MarkupAttribute(nameStart: start, nameCount: name.count, localStart: start + name.count - MarkupBytes.local(name).count,
                                   valueStart: i + 1, valueCount: close - i - 1, decoded: false)
        if needsDecoding(p, i + 1, close) {
            let from = decodedValues.count
            try decode(p, i + 1, close, attribute: true, into: &decodedValues)
            span.decoded = true
            span.valueStart = from
            span.valueCount = decodedValues.count - from
        }
        attributes.append(span)
        return close + 1
    }

    /// Character data between tags: handed on decoded; outside the root only white space.
    private mutating func text<H: MarkupHandler>(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int,
                                                 _ handler: inout H) throws {
        guard phase == 2 else {
            for i in start..<end where !MarkupBytes.isSpace(p[i]) {
                throw failure(phase == 3 ? "there is text after the root element" : "there is text before the root element", p, i)
            }
            return
        }
        if needsDecoding(p, start, end) {
            decodedText.removeAll(keepingCapacity: true)
            try decode(p, start, end, attribute: false, into: &decodedText)
            try decodedText.withUnsafeBufferPointer { try handler.text($0) }
        } else {
            try handler.text(UnsafeBufferPointer(rebasing: p[start..<end]))
        }
    }

    // MARK: - Characters

    /// Whether bytes hold anything but printable ASCII without `&` (and `]` in text, `<` in
    /// values): one pass the compiler vectorises decides for nearly every cell.
    private func needsDecoding(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var low: UInt8 = 0xFF, high: UInt8 = 0, special: UInt8 = 0
        for i in start..<end {
            let b = p[i]
            low = min(low, b)
            high = max(high, b)
            special |= (b == 0x26 ? 1 : 0) | (b == 0x5D ? 1 : 0) | (b == 0x3C ? 1 : 0)
        }
        return low < 0x20 || high >= 0x80 || special != 0
    }

    /// Appends the bytes with references replaced and line ends normalised (CR LF and CR as LF;
    /// in attribute values tab and line ends as a space), checking UTF-8 and XML characters.
    private func decode(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, attribute: Bool,
                        into out: inout [UInt8]) throws {
        var i = start
        while i < end {
            let b = p[i]
            if b >= 0x80 {
                let length = try utf8Length(p, i, end)
                out.append(contentsOf: p[i..<(i + length)])
                i += length
                continue
            }
            switch b {
            case 0x26:
                i = try reference(p, i, end, into: &out)
                continue
            case 0x0D:
                out.append(attribute ? 0x20 : 0x0A)
                if i + 1 < end, p[i + 1] == 0x0A { i += 1 }
            case 0x09, 0x0A:
                out.append(attribute ? 0x20 : b)
            case 0x3C where attribute:
                throw failure("an attribute value holds \"<\" (write &lt;)", p, i)
            case 0x5D where !attribute && i + 2 < end && p[i + 1] == 0x5D && p[i + 2] == 0x3E:
                throw failure("text holds \"]]>\"", p, i)
            default:
                guard b >= 0x20 else { throw failure(Self.control(b), p, i) }
                out.append(b)
            }
            i += 1
        }
    }

    /// Checks text that is kept as it is (comments, CDATA, instructions): UTF-8 and XML characters.
    private func checkCharacters(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) throws {
        var i = start
        while i < end {
            let b = p[i]
            if b >= 0x80 { i += try utf8Length(p, i, end); continue }
            guard b >= 0x20 || b == 0x09 || b == 0x0A || b == 0x0D else { throw failure(Self.control(b), p, i) }
            i += 1
        }
    }

    /// Checks a name's non-ASCII bytes (names are ASCII in every workbook, but may be UTF-8).
    @discardableResult
    private func checkName(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) throws -> Bool {
        var i = start
        while i < end {
            if p[i] >= 0x80 { i += try utf8Length(p, i, end) } else { i += 1 }
        }
        return true
    }

    /// `&amp;` `&lt;` `&gt;` `&quot;` `&apos;` `&#NN;` `&#xHH;` at `i`: appends the character and
    /// returns where the reference ends.
    private func reference(_ p: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int, into out: inout [UInt8]) throws -> Int {
        guard let semicolon = MarkupBytes.find(p, 0x3B, from: i + 1), semicolon < end, semicolon - i <= 12 else {
            throw failure("\"&\" does not start a reference (write &amp;)", p, i)
        }
        let name = UnsafeBufferPointer(rebasing: p[(i + 1)..<semicolon])
        if let named = MarkupBytes.predefined(name) {
            out.append(named)
            return semicolon + 1
        }
        guard name.count >= 2, name[0] == 0x23 else {
            throw failure("the entity &\(String(decoding: name, as: UTF8.self)); is not defined", p, i)
        }
        let hex = name[1] == 0x78
        var value: UInt32 = 0
        let digits = UnsafeBufferPointer(rebasing: name[(hex ? 2 : 1)...])
        guard !digits.isEmpty else { throw failure("a character reference has no digits", p, i) }
        for d in digits {
            guard let digit = MarkupBytes.digit(d, hex: hex), value < 0x110000 else {
                throw failure("the character reference &\(String(decoding: name, as: UTF8.self)); is malformed", p, i)
            }
            value = value * (hex ? 16 : 10) + digit
        }
        guard MarkupBytes.isXMLCharacter(value), let scalar = Unicode.Scalar(value) else {
            throw failure("the character reference &\(String(decoding: name, as: UTF8.self)); names no XML character", p, i)
        }
        out.append(contentsOf: Array(String(Character(scalar)).utf8))
        return semicolon + 1
    }

    /// The length of the valid UTF-8 sequence at `i`, an XML character.
    private func utf8Length(_ p: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) throws -> Int {
        guard let (length, scalar) = MarkupBytes.decodeUTF8(p, i, end), MarkupBytes.isXMLCharacter(scalar) else {
            throw failure("the bytes are not valid UTF-8", p, i)
        }
        return length
    }

    private static func control(_ b: UInt8) -> String {
        "the control character U+\(String(b, radix: 16, uppercase: true).leftPadded(4)) is not allowed in XML"
    }

    // MARK: - Positions

    /// Moves the position past consumed bytes.
    private mutating func advance(over bytes: UnsafeBufferPointer<UInt8>) {
        var lines = 0
        for b in bytes { lines &+= b == 0x0A ? 1 : 0 }
        guard lines > 0 else { column += bytes.count; return }
        line += lines
        var last = bytes.count - 1
        while last >= 0, bytes[last] != 0x0A { last -= 1 }
        column = bytes.count - last
    }

    /// A not-well-formed error at byte `i` of `p` (which starts at the unconsumed position).
    private func failure(_ reason: String, _ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> MarkupError {
        var line = self.line, column = self.column
        for k in 0..<min(i, p.count) {
            if p[k] == 0x0A { line += 1; column = 1 } else { column += 1 }
        }
        return MarkupError(.notWellFormed, reason, line: line, column: column)
    }

}

private enum ASCIIFold {
    static func lower(_ b: UInt8) -> UInt8 { b &- 0x41 < 26 ? b + 0x20 : b }
}

private extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
