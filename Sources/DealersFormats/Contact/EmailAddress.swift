import DealersModel

/// E-mail addresses: a pragmatic subset of RFC 5322 `addr-spec` (dot-atom local part, host name
/// domain). Quoted local parts, comments, IP-literal domains and non-ASCII addresses are refused.
package enum EmailAddress {
    /// Characters allowed in a dot-atom local part besides letters, digits and dots (RFC 5322 atext).
    package static let localSpecials: Set<Character> = Set("!#$%&'*+/=?^_`{|}~-")

    /// Checks an address; returns it with the domain lower-cased (the local part is kept as written).
    package static func check(_ raw: String) -> Result<String, FormatFailure> {
        if raw.contains(where: { $0.isWhitespace }) {
            return .failure(.because("una dirección de correo no tiene espacios", "an e-mail address has no spaces"))
        }
        guard raw.allSatisfy({ $0.isASCII }) else {
            return .failure(.because("la dirección de correo solo admite caracteres ASCII",
                                     "the e-mail address must be ASCII only"))
        }
        let parts = raw.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            return .failure(.because("una dirección de correo tiene una sola @ entre usuario y dominio",
                                     "an e-mail address has exactly one @ between user and domain"))
        }
        let local = parts[0]
        let domain = parts[1].lowercased()
        guard !local.isEmpty, local.count <= 64 else {
            return .failure(.because("la parte antes de @ tiene entre 1 y 64 caracteres, tiene \(local.count)",
                                     "the part before @ has 1 to 64 characters, found \(local.count)"))
        }
        guard local.allSatisfy({ FormatCharacters.isAlphanumeric($0) || $0 == "." || localSpecials.contains($0) }) else {
            return .failure(.because("la parte antes de @ tiene caracteres no permitidos",
                                     "the part before @ has characters that are not allowed"))
        }
        guard !local.hasPrefix("."), !local.hasSuffix("."), !local.contains("..") else {
            return .failure(.because("la parte antes de @ no empieza ni termina en punto ni tiene dos puntos seguidos",
                                     "the part before @ does not start or end with a dot or have two dots in a row"))
        }
        if case .failure(let failure) = checkDomain(domain) { return .failure(failure) }
        let address = local + "@" + domain
        guard address.count <= 254 else {
            return .failure(.because("una dirección de correo tiene como mucho 254 caracteres, tiene \(address.count)",
                                     "an e-mail address has at most 254 characters, found \(address.count)"))
        }
        return .success(address)
    }

    /// A host name with at least two labels; labels 1–63 letters, digits and inner hyphens;
    /// top-level label at least 2 characters and not all digits.
    package static func checkDomain(_ domain: String) -> Result<Void, FormatFailure> {
        guard !domain.isEmpty else {
            return .failure(.because("falta el dominio después de @", "the domain after @ is missing"))
        }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, let top = labels.last else {
            return .failure(.because("el dominio necesita un punto (p. ej. ejemplo.es)",
                                     "the domain needs a dot (e.g. example.com)"))
        }
        for label in labels {
            guard !label.isEmpty, label.count <= 63 else {
                return .failure(.because("cada parte del dominio tiene entre 1 y 63 caracteres",
                                         "each part of the domain has 1 to 63 characters"))
            }
            guard label.allSatisfy({ FormatCharacters.isAlphanumeric($0) || $0 == "-" }),
                  !label.hasPrefix("-"), !label.hasSuffix("-") else {
                return .failure(.because("el dominio solo tiene letras, dígitos y guiones interiores: «\(label)»",
                                         "the domain has only letters, digits and inner hyphens: \"\(label)\""))
            }
        }
        guard top.count >= 2, !FormatCharacters.allDigits(top) else {
            return .failure(.because("el dominio de primer nivel «\(top)» no es válido",
                                     "the top-level domain \"\(top)\" is not valid"))
        }
        return .success(())
    }
}
