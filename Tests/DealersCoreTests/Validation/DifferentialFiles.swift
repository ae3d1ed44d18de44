import DealersTestSupport
import Foundation
@testable import DealersCore

/// Files for the differential tests: rows drawn from pools of right, wrong and awkward spellings
/// of every kind of value (padding, case, accents, separators, missing values, CR LF inside
/// quotes), in Windows-1252 or UTF-8, with CR LF or LF line ends and the odd blank line.
enum DifferentialFiles {
    static let actions = ["ALTA", "alta", " Alta ", "A", "BAJA", "b", "EXTENSION", "Extensión", "RENOVA", "MOD", "", "-",
                          "M", "update", "ALTAé", "N/A", "ren-ovar", "  "]
    static let collectives = ["ACME-1", "IBERIA_2", "bad code!", "", "N/A", "Colectivó", String(repeating: "X", count: 41), "acme"]
    static let documentTypes = ["DNI", "nie", "Dni ", "PASAPORTE", "", "N/A", "D.N.I."]
    static let names = ["José", "Ana", "Núñez García", "O'Brien", "  Luis  ", "", "a\r\nb", String(repeating: "x", count: 81),
                        "-", "\u{00A0}Eva", "Zoë\tM", "Ann \"Q\" Lee"]
    static let emails = ["ana@example.com", "Ana.Lopez@Example.ES", "bad@nodot", "a..b@x.es", ".a@x.es", "a@-x.es", "a@x.123",
                         "ñ@x.es", "a b@x.es", "a@b@c.es", "", "x@" + String(repeating: "a", count: 64) + ".es",
                         "o'neil+tag@sub.example.org", " pad@x.es ", "a@x.e", "a@x..es", "A@X.ES", "\u{212A}@x.es"]
    static let phones = ["612345678", "+34 612 34 56 78", "0034612345678", "(0)612345678", "+44 (0)20 7946 0958", "12345",
                         "612-34-56-78", "+1 202 555 0143", "", "abc", "34612345678", "+34612345678\t", "+34 912.34.56.78",
                         "+999 1234567", "++34612345678", "6123456789", "712345678", "+34\u{00A0}612345678"]
    static let dates = ["01/02/1980", "1/2/80", "1980-02-01", "31/02/1975", "29/02/2000", "01-02-1980", "01.02.1980",
                        "1980/02/01", "+980-01-01", "1899-12-31", "", "2024-13-01", "01/02/19800", " 05/06/2001 ", "1/2/1980",
                        "01/02/80", "0001-01-01", "١٩٨٠-٠٢-٠١", "2000-1-01"]
    static let relationships = ["TITULAR", "conyuge", "Cónyuge", "HIJO", "hija ", "OTRO", "PRIMO", "", "tit ular"]
    static let periods = ["1M", "1a", "1 AÑO", "1 año", "1 ANO", "ANUAL", "mes", "MONTHLY", "2A", "", "Año", "1-m"]

    /// A document number: valid DNI or NIE in several spellings, or a wrong one.
    static func document(using rng: inout SeededGenerator) -> String {
        let n = Int.random(in: 0..<100_000_000, using: &rng)
        let letters = Array("TRWAGMYFPDXBNJZSQVHLCKE")
        let dni = String(format: "%08d", n) + String(letters[n % 23])
        let nieNumber = n % 10_000_000
        let prefix = Int.random(in: 0..<3, using: &rng)
        let nie = ["X", "Y", "Z"][prefix] + String(format: "%07d", nieNumber) + String(letters[(prefix * 10_000_000 + nieNumber) % 23])
        switch Int.random(in: 0..<14, using: &rng) {
        case 0: return dni.lowercased()
        case 1: return String(dni.prefix(2)) + "." + String(dni.dropFirst(2).prefix(3)) + "." + String(dni.dropFirst(5).prefix(3)) + "-" + String(dni.suffix(1))
        case 2: return String(dni.dropLast()) + String(letters[(n + 1) % 23])
        case 3, 4: return nie
        case 5: return String(nie.dropLast())
        case 6: return String(Int(dni.dropLast()) ?? 0) + String(dni.suffix(1))
        case 7: return " \(dni) "
        case 8: return String(dni.dropLast())
        case 9: return ["ABC", "Ñ1234567", "", "-", "X123", "12345678ZZ", "1/2 3"][n % 7]
        case 10: return nie.lowercased()
        default: return dni
        }
    }

    /// A users file (the 15 columns of layouts/users.json).
    static func users(rows: Int, using rng: inout SeededGenerator) -> [UInt8] {
        let header = ["Acción", "Colectivo", "Tipo documento", "Nº Documento", "Nombre", "Apellidos", "Email", "Teléfono",
                      "Fecha nacimiento", "Relación", "Documento titular", "Fecha inicio", "Fecha fin", "Fecha baja", "Periodo"]
        var lines = [header]
        for _ in 0..<rows {
            lines.append([pick(actions, &rng), pick(collectives, &rng), pick(documentTypes, &rng), document(using: &rng),
                          pick(names, &rng), pick(names, &rng), pick(emails, &rng), pick(phones, &rng), pick(dates, &rng),
                          pick(relationships, &rng), document(using: &rng), pick(dates, &rng), pick(dates, &rng),
                          pick(dates, &rng), pick(periods, &rng)])
        }
        return encode(lines, using: &rng)
    }

