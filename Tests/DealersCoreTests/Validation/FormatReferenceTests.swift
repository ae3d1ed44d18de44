import Foundation
import DealersTestSupport
import Testing
@testable import DealersCore

/// Each check of the library (written once, over bytes) against the String check it replaced
/// (`References/`): on right, wrong and awkward spellings of every kind of value, mutated with
/// the characters where bytes and `Character`s part ways — letters that upper-case to several
/// (ß, ﬁ), signs equal to an ASCII letter (U+212A KELVIN SIGN is `K` to `==`), white space that
/// is not ASCII, CR LF (one `Character`), combining marks and flags that join their neighbours —
/// both must give the same value or the same message, in both languages.
@Suite("Each check agrees with the String check it replaced")
struct FormatReferenceTests {
    static let awkward = ["\u{212A}", "k", "\u{037E}", "\u{1FEF}", "ß", "\u{FB01}", "ı", "ſ", "Ñ", "é", "e\u{301}", "\u{301}",
                          "\u{00A0}", "\u{2028}", "\u{3000}", "\r\n", "\r", "\n", "\t", "🇪🇸", "\u{1F1EA}", "\u{0600}", "\u{200D}",
                          "١", "(0)", "(", "+", "-", ".", "/", "@", " ", "0", "9", "X", "€", "\u{0}"]

    /// The values every check is tried on: its own pools and the other formats', each mutated.
    static let corpus: [String] = {
        var rng = SeededGenerator(seed: 28)
        var base = DifferentialFiles.emails + DifferentialFiles.phones + DifferentialFiles.dates + awkward
            + ["ES9121000418450200051332", "es91 2100 0418 4502 0005 1332", "ES0021000418450200051332", "ES9121000418450200051333",
               "GB82WEST12345698765432", "GB82 WEST 1234 5698 7654 32", "DE89370400440532013000", "XK051212012345678906",
               "CAIXESBBXXX", "caixesbb", "CAIXES", "ABCDXX12", "ÑAIXESBB", "ABCDXKAA", "ABCDÑAAA", "AB1DESAA",
               "B12345674", "A58818501", "K1234567L", "L1234567L", "M1234567L", "P1234567D", "Q2826000H", "N0032484H",
               "J-12345678-9", "j123456789", "V123456784", "G200000031", "V12345678",
               "ES", "es", "XX", "EL", "ÉS", "EUR", "eur", "XYZ", "HRK", "ßP", "ssp", "1M", "1 año", "trimestral", "12.345.678-z"]
        for _ in 0..<300 { base.append(DifferentialFiles.document(using: &rng)) }
        // K is the control letter of 21; U+212A is `K` to `==` but no letter to `asciiValue`.
        base += ["00000021K", "00000021\u{212A}", "X0000021\u{212A}", "K0000021K", "\u{212A}0000021K", "\u{212A}0000021\u{212A}",
                 "a\u{1FEF}b@x.es", "1\u{037E}2", "612\r(0)\n345678", "+34 6\r(0)\n12345678", "6\r\n12345678", "a\r\nb@x.es"]
        base += "0123456789JABCDEFGHI".flatMap { control in ["\u{212A}1234567\(control)", "K1234567\(control)", "P1234567\(control)"] }
        var corpus = base
        for value in base {
            for _ in 0..<4 { corpus.append(mutate(value, using: &rng)) }
        }
        return corpus
    }()

    /// One change: an awkward character put in, one taken out or replaced, or the case changed.
    static func mutate(_ value: String, using rng: inout SeededGenerator) -> String {
        var characters = Array(value)
        let at = Int.random(in: 0...characters.count, using: &rng)
        let awkward = Array(Self.awkward[Int.random(in: 0..<Self.awkward.count, using: &rng)])
        switch Int.random(in: 0..<4, using: &rng) {
        case 0: characters.insert(contentsOf: awkward, at: at)
        case 1 where at < characters.count: characters.replaceSubrange(at...at, with: awkward)
        case 2 where at < characters.count: characters.remove(at: at)
        default: return Bool.random(using: &rng) ? value.lowercased() : value.uppercased() + String(awkward)
        }
        // Joined as text, so that marks and flags join their neighbours as they would in a file.
        return String(characters)
    }

    @Test("every format, with and without a default country")
    func formats() {
        for format in DomainFormat.allCases {
            for country in format == .phone ? [nil, "ES", "es", " gb ", "US", "DO", "XX", "ß"] : [nil] {
                let context = FormatContext(defaultCountry: country)
                for value in Self.corpus {
                    let actual = format.check(value, context: context)
                    let expected = StringFormats.check(format, value, context: context)
                    #expect(actual == expected, "\(format) \(String(describing: country)) \(value.debugDescription)")
                }
            }
        }
    }

    @Test("documents as the statement matcher and the mappings read them (untrimmed)")
    func documents() {
        for value in Self.corpus {
            #expect(normalizeDocument(value) == stringNormalizeDocument(value), "\(value.debugDescription)")
            #expect(SpanishDocument.checkNIF(value.utf8) == StringSpanishDocument.checkNIF(value), "\(value.debugDescription)")
            #expect(IBAN.mod97(value.utf8) == StringIBAN.mod97(value), "\(value.debugDescription)")
        }
    }

    @Test("numbers in several spellings", arguments: [(".", nil), (",", "."), (".", ","), (",", "\u{00A0}"), (",", " "),
                                                       ("\u{212A}", nil), ("٫", "٬"), (",", "\r\n")] as [(Character, Character?)])
    func numbers(decimal: Character, group: Character?) {
        let numbers = ["1", "0", "-1", "+5", "101", "1.000", "1,5", "1.234,56", "12.50", "abc", "", " 7 ", "1e3", "٣", "-", "+",
                       "1.234.567", "1,234,567.5", "12,3456", ".5", "5.", "-.5", "1\u{00A0}234,5", "1 234,5", "1K5", "1\u{212A}5",
                       "1٫5", "1٬234٫5", "--1", "+-1", "1-", "0001", String(repeating: "9", count: 40)]
        var rng = SeededGenerator(seed: 2_800)
        let corpus = numbers + numbers.flatMap { number in (0..<6).map { _ in Self.mutate(number, using: &rng) } }
        for value in corpus {
            #expect(DecimalParsing.parse(value, decimalChar: decimal, groupChar: group)
                    == StringDecimalParsing.parse(value, decimalChar: decimal, groupChar: group), "\(value.debugDescription)")
        }
    }

    @Test("ISO dates")
    func isoDates() {
        let dates = DifferentialFiles.dates + ["+980-01-01", "1980-+1-01", "1980-01-+1", "1980-1-+1", "-980-01-01", "1980-01-01-",
                                               "198O-01-01", "1980-01-01\r\n", "1980\r\n-01-01", "1980-0\u{301}1-01", "0000-01-01"]
        var rng = SeededGenerator(seed: 2_801)
        for value in dates + dates.flatMap({ date in (0..<8).map { _ in Self.mutate(date, using: &rng) } }) {
            #expect(CivilDate(iso: value) == StringFormats.civilDate(iso: value), "\(value.debugDescription)")
            #expect(CivilDate(iso: Substring(value)) == StringFormats.civilDate(iso: Substring(value)), "\(value.debugDescription)")
        }
    }
}
