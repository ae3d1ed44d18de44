import Foundation
import Testing
@testable import DealersCore

@Suite("Reports: values in the report's language")
struct ReportVocabularyTests {
    /// A store with one collective and users in every status, and a payment, as of 2026-11-24.
    func fixture(language: String) throws -> ReportFixture {
        let f = try ReportFixture(language: language)
        try f.addCollective("NORTE", dealer: "ACME")
        try f.addUser("U1", collective: "NORTE", start: "2026-01-01", end: "2026-12-20",
                      history: [event("2026-01-01", "U1", .alta), event("2026-02-01", "U1", .cambioColectivo),
                                event("2026-03-01", "U1", .extension)])
        try f.addUser("U2", collective: "NORTE", start: "2026-12-01", end: "2027-11-30")
        try f.addUser("U3", collective: "NORTE", start: "2025-01-01", end: "2025-12-31")
        try f.addUser("U4", collective: "NORTE", start: "2026-01-01", end: "2026-12-01", cancelledOn: "2026-05-01")
        try f.generator().generateReports(store: f.store, kinds: [.users, .collectiveStatus, .contractHistory])
        return f
    }

    @Test("a Spanish report writes Spanish values: ACTIVO, PROGRAMADO, VENCIDO, CANCELADO, SÍ, CAMBIO DE COLECTIVO")
    func spanish() throws {
        let f = try fixture(language: "es")
        let users = try f.text("outbox/reports/users.csv")
        for status in ["ACTIVO", "PROGRAMADO", "VENCIDO", "CANCELADO"] { #expect(users.contains(";\(status)\r\n"), "\(status)") }
        for english in ["ACTIVE", "SCHEDULED", "EXPIRED", "CANCELLED"] { #expect(!users.contains(english)) }
        #expect(try f.text("outbox/reports/collective-status.csv").contains("NORTE;Colectivo NORTE;ES;ACME;SÍ;"))
        let history = try f.text("outbox/reports/contract-history.csv")
        #expect(history.contains(";ALTA;") && history.contains(";CAMBIO DE COLECTIVO;") && history.contains(";EXTENSIÓN;"))
        #expect(!history.contains("CAMBIO_COLECTIVO"))
        let peek = try XLSXPeek(f.url("outbox/reports/users.xlsx"))
        let xml = try peek.sheet1() + (try peek.part("xl/sharedStrings.xml") ?? "")
        #expect(xml.contains(">ACTIVO<") && !xml.contains(">ACTIVE<"))
    }

    @Test("an English report writes English values: ACTIVE, SCHEDULED, EXPIRED, CANCELLED, YES, COLLECTIVE CHANGE")
    func english() throws {
        let f = try fixture(language: "en")
        let users = try f.text("outbox/reports/users.csv")
        for status in ["ACTIVE", "SCHEDULED", "EXPIRED", "CANCELLED"] { #expect(users.contains(",\(status)\r\n"), "\(status)") }
        #expect(try f.text("outbox/reports/collective-status.csv").contains("NORTE,Colectivo NORTE,ES,ACME,YES,"))
        let history = try f.text("outbox/reports/contract-history.csv")
        #expect(history.contains(",ENROLMENT,") && history.contains(",COLLECTIVE CHANGE,") && history.contains(",EXTENSION,"))
    }

    @Test("payment methods and periods are named in the report's language; unknown codes stay codes")
    func methodsAndPeriods() {
        let es = ReportVocabulary(language: .es), en = ReportVocabulary(language: .en)
        #expect(es.method("CARD") == "TARJETA" && en.method("CARD") == "CARD")
        #expect(es.method("DIRECT_DEBIT") == "DOMICILIACIÓN" && en.method("DIRECT_DEBIT") == "DIRECT DEBIT")
        #expect(es.method("BIZUM") == "BIZUM")
        #expect(es.period(.year) == "1 año" && es.period(ContractLength(months: 3)) == "3 meses")
        #expect(en.period(.month) == "1 month" && en.period(ContractLength(months: 24)) == "2 years")
        #expect(es.yesNo(true) == "SÍ" && en.yesNo(false) == "NO")
        #expect(es.ledgerState(isReversal: false, isReversed: true) == "DEVUELTO" && en.notApplied == "NOT APPLIED")
        for kind in EventKind.allCases {
            #expect(!es.event(kind).contains("_") && !en.event(kind).contains("_"))
        }
    }

    @Test("contract-history notes the rules record in Spanish read in English in an English report; what follows is kept")
    func notes() {
        let es = ReportVocabulary(language: .es), en = ReportVocabulary(language: .en)
        #expect(en.note("baja del titular 12345678Z") == "cancelled with holder 12345678Z")
        #expect(en.note("baja del colectivo NORTE") == "cancelled with collective NORTE")
        #expect(en.note("reinicio 2026-01-01 → 2026-02-01") == "restarted 2026-01-01 → 2026-02-01")
        #expect(en.note("devolución de P-001") == "reversal of P-001")
        #expect(en.note("NORTE → SUR") == "NORTE → SUR" && en.note(nil) == nil)
        #expect(es.note("baja del titular 12345678Z") == "baja del titular 12345678Z")
    }
}