    /// The layout of ``kitchenSink(rows:using:)``: one field of every type and format.
    static func kitchenSinkLayout(encoding: String) -> String {
        """
        { "name": "sink", "kind": "users",
          "format": { "type": "delimited", "delimiter": ";", "quote": "\\"", "encoding": "\(encoding)", "headerRow": 1 },
          "action": { "field": "action", "default": "ALTA" },
          "errorPolicy": "reject-row", "unknownColumns": "report",
          "schema": { "missingValues": ["", "-", "N/A", "\\u212A"], "decimalChar": ",", "groupChar": ".",
            "fields": [
              { "name": "action", "type": "string" },
              { "name": "code", "type": "string", "constraints": { "pattern": "[A-Z0-9_-]+", "minLength": 2, "maxLength": 6, "unique": true } },
              { "name": "count", "type": "integer", "constraints": { "minimum": "0", "maximum": "100" } },
              { "name": "amount", "type": "number", "constraints": { "minimum": "-5" } },
              { "name": "active", "type": "boolean", "trueValues": ["sí", "si", "yes"], "falseValues": ["no", "Ño"] },
              { "name": "dni", "type": "string", "format": "es-dni" },
              { "name": "nie", "type": "string", "format": "es-nie" },
              { "name": "nif", "type": "string", "format": "es-nif" },
              { "name": "cif", "type": "string", "format": "es-cif" },
              { "name": "iban", "type": "string", "format": "iban" },
              { "name": "bic", "type": "string", "format": "bic" },
              { "name": "email", "type": "string", "format": "email", "constraints": { "unique": true } },
              { "name": "phone", "type": "string", "format": "phone" },
              { "name": "country", "type": "string", "format": "country" },
              { "name": "currency", "type": "string", "format": "currency" },
              { "name": "short", "type": "date", "format": "%d/%m/%y", "constraints": { "maximum": "2030-12-31" } },
              { "name": "iso", "type": "date" },
              { "name": "kind", "type": "string", "constraints": { "enum": ["Ñu", "Año", "ok", "K"], "maxLength": 3 } },
              { "name": "text", "type": "string", "constraints": { "minLength": 2, "maxLength": 4 } }
            ] } }
        """
    }

    /// A file for ``kitchenSinkLayout(encoding:)``.
    static func kitchenSink(rows: Int, using rng: inout SeededGenerator) -> [UInt8] {
        let codes = ["AB", "A", "ABCDEFG", "ab", "A-1", "A B", "Ä1", "C_9", "", "AB"]
        let numbers = ["1", "0", "-1", "+5", "101", "1.000", "1,5", "1.234,56", "12.50", "abc", "", " 7 ", "1e3", "٣"]
        let booleans = ["sí", "si", "SI", "yes", "no", "No", "Ño", "ño", "true", "", "s í"]
        let ibans = ["ES9121000418450200051332", "es91 2100 0418 4502 0005 1332", "ES0021000418450200051332", "GB82WEST12345698765432", "X"]
        let bics = ["CAIXESBBXXX", "caixesbb", "CAIXES", "ABCDXX12", "ÑAIXESBB"]
        let nifs = ["B12345674", "A58818501", "K1234567L", "L1234567L", "M1234567L", "P1234567D", "Q2826000H", "B1234567", "12345678Z", "X1234567L", "ÑB"]
        let countries = ["ES", "es", "XX", "Es ", "ÉS", ""]
        let currencies = ["EUR", "eur", "XYZ", "€", ""]
        let kinds = ["ok", "OK", "ñu", "Nu", "año", "ANO", "k", "\u{212A}", "x", ""]
        let texts = ["ab", "a", "abcde", "a\r\nb", "ñañ", "a\nb", "Kb", " ab ", "aé"]
        var lines = [["action", "code", "count", "amount", "active", "dni", "nie", "nif", "cif", "iban", "bic", "email", "phone",
                      "country", "currency", "short", "iso", "kind", "text"]]
        for _ in 0..<rows {
            lines.append([pick(actions, &rng), pick(codes, &rng), pick(numbers, &rng), pick(numbers, &rng), pick(booleans, &rng),
                          document(using: &rng), document(using: &rng), pick(nifs + [document(using: &rng)], &rng), pick(nifs, &rng),
                          pick(ibans, &rng), pick(bics, &rng), pick(emails, &rng), pick(phones, &rng), pick(countries, &rng),
                          pick(currencies, &rng), pick(dates, &rng), pick(dates, &rng), pick(kinds, &rng), pick(texts, &rng)])
        }
        return encode(lines, using: &rng)
    }

    static func pick(_ pool: [String], _ rng: inout SeededGenerator) -> String {
        pool[Int.random(in: 0..<pool.count, using: &rng)]
    }

    /// Joins and encodes rows the way spreadsheets do, with a few oddities.
    static func encode(_ rows: [[String]], using rng: inout SeededGenerator) -> [UInt8] {
        let utf8 = Bool.random(using: &rng)
        let crlf = Int.random(in: 0..<4, using: &rng) != 0
        var bytes: [UInt8] = utf8 && Bool.random(using: &rng) ? [0xEF, 0xBB, 0xBF] : []
        for row in rows {
            let line = row.map { cell in
                let quote = cell.contains(";") || cell.contains("\"") || cell.contains("\n") || Int.random(in: 0..<20, using: &rng) == 0
                return quote ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
            }.joined(separator: ";")
            bytes += utf8 ? Array(line.utf8) : TextEncoding.windows1252.encode(line)
            bytes += crlf ? [0x0D, 0x0A] : [0x0A]
            switch Int.random(in: 0..<40, using: &rng) {
            case 0: bytes += crlf ? [0x0D, 0x0A] : [0x0A]
            case 1: bytes += Array("  ;\t".utf8) + (crlf ? [0x0D, 0x0A] : [0x0A])
            default: break
            }
        }
        if Bool.random(using: &rng), let last = bytes.last, last == 0x0A { bytes.removeLast(crlf ? 2 : 1) }
        return bytes
    }
}
