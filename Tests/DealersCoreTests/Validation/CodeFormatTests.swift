import Foundation
import Testing
@testable import DealersCore

@Suite("Country and currency code formats")
struct CodeFormatTests {
    @Test("valid countries are upper-cased", arguments: [
        ("ES", "ES"), ("es", "ES"), (" mx ", "MX"), ("VE", "VE"), ("GB", "GB"), ("Us", "US"), ("AX", "AX"), ("SS", "SS"),
    ])
    func validCountry(value: String, expected: String) {
        #expect(passesFormat(.country, value) == expected)
    }

    @Test("invalid countries", arguments: ["UK", "XX", "ESP", "E1", "ZZ", "XK", "EU", "E", "ÑA"])
    func invalidCountry(value: String) {
        #expect(passesFormat(.country, value) == nil)
    }

    @Test("country failures say what was expected")
    func countryMessages() {
        #expect(failsFormat(.country, "UK")?.english == "UK is not an ISO 3166-1 code; it should be GB")
        #expect(failsFormat(.country, "ESP")?.spanish == "un código de país tiene 2 letras (ISO 3166-1 alfa-2)")
    }

    @Test("the ISO 3166-1 table has the 249 assigned codes")
    func countryTable() {
        #expect(iso3166Alpha2.count == 249)
        #expect(iso3166Alpha2.allSatisfy { $0.count == 2 && $0.allSatisfy { $0.isASCII && $0.isUppercase } })
        #expect(isCountryCode("ES") && isCountryCode("es") && !isCountryCode("UK") && !isCountryCode(""))
    }

    @Test("valid currencies are upper-cased", arguments: [
        ("EUR", "EUR"), ("eur", "EUR"), ("USD", "USD"), ("VES", "VES"), ("MXN", "MXN"), ("COP", "COP"), ("JPY", "JPY"),
        ("CLF", "CLF"), (" ars ", "ARS"), ("DOP", "DOP"),
    ])
    func validCurrency(value: String, expected: String) {
        #expect(passesFormat(.currency, value) == expected)
    }

    @Test("invalid currencies", arguments: ["VEF", "XXX", "XAU", "EURO", "EU", "E1R", "HRK", "ABC", "ESP"])
    func invalidCurrency(value: String) {
        #expect(passesFormat(.currency, value) == nil)
    }

    @Test("currency failures say what was expected")
    func currencyMessages() {
        #expect(failsFormat(.currency, "VEF") == FormatFailure(spanish: "VEF ya no está en vigor; debería ser VES",
                                                         english: "VEF is no longer in use; it should be VES"))
        #expect(failsFormat(.currency, "ABC")?.english == "unknown currency code: ABC (ISO 4217)")
    }

    @Test("minor units", arguments: [
        ("EUR", 2), ("JPY", 0), ("BHD", 3), ("KWD", 3), ("CLF", 4), ("UYW", 4), ("CLP", 0), ("PYG", 0), ("eur", 2),
        ("XXX", nil), ("ABC", nil), ("", nil),
    ] as [(String, Int?)])
    func minorUnits(code: String, expected: Int?) {
        #expect(currencyMinorUnits(code) == expected)
    }

    @Test("the ISO 4217 table is well formed")
    func currencyTable() {
        #expect(iso4217MinorUnits.count >= 150)
        for (code, digits) in iso4217MinorUnits {
            #expect(code.count == 3 && code.allSatisfy { $0.isASCII && $0.isUppercase }, "\(code)")
            #expect((0...4).contains(digits), "\(code)")
        }
        for (retired, successor) in retiredCurrencyCodes {
            #expect(iso4217MinorUnits[retired] == nil, "\(retired)")
            #expect(iso4217MinorUnits[successor] != nil, "\(successor)")
        }
    }
}

@Suite("DomainFormat")
struct DomainFormatTests {
    @Test("every format refuses an empty value", arguments: DomainFormat.allCases)
    func empty(format: DomainFormat) {
        #expect(failsFormat(format, "   ") == FormatFailure(spanish: "el valor está vacío", english: "the value is empty"))
    }

    @Test("raw values are the layout names and round-trip through JSON")
    func codable() throws {
        #expect(DomainFormat.allCases.map(\.rawValue) == [
            "es-dni", "es-nie", "es-document", "es-cif", "es-nif", "ve-rif", "iban", "bic", "email", "phone",
            "country", "currency", "duration",
        ])
        let data = try JSONEncoder().encode(DomainFormat.allCases)
        #expect(try JSONDecoder().decode([DomainFormat].self, from: data) == DomainFormat.allCases)
        #expect(DomainFormat(rawValue: "es-dni") == .esDNI)
    }

    @Test("the default context reads E.164 only")
    func defaultContext() {
        #expect(FormatContext().defaultCountry == nil)
        #expect(DomainFormat.phone.check("612345678") != DomainFormat.phone.check("612345678", context: FormatContext(defaultCountry: "ES")))
    }
}
