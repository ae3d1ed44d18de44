import DealersModel

extension SpanishDocument {
    /// Control letters as bytes, indexed by the number mod 23.
    package static let controlLetterBytes: [UInt8] = controlLetters.map { $0.asciiValue ?? 0 }

    /// The normalised DNI (`dni`) or NIE (`nie`) of ASCII text when ``checkDNI(_:)`` /
    /// ``checkNIE(_:)`` / ``checkDNIOrNIE(_:)`` accept it; `nil` for anything they refuse.
    package static func checkASCII(_ text: UnsafeBufferPointer<UInt8>, dni: Bool, nie: Bool) -> String? {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 10) { value -> String? in
            // normalizeDocument: without spaces, tabs, line breaks, dots, dashes, slashes; upper case.
            var count = 0
            for byte in text where !(byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
                                     || byte == 0x2E || byte == 0x2D || byte == 0x2F) {
                guard count < 9 else { return nil }
                value[count] = ASCIIBytes.uppercased(byte)
                count += 1
            }
            guard count >= 2 else { return nil }
            let first = value[0]
            let nieDigit: Int? = first == UInt8(ascii: "X") ? 0 : first == UInt8(ascii: "Y") ? 1 : first == UInt8(ascii: "Z") ? 2 : nil
            if nie, let nieDigit {
                guard count == 9 else { return nil }
                var number = nieDigit
                for i in 1...7 {
                    guard ASCIIBytes.isDigit(value[i]) else { return nil }
                    number = number * 10 + Int(value[i] - 0x30)
                }
                guard value[8] == controlLetterBytes[number % 23] else { return nil }
                return ASCIIBytes.string(UnsafeBufferPointer(rebasing: value[..<9]))
            }
            // A DNI: up to 8 digits (zero-padded) and the control letter. As a document, only
            // a value starting with a digit is read as a DNI.
            guard dni, !nie || ASCIIBytes.isDigit(first) else { return nil }
            var number = 0
            for i in 0..<(count - 1) {
                guard ASCIIBytes.isDigit(value[i]) else { return nil }
                number = number * 10 + Int(value[i] - 0x30)
            }
            let letter = value[count - 1]
            guard letter == controlLetterBytes[number % 23] else { return nil }
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 9) { out in
                var n = number
                for i in stride(from: 7, through: 0, by: -1) { out[i] = UInt8(0x30 + n % 10); n /= 10 }
                out[8] = letter
                return ASCIIBytes.string(UnsafeBufferPointer(out))
            }
        }
    }
}
