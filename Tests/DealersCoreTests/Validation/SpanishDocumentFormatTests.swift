import Testing
@testable import DealersCore

@Suite("Spanish document formats")
struct SpanishDocumentFormatTests {
    @Test("valid DNIs are normalised", arguments: [
        ("12345678Z", "12345678Z"),
        ("12.345.678-z", "12345678Z"),
        (" 12345678 z ", "12345678Z"),
        ("00000000T", "00000000T"),
        ("87654321X", "87654321X"),
        ("99999999R", "99999999R"),
        ("1234567L", "01234567L"),  // leading zero dropped by a spreadsheet
        ("01234567/L", "01234567L"),
    ])
    func validDNI(value: String, expected: String) {
        #expect(passesFormat(.esDNI, value) == expected)
    }

    @Test("invalid DNIs are refused", arguments: [
        "12345678A", "12345678", "123456789Z", "X1234567L", "1234567AZ", "ABCDEFGHZ", "12345678Ñ", "-", "Z",
    ])
    func invalidDNI(value: String) {
        #expect(passesFormat(.esDNI, value) == nil)
    }

    @Test("a wrong DNI letter names the right one")
    func dniMessages() {
        #expect(failsFormat(.esDNI, "12345678A") == FormatFailure(spanish: "la letra de control debería ser Z",
                                                            english: "control letter should be Z"))
        #expect(failsFormat(.esDNI, "12345678")?.english == "the control letter is missing; it should be Z")
        #expect(failsFormat(.esDNI, "")?.english == "the value is empty")
    }

    @Test("valid NIEs", arguments: [
        ("X1234567L", "X1234567L"),
        ("Y1234567X", "Y1234567X"),
        ("Z1234567R", "Z1234567R"),
        ("x-0000001-r", "X0000001R"),
        ("Y 7654321 G", "Y7654321G"),
        ("Z7654321H", "Z7654321H"),
    ])
    func validNIE(value: String, expected: String) {
        #expect(passesFormat(.esNIE, value) == expected)
    }

    @Test("invalid NIEs", arguments: [
        "X1234567A", "Y1234567L", "Z1234567X", "W1234567L", "X123456L", "X12345678L", "X1234567", "12345678Z", "X12345A7L",
    ])
    func invalidNIE(value: String) {
        #expect(passesFormat(.esNIE, value) == nil)
    }

    @Test("NIE failures say what was expected")
    func nieMessages() {
        #expect(failsFormat(.esNIE, "X1234567A")?.spanish == "la letra de control debería ser L")
        #expect(failsFormat(.esNIE, "Y1234567")?.english == "the control letter is missing; it should be X")
        #expect(failsFormat(.esNIE, "W1234567L")?.english == "a NIE starts with X, Y or Z")
    }

    @Test("es-document takes a DNI or a NIE", arguments: [
        ("12345678Z", "12345678Z"), ("X1234567L", "X1234567L"), ("y1234567x", "Y1234567X"),
    ])
    func document(value: String, expected: String) {
        #expect(passesFormat(.esDocument, value) == expected)
    }

    @Test("es-document refuses others", arguments: ["A58818501", "12345678A", "Y1234567L", "K1234567L"])
    func documentInvalid(value: String) {
        #expect(passesFormat(.esDocument, value) == nil)
    }

    @Test("valid CIFs", arguments: [
        ("A58818501", "A58818501"),
        ("B12345674", "B12345674"),
        ("b-1234567-4", "B12345674"),
        ("Q2826000H", "Q2826000H"),
        ("P0800000B", "P0800000B"),
        ("S2800000H", "S2800000H"),
        ("G12345674", "G12345674"),  // G accepts the digit ...
        ("G1234567D", "G1234567D"),  // ... or the letter
        ("N0000001H", "N0000001H"),
        ("K8000000C", "K8000000C"),
    ])
    func validCIF(value: String, expected: String) {
        #expect(passesFormat(.esCIF, value) == expected)
    }

    @Test("invalid CIFs", arguments: [
        "A58818502",   // wrong digit
        "A5881850A",   // A takes a digit
        "B1234567D",   // B takes a digit
        "Q28260008",   // Q takes a letter
        "P0800000C",   // wrong letter
        "I12345674",   // I is not an entity letter
        "12345678Z",   // a DNI
        "A5881850",    // missing control
        "A588185011",  // too long
    ])
    func invalidCIF(value: String) {
        #expect(passesFormat(.esCIF, value) == nil)
    }

    @Test("CIF failures say what was expected")
    func cifMessages() {
        #expect(failsFormat(.esCIF, "A58818502")?.english == "control digit should be 1")
        #expect(failsFormat(.esCIF, "P0800000C")?.spanish == "la letra de control debería ser B")
        #expect(failsFormat(.esCIF, "Q28260008")?.english == "a type Q CIF has a control letter; it should be H")
        #expect(failsFormat(.esCIF, "A5881850A")?.english == "a type A CIF has a control digit; it should be 1")
        #expect(failsFormat(.esCIF, "B1234567")?.english == "the control character is missing; it should be 4")
    }

    @Test("valid NIFs: DNI, NIE, CIF, K/L/M", arguments: [
        ("12345678Z", "12345678Z"),
        ("X1234567L", "X1234567L"),
        ("A58818501", "A58818501"),
        ("Q2826000H", "Q2826000H"),
        ("K1234567L", "K1234567L"),
        ("L1234567L", "L1234567L"),
        ("m-1234567-l", "M1234567L"),
        ("K8000000C", "K8000000C"),
    ])
    func validNIF(value: String, expected: String) {
        #expect(passesFormat(.esNIF, value) == expected)
    }

    @Test("invalid NIFs", arguments: [
        "12345678A", "X1234567A", "A58818502", "L1234567A", "M123456L", "I1234567L", "T1234567L", "",
    ])
    func invalidNIF(value: String) {
        #expect(passesFormat(.esNIF, value) == nil)
    }

    @Test("normalizeDocument removes separators and upper-cases")
    func normalize() {
        #expect(normalizeDocument(" 12.345.678-z ") == "12345678Z")
        #expect(normalizeDocument("j/1234 5678-9") == "J123456789")
        #expect(normalizeDocument("") == "")
    }

    @Test("the DNI letter table matches every remainder")
    func letterTable() {
        #expect(SpanishDocument.controlLetters.count == 23)
        #expect(Set(SpanishDocument.controlLetters).count == 23)
        #expect(!SpanishDocument.controlLetters.contains(UInt8(ascii: "I")))
        #expect(!SpanishDocument.controlLetters.contains(UInt8(ascii: "O")))
        #expect(!SpanishDocument.controlLetters.contains(UInt8(ascii: "U")))
    }
}

