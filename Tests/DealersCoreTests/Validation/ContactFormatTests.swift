import Testing
@testable import DealersCore

@Suite("E-mail and phone formats")
struct ContactFormatTests {
    @Test("valid e-mail addresses, domain lower-cased", arguments: [
        ("ana.garcia@example.com", "ana.garcia@example.com"),
        ("Ana.Garcia@Example.COM", "Ana.Garcia@example.com"),
        ("user+tag@sub.example.co.uk", "user+tag@sub.example.co.uk"),
        ("o'brien@example.ie", "o'brien@example.ie"),
        ("x@a-b.es", "x@a-b.es"),
        ("  juan@correo.es ", "juan@correo.es"),
        ("1234@123.example.com", "1234@123.example.com"),
        ("a_b-c!#$%&*/=?^`{|}~@example.org", "a_b-c!#$%&*/=?^`{|}~@example.org"),
        (String(repeating: "a", count: 64) + "@example.com", String(repeating: "a", count: 64) + "@example.com"),
    ])
    func validEmail(value: String, expected: String) {
        #expect(passesFormat(.email, value) == expected)
    }

    @Test("invalid e-mail addresses", arguments: [
        "plainaddress", "@example.com", "ana@", "ana@example", "ana@@example.com", "ana@b@example.com",
        "ana garcia@example.com", "ana..garcia@example.com", ".ana@example.com", "ana.@example.com",
        "ana@-example.com", "ana@example-.com", "ana@example..com", "ana@.example.com", "ana@example.c",
        "ana@example.123", "ana@exa_mple.com", "josé@example.com", "ana@[192.168.0.1]", "\"ana\"@example.com",
        "ana(comment)@example.com",
        String(repeating: "a", count: 65) + "@example.com",
        "ana@" + String(repeating: "b", count: 64) + ".com",
        String(repeating: "a", count: 64) + "@" + Array(repeating: String(repeating: "b", count: 63), count: 3)
            .joined(separator: ".") + ".com",  // 260 characters
    ])
    func invalidEmail(value: String) {
        #expect(passesFormat(.email, value) == nil)
    }

