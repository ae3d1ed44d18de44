import Foundation
import Testing
@testable import DealersCore

@Suite("Collective rules")
struct CollectiveRulesTests {
    func create(_ code: String, dealer: String? = nil) -> CollectiveCommand {
        var c = CollectiveCommand(action: .alta, code: code)
        c.name = "Nombre \(code)"
        c.country = "ES"
        c.currency = "EUR"
        c.monthlyPrice = Decimal(string: "9.90")
        c.dealer = dealer
        return c
    }

    @Test("ALTA creates a collective once; a second ALTA is COLLECTIVE_EXISTS")
    func alta() throws {
        let state = InMemoryState()
        #expect(try CollectiveRules.apply(create("NORTE"), to: state, context: context()) == nil)
        #expect(state.collectives["NORTE"]?.plan.monthlyPrice == Decimal(string: "9.90"))
        #expect(state.collectives["NORTE"]?.plan.defaultLength == .year)
        #expect(try CollectiveRules.apply(create("NORTE"), to: state, context: context())?.code == .collectiveExists)
    }

    @Test("a dealer creates collectives for itself only and cannot change another dealer's")
    func dealerIsolation() throws {
        let state = InMemoryState()
        #expect(try CollectiveRules.apply(create("NORTE"), to: state, context: context(dealer: "ACME")) == nil)
        #expect(state.collectives["NORTE"]?.dealer == "ACME")
        #expect(try CollectiveRules.apply(create("SUR", dealer: "IBERIA"), to: state, context: context(dealer: "ACME"))?.code == .dealerForbidden)
        var change = CollectiveCommand(action: .modificacion, code: "NORTE")
        change.name = "Otro"
        #expect(try CollectiveRules.apply(change, to: state, context: context(dealer: "IBERIA"))?.code == .unknownCollective)
        #expect(state.collectives["NORTE"]?.name == "Nombre NORTE")
    }

    @Test("MODIFICACIÓN changes only the given values; an unknown code is UNKNOWN_COLLECTIVE")
    func modification() throws {
        let state = InMemoryState()
        _ = try CollectiveRules.apply(create("NORTE"), to: state, context: context())
        var change = CollectiveCommand(action: .modificacion, code: "NORTE")
        change.annualPrice = 99
        #expect(try CollectiveRules.apply(change, to: state, context: context("2026-12-01")) == nil)
        let c = try #require(state.collectives["NORTE"])
        #expect(c.plan.annualPrice == 99 && c.plan.monthlyPrice == Decimal(string: "9.90") && c.name == "Nombre NORTE")
        #expect(c.updatedOn == date("2026-12-01"))
        #expect(try CollectiveRules.apply(CollectiveCommand(action: .modificacion, code: "SUR"), to: state, context: context())?.code == .unknownCollective)
    }
}