@Suite("Venezuelan RIF format")
struct RIFFormatTests {
    @Test("valid RIFs", arguments: [
        ("J-00000000-0", "J000000000"),
        ("J-00002961-0", "J000029610"),   // sum % 11 == 1 → 10 → 0
        ("J-07013380-5", "J070133805"),
        ("j070133805", "J070133805"),
        ("V-12345678-1", "V123456781"),
        ("G-20000041-4", "G200000414"),
        ("E 84512345 7", "E845123457"),
        ("P-12345678-0", "P123456780"),
    ])
    func valid(value: String, expected: String) {
        #expect(passesFormat(.veRIF, value) == expected)
    }

    @Test("invalid RIFs", arguments: [
        "J-00000000-1", "J-07013380-4", "V-12345678-2", "X-12345678-1", "J-1234567-8", "J-123456789-0", "12345678", "J-0701338A-5",
    ])
    func invalid(value: String) {
        #expect(passesFormat(.veRIF, value) == nil)
    }

    @Test("RIF failures name the check digit")
    func messages() {
        #expect(failsFormat(.veRIF, "J-07013380-4") == FormatFailure(spanish: "el dígito verificador debería ser 5",
                                                               english: "check digit should be 5"))
        #expect(failsFormat(.veRIF, "J-07013380")?.english == "the check digit is missing; it should be 5")
    }
}
