import Testing
@testable import DealersCore

@Suite("Personal data in logs")
struct PersonalDataTests {
    @Test("Documents, e-mails and phones are masked; contract numbers, dates, counts and names of files are not")
    func masks() {
        #expect(PersonalData.mask("12345678Z") == "1234****Z")
        #expect(PersonalData.mask("X1234567L") == "X123****L")
        #expect(PersonalData.mask("jose.nunez@example.es") == "j***@example.es")
        #expect(PersonalData.mask("+34612345678") == "+34*******78")
        #expect(PersonalData.mask("612345678") == "*******78")
        #expect(PersonalData.mask("row 3: 12345678Z (jose@example.es, +34612345678) in C00000001 on 2026-11-24")
                == "row 3: 1234****Z (j***@example.es, +34*******78) in C00000001 on 2026-11-24")
        #expect(PersonalData.mask("usuarios-2026-11.csv: APPLIED rows=12 applied=5") == "usuarios-2026-11.csv: APPLIED rows=12 applied=5")
    }
}
