import Testing
@testable import DealersCore

@Suite("IBAN and BIC formats")
struct BankFormatTests {
    @Test("valid IBANs are normalised", arguments: [
        ("ES9121000418450200051332", "ES9121000418450200051332"),
        ("es91 2100 0418 4502 0005 1332", "ES9121000418450200051332"),
        ("GB82WEST12345698765432", "GB82WEST12345698765432"),
        ("GB82 WEST 1234 5698 7654 32", "GB82WEST12345698765432"),
        ("DE89370400440532013000", "DE89370400440532013000"),
        ("FR1420041010050500013M02606", "FR1420041010050500013M02606"),
        ("NL91ABNA0417164300", "NL91ABNA0417164300"),
        ("BE68539007547034", "BE68539007547034"),
        ("PT50000201231234567890154", "PT50000201231234567890154"),
        ("IT60X0542811101000000123456", "IT60X0542811101000000123456"),
        ("CH9300762011623852957", "CH9300762011623852957"),
        ("NO9386011117947", "NO9386011117947"),
        ("MT84MALT011000012345MTLCAST001S", "MT84MALT011000012345MTLCAST001S"),
        ("BR1800360305000010009795493C1", "BR1800360305000010009795493C1"),
        ("DO28BAGR00000001212453611324", "DO28BAGR00000001212453611324"),
        ("CR05015202001026284066", "CR05015202001026284066"),
        ("GT82TRAJ01020000001210029690", "GT82TRAJ01020000001210029690"),
        ("SV62CENR00000000000000700025", "SV62CENR00000000000000700025"),
        ("XK051212012345678906", "XK051212012345678906"),
        ("AD1200012030200359100100", "AD1200012030200359100100"),
        ("ES6000491500051234567892", "ES6000491500051234567892"),
        ("ES0520852066616230001234", "ES0520852066616230001234"),
    ])
    func validIBAN(value: String, expected: String) {
        #expect(passesFormat(.iban, value) == expected)
    }

    @Test("invalid IBANs are refused", arguments: [
        "ES9121000418450200051331",   // wrong check (mod 97)
        "ES9221000418450200051332",   // wrong check digits
        "GB83WEST12345698765432",
        "DE89370400440532013001",
        "ES91210004184502000513",     // 22 characters
        "ES91210004184502000513322",  // 25 characters
        "US12345678901234567890",     // no IBAN in the US
        "ESAB21000418450200051332",   // letters as check digits
        "ES91-2100-0418-4502-0005-133!",
        "9121000418450200051332ES",
        "ES",
        "NL91ABNA0417164301",
        "ES2921000418460200051332",   // passes mod 97, wrong CCC control digits (46, should be 45)
        "ES42210004184502000513AB",   // passes mod 97, letters in a Spanish account
    ])
    func invalidIBAN(value: String) {
        #expect(passesFormat(.iban, value) == nil)
    }

    @Test("IBAN failures say what was expected")
    func ibanMessages() {
        #expect(failsFormat(.iban, "ES91210004184502000513") ==
                FormatFailure(spanish: "IBAN de ES debe tener 24 caracteres, tiene 22",
                              english: "an ES IBAN has 24 characters, found 22"))
        #expect(failsFormat(.iban, "GB82WEST1234569876543")?.english == "a GB IBAN has 22 characters, found 21")
        #expect(failsFormat(.iban, "ES9221000418450200051332")?.spanish ==
                "dígito de control IBAN incorrecto (mod 97); debería ser 91")
        #expect(failsFormat(.iban, "US12345678901234567890")?.english == "unknown IBAN country: US")
        #expect(IBAN.mod97("ES2921000418460200051332".utf8) == 1)
        #expect(failsFormat(.iban, "ES2921000418460200051332")?.english ==
                "wrong account (CCC) control digits; they should be 45")
        #expect(failsFormat(.iban, "ES42210004184502000513AB")?.english == "the account in an ES IBAN has 20 digits")
    }

    @Test("mod 97 is computed piecewise on long IBANs")
    func piecewise() {
        #expect(IBAN.mod97("ES9121000418450200051332".utf8) == 1)
        #expect(IBAN.mod97("LC55HEMM000100010012001200023015".utf8) == 1)
        #expect(IBAN.mod97("RU0204452560040702810412345678901".utf8) == 1)
        #expect(IBAN.mod97("ES91 2100".utf8) == nil)
    }

    @Test("the registry lengths are plausible and its countries exist")
    func registry() {
        #expect(ibanLengths["ES"] == 24)
        #expect(ibanLengths.count >= 89)
        for (country, length) in ibanLengths {
            #expect((15...34).contains(length), "\(country)")
            #expect(isCountryCode(country) || country == "XK", "\(country)")
        }
    }

    @Test("valid BICs are normalised", arguments: [
        ("DEUTDEFF", "DEUTDEFF"),
        ("DEUTDEFF500", "DEUTDEFF500"),
        ("CAIXESBBXXX", "CAIXESBBXXX"),
        ("caixesbb", "CAIXESBB"),
        ("BSCH ES MM", "BSCHESMM"),
        ("BOFAUS3N", "BOFAUS3N"),
        ("BNMXMXMM", "BNMXMXMM"),
    ])
    func validBIC(value: String, expected: String) {
        #expect(passesFormat(.bic, value) == expected)
    }

    @Test("invalid BICs are refused", arguments: [
        "DEUTDEF", "DEUTDEFF5", "CAIXESBBXX", "DEUTZZFF", "DEUTUKFF", "DEU1DEFF", "DEUTDEF!", "DEUTDEFF50@", "1234DEFF",
        "DEUTD3FF",
    ])
    func invalidBIC(value: String) {
        #expect(passesFormat(.bic, value) == nil)
    }

    @Test("BIC failures say what was expected")
    func bicMessages() {
        #expect(failsFormat(.bic, "DEUTDEF")?.english == "a BIC has 8 or 11 characters, found 7")
        #expect(failsFormat(.bic, "DEUTZZFF")?.spanish == "los caracteres 5 y 6 de un BIC deben ser un país ISO 3166-1, no ZZ")
    }
}
