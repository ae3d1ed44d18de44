import Testing
@testable import DealersCore

/// The users layout's `Vendedor`: stored on the user by ALTA, changed by MODIFICACIÓN, kept in
/// the history.
@Suite("User rules: the seller")
struct SellerRulesTests {
    @Test("ALTA stores the seller and notes it in the ALTA event; without one the user has none")
    func altaStoresSeller() throws {
        let state = InMemoryState()
        state.addCollective("NORTE")
        var cmd = alta("12345678Z", "NORTE")
        cmd.seller = "V01"
        #expect(try UserRules.apply(cmd, to: state, context: context()) == nil)
        let user = try #require(state.users["12345678Z"])
        #expect(user.seller == "V01")
        #expect(user.history.last?.note == "vendedor → V01")
        #expect(try UserRules.apply(alta("23456789D", "NORTE"), to: state, context: context()) == nil)
        #expect(state.users["23456789D"]?.seller == nil)
        #expect(state.users["23456789D"]?.history.last?.note == nil)
    }

    @Test("MODIFICACIÓN changes the seller with a note; an empty cell keeps it; the same seller records nothing")
    func modifyChangesSeller() throws {
        let state = InMemoryState()
        state.addCollective("NORTE")
        state.addCollective("SUR")
        var cmd = alta("12345678Z", "NORTE")
        cmd.seller = "V01"
        _ = try UserRules.apply(cmd, to: state, context: context())
        var same = UserCommand(action: .modificacion, document: "12345678Z")
        same.seller = "V01"
        #expect(try UserRules.apply(same, to: state, context: context()) == nil)
        #expect(state.users["12345678Z"]?.history.count == 1)
        var change = UserCommand(action: .modificacion, document: "12345678Z")
        change.seller = "V02"
        #expect(try UserRules.apply(change, to: state, context: context()) == nil)
        #expect(state.users["12345678Z"]?.seller == "V02")
        #expect(state.users["12345678Z"]?.history.last?.kind == .modificacion)
        #expect(state.users["12345678Z"]?.history.last?.note == "vendedor V01 → V02")
        var keep = UserCommand(action: .modificacion, document: "12345678Z")
        keep.phone = "+34600111222"
        _ = try UserRules.apply(keep, to: state, context: context())
        #expect(state.users["12345678Z"]?.seller == "V02")
        var move = UserCommand(action: .modificacion, document: "12345678Z")
        move.collective = "SUR"
        move.seller = "V03"
        _ = try UserRules.apply(move, to: state, context: context())
        #expect(state.users["12345678Z"]?.history.last?.kind == .cambioColectivo)
        #expect(state.users["12345678Z"]?.history.last?.note == "NORTE → SUR; vendedor V02 → V03")
    }

    @Test("a dry run keeps the seller among the facts the rules read")
    func ruleFactsKeepSeller() {
        let user = User(document: "12345678Z", firstName: "A", lastName: "B", relationship: .titular, dependants: [],
                        collective: "NORTE", seller: "V01", contracts: [], history: [],
                        createdOn: date("2026-11-24"), updatedOn: date("2026-11-24"))
        #expect(user.ruleFacts.seller == "V01")
    }
}
