import Testing
@testable import DealersCore

@Suite("Roster rules")
struct RosterRulesTests {
    /// A roster row: the collective, the document and a first name.
    func row(_ document: String, _ collective: String, firstName: String = "Nombre") -> UserCommand {
        var c = UserCommand(action: .alta, document: document)
        c.collective = collective
        c.firstName = firstName
        return c
    }

    @Test("unknown → ALTA; same data → nothing, no event; a differing value → MODIFICACIÓN of it; another collective → a move")
    func computedActions() throws {
        let state = InMemoryState()
        state.addCollective("NORTE")
        state.addCollective("SUR")
        let alta = try RosterRules.apply(row("12345678Z", "NORTE"), to: state, context: context())
        #expect(alta.action == .alta && alta.violation == nil)
        #expect(alta.changes == [RosterChange(action: .alta, document: "12345678Z", name: "Nombre", field: "collective",
                                              before: "", after: "NORTE")])
        let history = try #require(state.users["12345678Z"]).history

        let same = try RosterRules.apply(row("12345678Z", "NORTE"), to: state, context: context())
        #expect(same.action == nil && same.changes.isEmpty)
        #expect(state.users["12345678Z"]?.history == history)

        var renamed = row("12345678Z", "NORTE", firstName: "Otro")
        renamed.email = "otro@example.com"
        let modified = try RosterRules.apply(renamed, to: state, context: context())
        #expect(modified.action == .modificacion)
        #expect(modified.changes.map(\.field) == ["firstName", "email"])
        #expect(modified.changes.first?.before == "Nombre" && modified.changes.first?.after == "Otro")
        #expect(state.users["12345678Z"]?.history.last?.kind == .modificacion)

        let moved = try RosterRules.apply(row("12345678Z", "SUR", firstName: "Otro"), to: state, context: context())
        #expect(moved.changes == [RosterChange(action: .cambioColectivo, document: "12345678Z", name: "Otro", field: "collective",
                                               before: "NORTE", after: "SUR")])
        #expect(state.users["12345678Z"]?.collective == "SUR")
    }

    @Test("an absent member gets a BAJA noting the absence and no line; the dependants follow; others are left")
    func absent() throws {
        let state = InMemoryState()
        state.addCollective("NORTE")
        #expect(try UserRules.apply(alta("12345678Z", "NORTE"), to: state, context: context()) == nil)
        #expect(try UserRules.apply(alta("23456789D", "NORTE", relationship: .conyuge, holder: "12345678Z"), to: state,
                                    context: context()) == nil)
        let change = try RosterRules.cancelAbsent("12345678Z", collective: "NORTE", state: state, context: context())
        #expect(change?.action == .baja && change?.before == "NORTE")
        let holder = try #require(state.users["12345678Z"])
        #expect(holder.contracts.last?.cancelledOn == date("2026-11-24"))
        #expect(holder.history.last?.note == RosterRules.absentNote && holder.history.last?.sourceLine == nil)
        #expect(state.users["23456789D"]?.history.last?.note == "baja del titular 12345678Z")
        #expect(try RosterRules.cancelAbsent("12345678Z", collective: "NORTE", state: state, context: context()) == nil,
                "nothing current is left to cancel")
        #expect(try RosterRules.cancelAbsent("23456789D", collective: "SUR", state: state, context: context()) == nil)
    }

    @Test("another dealer's member is never cancelled, and a row naming them is an ALTA answered neutrally")
    func isolation() throws {
        let state = InMemoryState()
        state.addCollective("NORTE", dealer: "ACME")
        state.addCollective("PYME", dealer: "IBERIA")
        #expect(try UserRules.apply(alta("12345678Z", "PYME"), to: state, context: context(dealer: "IBERIA")) == nil)
        #expect(try RosterRules.cancelAbsent("12345678Z", collective: "PYME", state: state, context: context(dealer: "ACME")) == nil)
        let row = try RosterRules.apply(row("12345678Z", "NORTE"), to: state, context: context(dealer: "ACME"))
        #expect(row.violation?.code == .identifierUnavailable)
        #expect(state.users["12345678Z"]?.collective == "PYME")
    }
}
