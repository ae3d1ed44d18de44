extension String {
    /// A non-negative number with leading zeros up to `width` digits (`7`, 3 → `007`; in hex,
    /// upper case: `27`, 4, 16 → `001B`); longer numbers are written whole. What
    /// `String(format: "%0Nd")` prints, without the format parser.
    init(_ number: Int, zeroPaddedTo width: Int, radix: Int = 10) {
        let digits = String(number, radix: radix, uppercase: true)
        let missing = width - digits.utf8.count
        self = missing > 0 ? String(repeating: "0", count: missing) + digits : digits
    }
}
