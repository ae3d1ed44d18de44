import Foundation
import Testing
@testable import DealersCore

/// Zero-padded numbers (contract numbers, change-log and feed names, `<U+001B>` in messages)
/// against what `String(format:)` prints.
@Suite("Zero-padded numbers")
struct ZeroPaddedTests {
    @Test("decimal and upper-case hex, padded, whole when longer, with a prefix")
    func againstFormat() {
        for number in [0, 7, 42, 999, 12_345_678, 123_456_789, Int(Int32.max)] {
            for width in [0, 1, 2, 4, 8, 10] {
                #expect(String(number, zeroPaddedTo: width) == String(format: "%0\(width)ld", number))
                #expect(String(number, zeroPaddedTo: width, radix: 16) == String(format: "%0\(width)lX", number))
            }
        }
        #expect(String(42, zeroPaddedTo: 8, prefix: "C") == "C00000042")
        #expect(String(123_456_789, zeroPaddedTo: 8, prefix: "C") == "C123456789")
        #expect(String(27, zeroPaddedTo: 4, radix: 16) == "001B")
    }

    @Test("a negative number is written whole, not padded around its sign")
    func negative() {
        #expect(String(-5, zeroPaddedTo: 3) == "-5")
        #expect(String(-5, zeroPaddedTo: 3, prefix: "C") == "C-5")
    }
}
