import Foundation
import Testing
@testable import DealersCore

@Suite("Duration vocabulary")
struct DurationVocabularyTests {
    @Test("every spelling of the vocabulary is read, in Spanish and English, any case or accent", arguments: [
        ("1M", 1), ("12M", 12), ("6m", 6), ("1A", 12), ("2A", 24), ("1Y", 12), ("1y", 12),
        ("1 mes", 1), ("3 meses", 3), ("12 meses", 12), ("12 MESES", 12), ("1 año", 12), ("2 años", 24),
        ("1 ano", 12), ("2 anos", 24), ("1 AÑO", 12), ("un mes", 1), ("un año", 12), ("1 trimestre", 3),
        ("2 trimestres", 6), ("1 semestre", 6),
        ("mensual", 1), ("MENSUAL", 1), ("bimestral", 2), ("trimestral", 3), ("cuatrimestral", 4),
        ("semestral", 6), ("anual", 12), ("Anual", 12), ("mes", 1), ("año", 12), ("M", 1), ("A", 12),
        ("1 month", 1), ("6 months", 6), ("12 months", 12), ("1 year", 12), ("2 years", 24), ("one year", 12),
        ("monthly", 1), ("Monthly", 1), ("bimonthly", 2), ("quarterly", 3), ("1 quarter", 3),
        ("half-yearly", 6), ("Half yearly", 6), ("semiannual", 6), ("semi-annual", 6),
        ("yearly", 12), ("annual", 12), ("annually", 12), ("YEARLY", 12), ("  12 meses ", 12), ("12\u{A0}meses", 12),
    ])
    func accepted(text: String, months: Int) throws {
        #expect(ContractLength(parsing: text)?.months == months)
        #expect(try ContractLength.parse(text).get().months == months)
        #expect(DomainFormat.duration.check(text) == .success(TextNormalization.trim(text)))
    }

    @Test("what is not a duration is refused, and the error says what is expected", arguments: [
        "", "0M", "0 meses", "12", "meses", "1,5 años", "1.5 years", "12 mesess", "forever", "-1M",
        "1 M 2", "bimensual", "biannual", "99999M", "101 años", "1 semana", "2 décadas",
    ])
    func refused(text: String) {
        #expect(ContractLength(parsing: text) == nil)
        guard case .failure(let failure) = ContractLength.parse(text) else {
            Issue.record("accepted \(text)")
            return
        }
        #expect(failure.spanish.contains("12 meses") && failure.spanish.contains("1 año") && failure.spanish.contains("trimestral"))
        #expect(failure.english.contains("1 year") && failure.english.contains("quarterly"))
    }

    @Test("the stored spelling and the report's words read back as the same length")
    func roundTrip() {
        for months in [1, 2, 3, 6, 12, 18, 24, 36] {
            let length = ContractLength(months: months)
            #expect(ContractLength(parsing: length.description) == length)
            for language in Language.allCases {
                #expect(ContractLength(parsing: ReportVocabulary(language: language).period(length)) == length)
            }
        }
    }

    @Test("a users file's period and a collective's length accept the same vocabulary")
    func sameVocabularyInEveryLayout() throws {
        let catalog = try LayoutCatalog(folder: LayoutLoaderTests.layoutsFolder)
        for (layout, field) in [("users", "period"), ("collectives", "defaultLength"), ("payments", "period")] {
            let f = try #require(catalog.layout(named: layout)?.schema.fields.first { $0.name == field })
            #expect(f.domainFormat == .duration, "\(layout).\(field)")
        }
    }
}
