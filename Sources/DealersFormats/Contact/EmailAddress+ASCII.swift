import DealersModel

extension EmailAddress {
    /// ``localSpecials`` as a byte set.
    package static let localSpecialBytes = ASCIISet(localSpecials)

    /// The normalised address of trimmed ASCII text when ``check(_:)`` accepts it, else `nil`.
    package static func checkASCII(_ text: UnsafeBufferPointer<UInt8>) -> String? {
        var at: Int?
        for (i, byte) in text.enumerated() {
            if ASCIIBytes.isWhitespace(byte) { return nil }
            if byte == UInt8(ascii: "@") {
                guard at == nil else { return nil }
                at = i
            }
        }
        let dot = UInt8(ascii: "."), dash = UInt8(ascii: "-")
        guard let at, at >= 1, at <= 64, text.count <= 254 else { return nil }
        let local = UnsafeBufferPointer(rebasing: text[..<at])
        var previous: UInt8 = 0
        for byte in local {
            guard ASCIIBytes.isAlphanumeric(byte) || byte == dot || localSpecialBytes.contains(byte),
                  !(byte == dot && previous == dot) else { return nil }
            previous = byte
        }
        guard local[0] != dot, local[at - 1] != dot else { return nil }
        // The domain: two or more labels of 1–63 letters, digits and inner hyphens; the last
        // one at least 2 characters and not all digits.
        let domain = UnsafeBufferPointer(rebasing: text[(at + 1)...])
        var labels = 0, labelStart = 0
        var allDigits = true
        for i in 0...domain.count {
            guard i < domain.count, domain[i] != dot else {
                let length = i - labelStart
                guard length >= 1, length <= 63, domain[labelStart] != dash, domain[i - 1] != dash else { return nil }
                labels += 1
                if i == domain.count { guard length >= 2, !allDigits else { return nil } }
                labelStart = i + 1
                allDigits = true
                continue
            }
            guard ASCIIBytes.isAlphanumeric(domain[i]) || domain[i] == dash else { return nil }
            if !ASCIIBytes.isDigit(domain[i]) { allDigits = false }
        }
        guard labels >= 2 else { return nil }
        var address = Array(text)
        for i in (at + 1)..<address.count { address[i] = ASCIIBytes.lowercased(address[i]) }
        return String(decoding: address, as: UTF8.self)
    }
}
