import DealersModel

/// E-mail addresses: a pragmatic subset of RFC 5322 `addr-spec` (dot-atom local part, host name
/// domain). Quoted local parts, comments, IP-literal domains and non-ASCII addresses are refused.
/// Written once over the units of the value as written.
package enum EmailAddress {
    /// Characters allowed in a dot-atom local part besides letters, digits and dots (RFC 5322 atext).
    package static let localSpecials = ASCIISet("!#$%&'*+/=?^_`{|}~-")

    /// Checks an address; returns it with the domain lower-cased (the local part is kept as written).
    package static func check(_ raw: some Collection<UInt8>) -> Result<String, FormatFailure> {
        FormatText.reading(raw, .asWritten) { value in
            let count = value.count
            if value.containsWhitespace { return .failure(.emailSpaces) }
            // From here on every character is one ASCII byte.
            guard value.allSatisfy(0..<count, { $0 < 0x80 }) else { return .failure(.emailASCII) }
            let address = value.units
            guard let at = address.firstIndex(of: UInt8(ascii: "@")), !address[(at + 1)...].contains(UInt8(ascii: "@")) else {
                return .failure(.emailAt)
            }
            let dot = UInt8(ascii: ".")
            guard at >= 1, at <= 64 else { return .failure(.emailLocalLength(at)) }
            guard address[..<at].allSatisfy({ ASCIIBytes.isAlphanumeric($0) || $0 == dot || localSpecials.contains($0) }) else {
                return .failure(.emailLocalCharacters)
            }
            guard address[0] != dot, address[at - 1] != dot,
                  !zip(address[..<at], address[1..<at]).contains(where: { $0 == dot && $1 == dot }) else {
                return .failure(.emailLocalDots)
            }
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count) { lowered in
                for index in 0..<count { lowered[index] = index > at ? ASCIIBytes.lowercased(address[index]) : address[index] }
                let written = UnsafeBufferPointer(lowered)
                if let failure = checkDomain(UnsafeBufferPointer(rebasing: written[(at + 1)...])) { return .failure(failure) }
                guard count <= 254 else { return .failure(.emailLength(count)) }
                return .success(String(decoding: written, as: UTF8.self))
            }
        }
    }

    /// A host name (ASCII, lower case) with at least two labels; labels 1–63 letters, digits and
    /// inner hyphens; top-level label at least 2 characters and not all digits. `nil` when right.
    package static func checkDomain(_ domain: UnsafeBufferPointer<UInt8>) -> FormatFailure? {
        let dot = UInt8(ascii: "."), dash = UInt8(ascii: "-")
        guard !domain.isEmpty else { return .emailDomainMissing }
        guard domain.contains(dot) else { return .emailDomainDot }
        var start = 0
        while true {
            let end = domain[start...].firstIndex(of: dot) ?? domain.count
            let label = UnsafeBufferPointer(rebasing: domain[start..<end])
            guard !label.isEmpty, label.count <= 63 else { return .emailLabelLength }
            guard label.allSatisfy({ ASCIIBytes.isAlphanumeric($0) || $0 == dash }), label.first != dash, label.last != dash else {
                return .emailLabel(String(decoding: label, as: UTF8.self))
            }
            guard end < domain.count else {
                guard label.count >= 2, !label.allSatisfy(ASCIIBytes.isDigit) else {
                    return .emailTopLevel(String(decoding: label, as: UTF8.self))
                }
                return nil
            }
            start = end + 1
        }
    }
}
