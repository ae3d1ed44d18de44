/// One generated row of a users file, as a person would type it in Spanish Excel.
struct UserRow {
    var action = "ALTA"
    var collective = ""
    var documentType = ""
    var document = ""
    var firstName = ""
    var lastName = ""
    var email = ""
    var phone = ""
    var birthDate = ""
    var relationship = ""
    var holder = ""
    var startDate = ""
    var endDate = ""
    var period = ""
    /// Whether the row is meant to be applied (no deliberate mistake in it).
    var intended = true

    /// The header of generated users files: the titles of `layouts/users.json`.
    static let header = ["Acción", "Colectivo", "Tipo documento", "Nº Documento", "Nombre", "Apellidos", "Email",
                         "Teléfono", "Fecha nacimiento", "Relación", "Documento titular", "Fecha inicio", "Fecha fin",
                         "Periodo"]

    /// The cells in header order.
    var cells: [String] {
        [action, collective, documentType, document, firstName, lastName, email, phone, birthDate, relationship,
         holder, startDate, endDate, period]
    }
}

/// Generates the rows of users files, each row a pure function of the seed and its index, so
/// change files can refer to users of the big file without reading it.
struct UserRowGenerator {
    /// The collectives every generated user belongs to (see ``CollectivesFile``).
    static let collectives = ["EMPRESA-NORTE", "ASOC-SUR", "MADRID-PYME", "LEVANTE-COOP"]

    static let firstNames = ["José", "María", "Iñigo", "Lucía", "Pedro", "Carmen", "Ángel", "Sofía", "Luis", "Elena",
                             "Jesús", "Begoña", "Raúl", "Nuria", "Óscar", "Ana", "Javier", "Marta", "Andrés", "Inés"]
    static let lastNames = ["Núñez García", "Peña Ibáñez", "Müller", "Larrañaga", "Fernández", "Sánchez Ruiz",
                            "Ortega", "Gil", "Muñoz López", "Martín", "Pérez Díaz", "Jiménez", "Álvarez Castaño",
                            "Gómez", "Rodríguez", "Vidal", "Hernández Sáez", "Domínguez", "Calvo", "Iglesias"]
    static let dependantRelations = ["CONYUGE", "HIJO", "HIJA", "CONYUGE"]

    /// The seed of the whole data set.
    let seed: UInt64

    /// One in `groupSize` people is a holder (TITULAR); the others of the group are dependants.
    static let groupSize = 5

    /// Percentage of rows with a deliberate mistake (five kinds, one point each).
    static let mistakePercent = 5

    private func random(_ index: Int, salt: UInt64 = 0) -> SplitMix64 {
        SplitMix64(seed: seed ^ (UInt64(index) &* 0x9E37_79B9_7F4A_7C15) ^ salt)
    }

    /// The ALTA row of the `index`-th person.
    func alta(_ index: Int) -> UserRow {
        var rng = random(index)
        var row = UserRow()
        let id = DocumentNumbers.forPerson(index)
        row.documentType = id.type
        row.document = id.document
        row.collective = Self.collectives[(index / Self.groupSize) % Self.collectives.count]
        let first = rng.pick(Self.firstNames)
        row.firstName = first
        row.lastName = rng.pick(Self.lastNames)
        if rng.percent(1) { row.lastName = "\"" + row.lastName + "\"" }
        row.email = Self.ascii(first) + ".\(index)@example.es"
        switch rng.below(10) {
        case 0..<6: row.phone = "6\(rng.below(10))\(rng.below(10)) \(100 + rng.below(900)) \(100 + rng.below(900))"
        case 6..<8: row.phone = "+34 6\(10_000_000 + rng.below(89_999_999))"
        default: row.phone = ""
        }
        row.birthDate = Self.date(day: 1 + rng.below(28), month: 1 + rng.below(12), year: 1940 + rng.below(66))
        if index % Self.groupSize == 0 {
            row.relationship = "TITULAR"
        } else {
            row.relationship = Self.dependantRelations[index % Self.groupSize - 1]
            row.holder = DocumentNumbers.forPerson(index - index % Self.groupSize).document
        }
        if rng.percent(50) { row.startDate = "01/11/2026" }
        switch rng.below(100) {
        case 0: row.document = DocumentNumbers.wrongLetter(row.document); row.intended = false
        case 1: row.birthDate = "31/02/1975"; row.intended = false
        case 2: row.email = Self.ascii(first) + "@example"; row.intended = false
        case 3: row.collective = "NO-EXISTE"; row.intended = false
        case 4: row.action = "RENOVA"; row.intended = false
        default: break
        }
        return row
    }

    /// Whether the `index`-th person exists after applying the big file (its row and, for a
    /// dependant, its holder's row had no mistake).
    func isApplied(_ index: Int) -> Bool {
        guard alta(index).intended else { return false }
        return index % Self.groupSize == 0 || alta(index - index % Self.groupSize).intended
    }

    /// The `k`-th row of a 1,000-row change file over people `0..<1000`: 45 % EXTENSION,
    /// 40 % MODIFICACION of existing users, 15 % ALTA of new people (indexes from `newFrom`).
    func change(_ k: Int, newFrom: Int) -> UserRow {
        var rng = random(k, salt: 0xC4A9_6E00)
        var row = UserRow()
        let slot = k % 20
        if slot < 3 {
            var alta = alta(newFrom + k * Self.groupSize)   // a new holder
            alta.startDate = "01/12/2026"
            return alta
        }
        // An existing person among the first 1,000 (present in both stores).
        var person = k
        while !isApplied(person) { person = (person + 1) % 1000 }
        let id = DocumentNumbers.forPerson(person)
        row.documentType = id.type
        row.document = id.document
        if slot < 12 {
            row.action = "EXTENSION"
            row.period = rng.pick(["1A", "1M", "ANUAL", "1 AÑO"])
        } else {
            row.action = "MODIFICACION"
            row.email = "nuevo.\(person)@example.com"
            row.phone = "7\(rng.below(10))\(rng.below(10)) \(100 + rng.below(900)) \(100 + rng.below(900))"
        }
        return row
    }

    /// `dd/mm/yyyy`.
    static func date(day: Int, month: Int, year: Int) -> String {
        (day < 10 ? "0" : "") + "\(day)/" + (month < 10 ? "0" : "") + "\(month)/\(year)"
    }

    /// The name without accents, lower case, for e-mail addresses.
    static func ascii(_ text: String) -> String {
        let map: [Character: Character] = ["á": "a", "é": "e", "í": "i", "ó": "o", "ú": "u", "ñ": "n", "ü": "u",
                                           "Á": "a", "É": "e", "Í": "i", "Ó": "o", "Ú": "u", "Ñ": "n", "Ü": "u"]
        return String(text.map { map[$0] ?? Character($0.lowercased()) })
    }
}
