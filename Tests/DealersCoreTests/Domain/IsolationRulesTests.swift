import Foundation
import Testing
@testable import DealersCore

/// A reference to another dealer's data answers exactly as a reference to nothing.
@Suite("Isolation rules: another dealer's data is, to a dealer, data that does not exist")
struct IsolationRulesTests {
    let acme = context("2026-06-15", dealer: "ACME")

    /// ACME owns NORTE (user 11111111H, contract C1); IBERIA owns PYME (holder 12345678Z with
    /// contract C2, paid by P1).
    func fixture() throws -> InMemoryPayments {
        let s = InMemoryPayments()
        s.addCollective("NORTE", dealer: "ACME")
        s.addCollective("PYME", dealer: "IBERIA")
        let op = context("2026-01-01")
        #expect(try UserRules.apply(alta("11111111H", "NORTE", start: "2026-01-01", end: "2026-12-31"), to: s, context: op) == nil)
        #expect(try UserRules.apply(alta("12345678Z", "PYME", start: "2026-01-01", end: "2026-12-31"), to: s, context: op) == nil)
        #expect(try PaymentRules.apply(pay("P1", 10, contract: "C2"), to: s, context: op) == nil)
        return s
    }

    /// What the dealer is shown: the message, with the value the row itself gave blanked out.
    func shown(_ v: RuleViolation?, echo: String) -> String {
        guard let v else { return "applied" }
        let message = Messages.message(v.code, field: v.field, value: v.value, detail: v.detail.in(.es), language: .es)
        return "\(v.code.rawValue);\(v.field);\(message.replacingOccurrences(of: echo, with: "…"))"
    }

    func user(_ action: Action, _ document: String) -> UserCommand {
        var c = UserCommand(action: action, document: document)
        c.period = .month
        c.firstName = "Otro"
        return c
    }

    @Test("BAJA, EXTENSIÓN and MODIFICACIÓN of another dealer's user are UNKNOWN_USER, with the conflict for the operator",
          arguments: [Action.baja, .extension, .modificacion])
    func otherDealersUser(action: Action) throws {
        let s = try fixture()
        let foreign = try UserRules.apply(user(action, "12345678Z"), to: s, context: acme)
        let missing = try UserRules.apply(user(action, "87654321X"), to: s, context: acme)
        #expect(shown(foreign, echo: "12345678Z") == shown(missing, echo: "87654321X"))
        #expect(foreign?.code == .unknownUser)
        #expect(foreign?.conflict == CrossDealerConflict(kind: .user, owner: "IBERIA", ownerCollective: "PYME", document: "12345678Z"))
        #expect(missing?.conflict == nil)
        #expect(s.users["12345678Z"]?.contracts.last?.end == date("2027-01-31"))
    }

