extension String {
    /// A non-negative number in decimal with leading zeros up to `width` digits (`7`, 3 → `007`);
    /// longer numbers are written whole. What `String(format: "%0Nd")` prints, without the
    /// format parser.
    init(_ number: Int, zeroPaddedTo width: Int) {
        let digits = String(number)
        let missing = width - digits.utf8.count
        self = missing > 0 ? String(repeating: "0", count: missing) + digits : digits
    }
}
