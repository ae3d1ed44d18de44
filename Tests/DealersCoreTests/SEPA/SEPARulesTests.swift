import Foundation
import Testing
@testable import DealersCore

@Suite("SEPA rules")
struct SEPARulesTests {
    func date(_ iso: String) throws -> CivilDate { try #require(CivilDate(iso: iso)) }

    @Test("creditor identifiers: the check skips the business code (ISO 7064 mod 97-10 over national id + country + 00)",
          arguments: ["ES11000B12345674", "es11 ZZZ B12345674", "DE98ZZZ09999999999"])
    func validCreditorIdentifiers(_ id: String) {
        #expect(throws: Never.self) { try SEPA.checkCreditorIdentifier(id).get() }
    }

    @Test("a wrong check digit says which it should be; a bad shape is refused")
    func invalidCreditorIdentifiers() {
        guard case .failure(let f) = SEPA.checkCreditorIdentifier("ES12000B12345674") else { Issue.record("accepted"); return }
        #expect(f.english.contains("should be 11"))
        for bad in ["", "ES1", "1211000B12345674", "ESAB000B12345674", "ES11000B1234567$"] {
            #expect((try? SEPA.checkCreditorIdentifier(bad).get()) == nil, "\(bad)")
        }
    }

    @Test("SEPA countries and BIC/IBAN country pairs")
    func countries() {
        #expect(SEPA.isSEPACountry("ES") && SEPA.isSEPACountry("CH") && SEPA.isSEPACountry("GB") && !SEPA.isSEPACountry("TR"))
        #expect(SEPA.bicMatches(iban: "ES9121000418450200051332", bic: "CAIXESBBXXX"))
        #expect(!SEPA.bicMatches(iban: "ES9121000418450200051332", bic: "DEUTDEFFXXX"))
        #expect(SEPA.bicMatches(iban: "MC5811222000010123456789030", bic: "BNPAFRPPXXX"))
        #expect(SEPA.isIdentifier("LUC-2025/1") && !SEPA.isIdentifier("/A") && !SEPA.isIdentifier(String(repeating: "A", count: 36)))
    }

    @Test("TARGET calendar: weekends, 1 Jan, Good Friday, Easter Monday, 1 May, 25 and 26 Dec are closed")
    func target() throws {
        #expect(TargetCalendar.easterSunday(2027) == CivilDate(iso: "2027-03-28"))
        #expect(TargetCalendar.easterSunday(2026) == CivilDate(iso: "2026-04-05"))
        for closed in ["2027-01-01", "2027-03-26", "2027-03-29", "2027-05-01", "2026-12-25", "2026-12-26", "2026-12-27", "2026-12-05"] {
            #expect(try !TargetCalendar.isBusinessDay(date(closed)), "\(closed)")
        }
        for open in ["2026-12-01", "2026-12-31", "2027-03-25", "2027-03-30", "2026-12-24"] {
            #expect(try TargetCalendar.isBusinessDay(date(open)), "\(open)")
        }
        #expect(try TargetCalendar.previousBusinessDay(onOrBefore: date("2027-01-01")) == CivilDate(iso: "2026-12-31"))
        #expect(try TargetCalendar.previousBusinessDay(onOrBefore: date("2027-03-29")) == CivilDate(iso: "2027-03-25"))
        // A late run (the Sunday the period ends) asks for the next business day, never a past one.
        #expect(try CollectionPlanner.dueDate(end: date("2026-12-06"), asOf: date("2026-12-06")) == CivilDate(iso: "2026-12-07"))
        #expect(try CollectionPlanner.dueDate(end: date("2026-12-06"), asOf: date("2026-12-02")) == CivilDate(iso: "2026-12-04"))
    }

    func user(_ document: String, start: String, end: String, mandate: Mandate?, holder: String? = nil,
              kind: EventKind = .alta) throws -> User {
        let contract = Contract(number: "C0000000\(document.prefix(1))", start: try date(start), end: try date(end), collective: "NORTE")
        let event = ContractEvent(date: try date(start), document: document, collective: "NORTE", kind: kind,
                                  contract: contract.number, endBefore: nil, endAfter: contract.end, sourceFile: "u.csv")
        return User(document: document, firstName: "Ana", lastName: "Peña", relationship: holder == nil ? .titular : .hijo,
                    holder: holder, dependants: [], collective: "NORTE", contracts: [contract], history: [event],
                    createdOn: try date(start), updatedOn: try date(start), mandate: mandate)
    }

    func collective(method: String? = "DIRECT_DEBIT") throws -> Collective {
        Collective(code: "NORTE", name: "Norte", country: "ES", dealer: "ACME",
                   plan: Plan(monthlyPrice: Decimal(string: "9.90"), annualPrice: Decimal(string: "99"), currency: "EUR", defaultLength: .month),
                   active: true, createdOn: try date("2026-01-01"), updatedOn: try date("2026-01-01"), paymentMethod: method)
    }

    @Test("the planner: lead days, direct-debit collectives only, a holder's mandate, FRST then RCUR, an amendment, the period's price")
    func planner() throws {
        let mandate = Mandate(reference: "MDT-1", iban: "ES1221000418461234567890", signedOn: try date("2026-10-01"))
        let planner = CollectionPlanner(asOf: try date("2026-11-28"), leadDays: 5)
        let ana = try user("1", start: "2026-11-01", end: "2026-12-01", mandate: mandate)
        let c = try #require(try planner.plan(user: ana, collective: collective(), holder: nil, use: nil, exists: { _ in false }, file: "f"))
        #expect(c.sequence == .first && c.amount == Decimal(string: "9.90") && c.period == .month && c.originalIBAN == nil)
        #expect(c.id == "SDD-C00000001-20261201" && c.dueDate == CivilDate(iso: "2026-12-01") && c.debtorName == "Ana Peña")
        #expect(try planner.plan(user: ana, collective: collective(method: nil), holder: nil, use: nil, exists: { _ in false }, file: "f") == nil)
        #expect(try planner.plan(user: ana, collective: collective(), holder: nil, use: nil, exists: { _ in true }, file: "f") == nil)
        let far = try user("1", start: "2026-11-10", end: "2026-12-10", mandate: mandate)
        #expect(try planner.plan(user: far, collective: collective(), holder: nil, use: nil, exists: { _ in false }, file: "f") == nil)
        let child = try user("2", start: "2026-11-01", end: "2026-12-01", mandate: nil, holder: "1")
        #expect(try planner.plan(user: child, collective: collective(), holder: ana, use: nil, exists: { _ in false }, file: "f")?.payer == "1")
        #expect(try planner.plan(user: child, collective: collective(), holder: nil, use: nil, exists: { _ in false }, file: "f") == nil)
        let used = MandateUse(reference: "MDT-1", collections: 1, lastIBAN: mandate.iban, lastDueDate: try date("2026-11-01"))
        #expect(try planner.plan(user: ana, collective: collective(), holder: nil, use: used, exists: { _ in false }, file: "f")?.sequence == .recurrent)
        var moved = used
        moved.lastIBAN = "ES0921000418405555555555"
        let amended = try planner.plan(user: ana, collective: collective(), holder: nil, use: moved, exists: { _ in false }, file: "f")
        #expect(amended?.sequence == .recurrent && amended?.originalIBAN == "ES0921000418405555555555")
        var renewed = used
        renewed.reference = "MDT-0"
        #expect(try planner.plan(user: ana, collective: collective(), holder: nil, use: renewed, exists: { _ in false }, file: "f")?.sequence == .first)
        let yearly = try user("1", start: "2025-12-01", end: "2026-12-01", mandate: mandate)
        #expect(try planner.plan(user: yearly, collective: collective(), holder: nil, use: nil, exists: { _ in false }, file: "f")?.amount == 99)
    }

    @Test("pain.008 blocks: one per sequence type and due date; sums exact at both levels")
    func writerSums() throws {
        let mandate = Mandate(reference: "MDT-1", iban: "ES1221000418461234567890", signedOn: try date("2026-10-01"))
        let planner = CollectionPlanner(asOf: try date("2026-11-28"), leadDays: 5)
        var a = try #require(try planner.plan(user: try user("1", start: "2026-11-01", end: "2026-12-01", mandate: mandate),
                                              collective: collective(), holder: nil, use: nil, exists: { _ in false }, file: "f"))
        var b = a, c = a
        a.amount = Decimal(string: "0.10") ?? 0
        b.id = "B"; b.amount = Decimal(string: "0.20") ?? 0
        c.id = "C"; c.sequence = .recurrent
        let blocks = Pain008Writer.blocks([c, a, b])
        #expect(blocks.map { $0.map(\.id) } == [[a.id, "B"], ["C"]])
        let creditor = Creditor(name: "Acme Ñandú", identifier: "ES11000B12345674", iban: "ES9121000418450200051332")
        let xml = String(decoding: Pain008Writer(creditor: creditor, messageId: "M1", createdAt: "2026-11-28T10:00:00").document([a, b, c]), as: UTF8.self)
        #expect(xml.contains("<CtrlSum>10.20</CtrlSum>") && xml.contains("<CtrlSum>0.30</CtrlSum>") && xml.contains("<CtrlSum>9.90</CtrlSum>"))
        #expect(xml.contains("<Nm>Acme Nandu</Nm>") && xml.contains("<FinInstnId>\n") && xml.contains("NOTPROVIDED"))
    }

    @Test("sepa settings: every key checked, creditors only for declared dealers")
    func settings() throws {
        let ok = #"{"dealers": ["ACME"], "sepa": {"creditors": {"ACME": {"name": "Acme", "creditorId": "ES11000B12345674", "iban": "ES9121000418450200051332"}}, "leadDays": 3}}"#
        let s = try Settings.parse(data: Data(ok.utf8), file: "dealers.json")
        #expect(s.sepa.leadDays == 3 && s.sepa.creditor(for: "ACME")?.identifier == "ES11000B12345674" && s.sepa.creditor(for: nil) == nil)
        for (bad, key) in [
            (#"{"dealers": ["ACME"], "sepa": {"creditors": {"OTRO": {"name": "A", "creditorId": "ES11000B12345674", "iban": "ES9121000418450200051332"}}}}"#, "$.sepa.creditors.OTRO"),
            (#"{"sepa": {"operatorCreditor": {"name": "A", "creditorId": "ES11000B12345674", "iban": "TR330006100519786457841326"}}}"#, "$.sepa.operatorCreditor.iban"),
            (#"{"sepa": {"leadDays": 0}}"#, "$.sepa.leadDays"),
            (#"{"sepa": {"format": "pain.008.001.08"}}"#, "$.sepa.format"),
            (#"{"sepa": {"operatorCreditor": {"name": "A", "creditorId": "ES11000B12345674", "iban": "ES9121000418450200051332", "bic": "DEUTDEFFXXX"}}}"#, "$.sepa.operatorCreditor.bic"),
            (#"{"sepa": {"operatorCreditor": {"name": "A", "iban": "ES9121000418450200051332"}}}"#, "creditorId"),
            (#"{"sepa": {"debtors": {}}}"#, "debtors"),
        ] {
            #expect { try Settings.parse(data: Data(bad.utf8), file: "dealers.json") } throws: { error in
                "\(error)".contains(key)
            }
        }
    }
}