    @Test("an ALTA of another dealer's user runs every check of a new user, then is IDENTIFIER_UNAVAILABLE")
    func altaOfOtherDealersUser() throws {
        let s = try fixture()
        var unnamed = alta("12345678Z", "NORTE")
        unnamed.firstName = nil
        var unnamedNew = alta("87654321X", "NORTE")
        unnamedNew.firstName = nil
        #expect(shown(try UserRules.apply(unnamed, to: s, context: acme), echo: "12345678Z")
            == shown(try UserRules.apply(unnamedNew, to: s, context: acme), echo: "87654321X"))
        let refused = try UserRules.apply(alta("12345678Z", "NORTE"), to: s, context: acme)
        #expect(refused?.code == .identifierUnavailable)
        #expect(refused?.conflict?.owner == "IBERIA" && refused?.conflict?.ownerCollective == "PYME")
        #expect(s.users["12345678Z"]?.collective == "PYME")
        #expect(!shown(refused, echo: "12345678Z").contains("PYME") && !shown(refused, echo: "12345678Z").contains("IBERIA"))
    }

    @Test("another dealer's holder is HOLDER_NOT_FOUND, never HOLDER_IN_OTHER_COLLECTIVE naming its collective")
    func otherDealersHolder() throws {
        let s = try fixture()
        let foreign = try UserRules.apply(alta("23456789D", "NORTE", relationship: .conyuge, holder: "12345678Z"), to: s, context: acme)
        let missing = try UserRules.apply(alta("23456789D", "NORTE", relationship: .conyuge, holder: "87654321X"), to: s, context: acme)
        #expect(shown(foreign, echo: "12345678Z") == shown(missing, echo: "87654321X"))
        #expect(foreign?.code == .holderNotFound && foreign?.conflict?.kind == .holder)
    }

    @Test("another dealer's collective is UNKNOWN_COLLECTIVE in a users row and in a collectives row")
    func otherDealersCollective() throws {
        let s = try fixture()
        #expect(shown(try UserRules.apply(alta("87654321X", "PYME"), to: s, context: acme), echo: "PYME")
            == shown(try UserRules.apply(alta("87654321X", "NADA"), to: s, context: acme), echo: "NADA"))
        for action in [Action.modificacion, .baja] {
            var change = CollectiveCommand(action: action, code: "PYME")
            change.name = "Mía"
            var missing = change
            missing.code = "NADA"
            let foreign = try CollectiveRules.apply(change, to: s, context: acme)
            #expect(shown(foreign, echo: "PYME") == shown(try CollectiveRules.apply(missing, to: s, context: acme), echo: "NADA"))
            #expect(foreign?.code == .unknownCollective && foreign?.conflict?.owner == "IBERIA")
        }
        #expect(s.collectives["PYME"]?.name == "PYME" && s.collectives["PYME"]?.active == true)
    }

    @Test("a payment to another dealer's contract or user is UNKNOWN_REFERENCE, as to none")
    func otherDealersContract() throws {
        let s = try fixture()
        #expect(shown(try PaymentRules.apply(pay("X1", 10, contract: "C2"), to: s, context: acme), echo: "C2")
            == shown(try PaymentRules.apply(pay("X1", 10, contract: "C9"), to: s, context: acme), echo: "C9"))
        let byDocument = try PaymentRules.apply(pay("X1", 10, contract: nil, document: "12345678Z"), to: s, context: acme)
        #expect(shown(byDocument, echo: "12345678Z")
            == shown(try PaymentRules.apply(pay("X1", 10, contract: nil, document: "87654321X"), to: s, context: acme), echo: "87654321X"))
        #expect(byDocument?.conflict?.kind == .user)
        #expect(s.ledger.count == 1)
    }

    @Test("a dealer's reversal is REVERSAL_NEEDS_MASTER before any check: another dealer's payment answers as a missing one")
    func otherDealersPayment() throws {
        let s = try fixture()
        let foreign = try PaymentRules.apply(reversal("R1", of: "P1", 99), to: s, context: acme)
        #expect(shown(foreign, echo: "P1") == shown(try PaymentRules.apply(reversal("R1", of: "P9", 99), to: s, context: acme), echo: "P9"))
        #expect(foreign?.code == .reversalNeedsMaster && foreign?.conflict == nil)
        #expect(s.ledger["P1"]?.reversedBy == nil)
    }

    @Test("a new payment whose id another dealer's payment holds is checked as a new one, then IDENTIFIER_UNAVAILABLE")
    func takenPaymentId() throws {
        let s = try fixture()
        #expect(shown(try PaymentRules.apply(pay("P1", 11, contract: "C1"), to: s, context: acme), echo: "P1")
            == shown(try PaymentRules.apply(pay("P7", 11, contract: "C1"), to: s, context: acme), echo: "P7"))
        let taken = try PaymentRules.apply(pay("P1", 10, contract: "C1"), to: s, context: acme)
        #expect(taken?.code == .identifierUnavailable && taken?.conflict?.owner == "IBERIA")
        #expect(s.ledger["P1"]?.contract == "C2")
        // The operator may touch everything: the same id is a plain duplicate.
        #expect(try PaymentRules.apply(pay("P1", 10, contract: "C1"), to: s, context: context("2026-06-15"))?.code == .duplicatePayment)
    }

    @Test("a collectives ALTA of another dealer's code is checked as a new one, then IDENTIFIER_UNAVAILABLE")
    func takenCollectiveCode() throws {
        let s = try fixture()
        var taken = CollectiveCommand(action: .alta, code: "PYME")
        taken.name = "Mía"
        var missing = taken
        missing.code = "NUEVO"
        #expect(shown(try CollectiveRules.apply(taken, to: s, context: acme), echo: "PYME")
            == shown(try CollectiveRules.apply(missing, to: s, context: acme), echo: "NUEVO"))   // no country
        taken.country = "ES"
        taken.currency = "EUR"
        #expect(try CollectiveRules.apply(taken, to: s, context: acme)?.code == .identifierUnavailable)
        #expect(s.collectives["PYME"]?.dealer == "IBERIA")
    }

    @Test("DEALER_FORBIDDEN names only the dealer the row gave, declared or not", arguments: ["IBERIA", "NADIE"])
    func dealerColumn(dealer: String) throws {
        let s = try fixture()
        var create = CollectiveCommand(action: .alta, code: "NUEVO")
        create.dealer = dealer
        let v = try CollectiveRules.apply(create, to: s, context: acme)
        #expect(v?.code == .dealerForbidden && v?.field == "dealer" && v?.conflict == nil)
        #expect(shown(v, echo: dealer) == "DEALER_FORBIDDEN;dealer;«…» no es este distribuidor: desde su buzón solo se gestionan sus colectivos")
    }

    @Test("the operator's move of a user to another dealer's collective does not name the old one in the note")
    func crossDealerMoveNote() throws {
        let s = try fixture()
        var move = UserCommand(action: .modificacion, document: "11111111H")
        move.collective = "PYME"
        #expect(try UserRules.apply(move, to: s, context: context("2026-06-15")) == nil)
        #expect(s.users["11111111H"]?.history.last?.note == "→ PYME")
        s.addCollective("SUR", dealer: "IBERIA")
        move.collective = "SUR"
        #expect(try UserRules.apply(move, to: s, context: context("2026-06-16")) == nil)
        #expect(s.users["11111111H"]?.history.last?.note == "PYME → SUR")
    }
}
