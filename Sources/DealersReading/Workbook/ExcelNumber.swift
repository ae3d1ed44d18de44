import Foundation  // memchr, memcmp, vsnprintf (Glibc through Foundation)

/// Numbers of a workbook as the spreadsheet shows them: at most 15 significant digits (what
/// Excel and LibreOffice display and compare), in plain decimal — no exponent, no trailing
/// zeros, no `.0` on integers. A formula's cached `9.899999999999999` is `9.9`, `1E-05` is
/// `0.00001`, `0.10000000000000001` is `0.1`.
///
/// A number written with at most 15 significant digits and no exponent is spelled from its
/// bytes (any double it stands for prints back as the same digits); anything else goes through
/// `Double`, as the text a spreadsheet stores is read by any other program.
package enum ExcelNumber {
    /// Significant digits a spreadsheet keeps.
    package static let significantDigits = 15

    /// Appends the spelling of the number `text` holds (spaces and tabs around it allowed) to
    /// `out`; `false`, with nothing appended, when the text is not a finite number.
    package static func append(_ text: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) -> Bool {
        var start = 0, end = text.count
        while start < end, text[start] == 0x20 || text[start] == 0x09 { start += 1 }
        while end > start, text[end - 1] == 0x20 || text[end - 1] == 0x09 { end -= 1 }
        guard start < end else { return false }
        if plain(UnsafeBufferPointer(rebasing: text[start..<end]), to: &out) { return true }
        guard let value = Double(String(decoding: UnsafeBufferPointer(rebasing: text[start..<end]), as: UTF8.self)) else {
            return false
        }
        return append(value, to: &out)
    }

    /// Appends the spelling of a double; `false` when it is not finite.
    package static func append(_ value: Double, to out: inout [UInt8]) -> Bool {
        guard value.isFinite else { return false }
        if value == 0 { out.append(0x30); return true }
        // d.dddddddddddddde±x: the 15 significant digits, correctly rounded from the double.
        var buffer = [CChar](repeating: 0, count: 40)
        let written = buffer.withUnsafeMutableBufferPointer { b in
            withVaList([value]) { vsnprintf(b.baseAddress, b.count, "%.14e", $0) }
        }
        guard written > 0 else { return false }
        var digits: [UInt8] = []
        var exponent = 0, negativeExponent = false, inExponent = false, sawExponentDigit = false
        for c in buffer.prefix(Int(written)) {
            let b = UInt8(bitPattern: c)
            if inExponent {
                if b == 0x2D { negativeExponent = true } else if b &- 0x30 < 10 { exponent = exponent * 10 + Int(b - 0x30); sawExponentDigit = true }
            } else if b == 0x65 || b == 0x45 {
                inExponent = true
            } else if b &- 0x30 < 10 {
                digits.append(b)
            }
        }
        guard digits.count == significantDigits, sawExponentDigit else { return false }
        if negativeExponent { exponent = -exponent }
        spell(negative: value < 0, digits: digits, pointAfter: exponent + 1, to: &out)
        return true
    }

    /// `-?digits(.digits)?` with at most 15 significant digits, spelled without a `Double`;
    /// `false` (nothing appended) for any other text.
    private static func plain(_ t: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) -> Bool {
        var i = 0
        let negative = t[0] == 0x2D
        if negative { i = 1 }
        var integer = i
        while integer < t.count, t[integer] &- 0x30 < 10 { integer += 1 }
        let integerDigits = integer - i
        var fractionEnd = integer
        if integer < t.count {
            guard t[integer] == 0x2E else { return false }
            fractionEnd = integer + 1
            while fractionEnd < t.count, t[fractionEnd] &- 0x30 < 10 { fractionEnd += 1 }
            guard fractionEnd == t.count else { return false }
        }
        guard integerDigits > 0, integerDigits <= 300, fractionEnd - integer <= 300 else { return false }
        // The digits without the point, and where the point goes.
        var digits: [UInt8] = []
        digits.reserveCapacity(fractionEnd - i)
        for k in i..<fractionEnd where t[k] != 0x2E { digits.append(t[k]) }
        var pointAfter = integerDigits
        var lead = 0
        while lead < digits.count - 1, digits[lead] == 0x30 { lead += 1 }
        guard let last = digits.lastIndex(where: { $0 != 0x30 }) else {
            out.append(0x30)
            return true
        }
        let first = digits.firstIndex { $0 != 0x30 } ?? lead
        guard last - first < significantDigits else { return false }
        pointAfter -= first
        spell(negative: negative, digits: Array(digits[first...last]), pointAfter: pointAfter, to: &out)
        return true
    }

    /// Writes significant `digits` (no leading zero) with the point after `pointAfter` of them
    /// (0 or less: before them, with zeros), trailing zeros of the fraction left out.
    private static func spell(negative: Bool, digits: [UInt8], pointAfter: Int, to out: inout [UInt8]) {
        var digits = digits
        while digits.count > 1, digits.last == 0x30 { digits.removeLast() }
        if negative { out.append(0x2D) }
        if pointAfter <= 0 {
            out.append(0x30)
            out.append(0x2E)
            out.append(contentsOf: repeatElement(UInt8(0x30), count: -pointAfter))
            out.append(contentsOf: digits)
        } else if pointAfter >= digits.count {
            out.append(contentsOf: digits)
            out.append(contentsOf: repeatElement(UInt8(0x30), count: pointAfter - digits.count))
        } else {
            out.append(contentsOf: digits[..<pointAfter])
            out.append(0x2E)
            out.append(contentsOf: digits[pointAfter...])
        }
    }

    /// The whole days of a number's spelling (as ``append(_:to:)`` writes it), `nil` when it is
    /// negative or from 3,000,000 on (no calendar date).
    package static func wholeDays(_ spelling: UnsafeBufferPointer<UInt8>) -> Int? {
        var days = 0
        for b in spelling {
            if b == 0x2E { break }
            guard b &- 0x30 < 10 else { return nil }
            days = days * 10 + Int(b - 0x30)
            if days >= 3_000_000 { return nil }
        }
        return days
    }
}
