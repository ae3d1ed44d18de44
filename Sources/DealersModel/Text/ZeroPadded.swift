extension String {
    /// A non-negative number with leading zeros up to `width` digits (`7`, 3 → `007`; in hex,
    /// upper case: `27`, 4, 16 → `001B`); longer numbers are written whole. What
    /// `String(format: "%0Nd")` prints, without the format parser. `prefix` (ASCII) goes first:
    /// a contract number (`C00000042`) is built in one string, not joined from two.
    package init(_ number: Int, zeroPaddedTo width: Int, radix: Int = 10, prefix: StaticString = "") {
        precondition((2...36).contains(radix), "zero-padding takes a radix of 2–36")
        guard number >= 0 else {
            // No caller pads a negative number; written whole rather than padded around its sign.
            self = prefix.description + String(number, radix: radix, uppercase: true)
            return
        }
        var digits = 1
        var rest = number / radix
        while rest > 0 { digits += 1; rest /= radix }
        let padded = Swift.max(width, digits)
        self = prefix.withUTF8Buffer { head in
            let total = head.count + padded
            return String(unsafeUninitializedCapacity: total) { buffer in
                // The buffer may be longer than asked for: only `total` bytes are written.
                let start = buffer.initialize(fromContentsOf: head)
                var value = number
                for i in stride(from: total - 1, through: start, by: -1) {
                    let digit = UInt8(value % radix)
                    buffer[i] = digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "A") + digit - 10
                    value /= radix
                }
                return total
            }
        }
    }
}