    @Test("e-mail failures say what was expected")
    func emailMessages() {
        #expect(failsFormat(.email, "ana@example")?.english == "the domain needs a dot (e.g. example.com)")
        #expect(failsFormat(.email, "ana garcia@example.com")?.spanish == "una dirección de correo no tiene espacios")
        #expect(failsFormat(.email, String(repeating: "a", count: 65) + "@example.com")?.english ==
                "the part before @ has 1 to 64 characters, found 65")
    }

    @Test("valid phones in E.164", arguments: [
        ("612 34 56 78", "ES", "+34612345678"),
        ("612345678", "es", "+34612345678"),
        ("+34 612 345 678", nil, "+34612345678"),
        ("0034612345678", nil, "+34612345678"),
        ("0034 612 345 678", "ES", "+34612345678"),
        ("34612345678", "ES", "+34612345678"),
        ("+34612345678", "ES", "+34612345678"),
        ("91 234 56 78", "ES", "+34912345678"),
        ("(+34) 91-234-56-78", nil, "+34912345678"),
        ("+44 (0)20 7946 0958", nil, "+442079460958"),
        ("020 7946 0958", "GB", "+442079460958"),
        ("07700 900123", "GB", "+447700900123"),
        ("(212) 555-1234", "US", "+12125551234"),
        ("1-212-555-1234", "US", "+12125551234"),
        ("+1 416 555 0199", nil, "+14165550199"),
        ("+1 809 555 1234", nil, "+18095551234"),
        ("809-555-1234", "DO", "+18095551234"),
        ("0412-1234567", "VE", "+584121234567"),
        ("+58 412 1234567", nil, "+584121234567"),
        ("55 1234 5678", "MX", "+525512345678"),
        ("300 1234567", "CO", "+573001234567"),
        ("+351 912 345 678", nil, "+351912345678"),
        ("06 12 34 56 78", "FR", "+33612345678"),
        ("+49 30 1234567", nil, "+49301234567"),
        ("+39 06 1234 5678", nil, "+390612345678"),
        ("+55 11 91234-5678", nil, "+5511912345678"),
        ("+54 9 11 1234-5678", nil, "+5491112345678"),
        ("+56 9 1234 5678", nil, "+56912345678"),
        ("+51 912 345 678", nil, "+51912345678"),
        ("+593 99 123 4567", nil, "+593991234567"),
        ("+507 6123-4567", nil, "+50761234567"),
        ("099 123 456", "UY", "+59899123456"),
        ("+595 981 123456", nil, "+595981123456"),
        ("+591 71234567", nil, "+59171234567"),
        ("+506 8312 3456", nil, "+50683123456"),
        ("+502 5123 4567", nil, "+50251234567"),
        ("+353 87 123 4567", nil, "+353871234567"),
        ("+31 6 12345678", nil, "+31612345678"),
        ("+32 470 12 34 56", nil, "+32470123456"),
        ("+81 3 1234 5678", nil, "+81312345678"),  // known code without a national plan
    ] as [(String, String?, String)])
    func validPhone(value: String, country: String?, expected: String) {
        #expect(passesFormat(.phone, value, country: country) == expected)
    }

    @Test("invalid phones", arguments: [
        ("612345678", nil),           // national without a default country
        ("512345678", "ES"),          // Spanish numbers start with 6, 7, 8 or 9
        ("61234567", "ES"),
        ("6123456789", "ES"),
        ("+34 512 345 678", nil),
        ("+34 61234567", "ES"),
        ("+999 1234 5678", nil),      // unknown calling code
        ("+1234567", nil),            // 7 digits
        ("+1234567890123456", nil),   // 16 digits
        ("612-ABC-678", "ES"),
        ("+34 6+12345678", nil),
        ("+1 123 555 1234", nil),     // NANP numbers do not start with 1
        ("612345678", "ZZ"),          // no national rules
        ("612345678", ""),            // an empty default country is no default country
        ("+58 0412 1234567", nil),    // trunk 0 kept in international form
        ("123", "ES"),
        ("+", nil),
    ] as [(String, String?)])
    func invalidPhone(value: String, country: String?) {
        #expect(passesFormat(.phone, value, country: country) == nil)
    }

    @Test("phone failures say what was expected")
    func phoneMessages() {
        #expect(failsFormat(.phone, "61234567", country: "ES") ==
                FormatFailure(spanish: "un número de ES tiene 9 dígitos, tiene 8",
                              english: "an ES number has 9 digits, found 8"))
        #expect(failsFormat(.phone, "512345678", country: "ES")?.english == "an ES number starts with 6, 7, 8 or 9")
        #expect(failsFormat(.phone, "+99912345678")?.english == "unknown country calling code: +999")
        #expect(failsFormat(.phone, "612345678")?.english ==
                "the international prefix is missing: expected +, country code and number (E.164)")
    }

    @Test("calling codes are prefix-free and cover every national plan")
    func callingCodes() {
        for code in knownCallingCodes {
            for length in 1..<code.count {
                #expect(!knownCallingCodes.contains(String(code.prefix(length))), "\(code)")
            }
        }
        let required = ["ES", "PT", "FR", "DE", "IT", "GB", "IE", "NL", "BE", "US", "CA", "MX", "CO", "VE", "AR",
                        "CL", "PE", "EC", "BR", "DO", "PA", "UY", "PY", "BO", "CR", "GT"]
        for country in required {
            #expect(PhoneNumber.plansByCountry[country] != nil, "\(country)")
        }
        for plan in nationalNumberPlans {
            #expect(knownCallingCodes.contains(plan.callingCode), "\(plan.country)")
            #expect(isCountryCode(plan.country), "\(plan.country)")
            #expect(plan.callingCode.count + plan.lengths.upperBound <= 15, "\(plan.country)")
        }
    }
}
