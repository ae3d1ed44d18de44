import Testing
@testable import DealersCore

@Suite("User rules")
struct UserRulesTests {
    @Test("ALTA creates the user and a contract of the collective's default length")
    func altaCreates() throws {
        let state = InMemoryState()
        state.addCollective("NORTE")
        #expect(try UserRules.apply(alta("12345678Z", "NORTE"), to: state, context: context()) == nil)
        let user = try #require(state.users["12345678Z"])
        #expect(user.contracts.count == 1)
        #expect(user.contracts[0].start == date("2026-11-24"))
        #expect(user.contracts[0].end == date("2027-11-24"))
        #expect(user.history.map(\.kind) == [.alta])
        #expect(user.history[0].sourceFile == "test.csv" && user.history[0].sourceLine == 2)
    }

    @Test("ALTA with a current contract is ACTIVE_CONTRACT_EXISTS; after a BAJA it opens a new contract")
    func altaTwice() throws {
        let state = InMemoryState()
        state.addCollective("NORTE")
        _ = try UserRules.apply(alta("12345678Z", "NORTE"), to: state, context: context())
        #expect(try UserRules.apply(alta("12345678Z", "NORTE"), to: state, context: context())?.code == .activeContractExists)
        _ = try UserRules.apply(UserCommand(action: .baja, document: "12345678Z"), to: state, context: context())
        #expect(try UserRules.apply(alta("12345678Z", "NORTE"), to: state, context: context("2026-11-25")) == nil)
        #expect(state.users["12345678Z"]?.contracts.count == 2)
    }

    @Test("ALTA in an unknown, inactive or other dealer's collective is refused")
    func altaCollectiveChecks() throws {
        let state = InMemoryState()
        state.addCollective("NORTE", dealer: "ACME")
        #expect(try UserRules.apply(alta("12345678Z", "SUR"), to: state, context: context())?.code == .unknownCollective)
        #expect(try UserRules.apply(alta("12345678Z", "NORTE"), to: state, context: context(dealer: "OTRO"))?.code == .unknownCollective)
        state.collectives["NORTE"]?.active = false
        #expect(try UserRules.apply(alta("12345678Z", "NORTE"), to: state, context: context())?.code == .collectiveInactive)
        #expect(state.users.isEmpty)
    }

    @Test("an end date before the start is INVALID_DATES")
    func invalidDates() throws {
        let state = InMemoryState()
        state.addCollective("NORTE")
        let v = try UserRules.apply(alta("12345678Z", "NORTE", start: "2026-12-01", end: "2026-11-01"), to: state, context: context())
        #expect(v?.code == .invalidDates)
    }

    @Test("a dependant needs a TITULAR holder with a current contract in the same collective")
    func dependants() throws {
        let state = InMemoryState()
        state.addCollective("NORTE")
        state.addCollective("SUR")
        #expect(try UserRules.apply(alta("23456789D", "NORTE", relationship: .conyuge, holder: "12345678Z"), to: state, context: context())?.code == .holderNotFound)
        _ = try UserRules.apply(alta("12345678Z", "NORTE"), to: state, context: context())
        #expect(try UserRules.apply(alta("23456789D", "SUR", relationship: .conyuge, holder: "12345678Z"), to: state, context: context())?.code == .holderInOtherCollective)
        #expect(try UserRules.apply(alta("23456789D", "NORTE", relationship: .conyuge, holder: "12345678Z"), to: state, context: context()) == nil)
        #expect(state.users["12345678Z"]?.dependants == ["23456789D"])
        #expect(state.users["23456789D"]?.holder == "12345678Z")
    }

    @Test("a holder's BAJA cancels the dependants' contracts, each with its own event")
    func holderBajaCascades() throws {
        let state = InMemoryState()
        state.addCollective("NORTE")
        _ = try UserRules.apply(alta("12345678Z", "NORTE"), to: state, context: context())
        _ = try UserRules.apply(alta("23456789D", "NORTE", relationship: .hijo, holder: "12345678Z"), to: state, context: context())
        var baja = UserCommand(action: .baja, document: "12345678Z")
        baja.date = date("2026-11-24")
        #expect(try UserRules.apply(baja, to: state, context: context()) == nil)
        let dependant = try #require(state.users["23456789D"])
        #expect(dependant.contracts.last?.status(asOf: date("2026-11-24")) == .cancelled)
        #expect(dependant.history.last?.kind == .baja)
        #expect(dependant.history.last?.note?.contains("12345678Z") == true)
    }

    @Test("EXTENSIÓN moves the end by exactly a month or a year with calendar arithmetic")
    func extensionArithmetic() throws {
        let state = InMemoryState()
        state.addCollective("NORTE")
        _ = try UserRules.apply(alta("12345678Z", "NORTE", start: "2026-01-01", end: "2027-01-31"), to: state, context: context())
        var ext = UserCommand(action: .extension, document: "12345678Z")
        ext.period = .month
        #expect(try UserRules.apply(ext, to: state, context: context()) == nil)
        #expect(state.users["12345678Z"]?.contracts.last?.end == date("2027-02-28"))
        ext.period = .year
        #expect(try UserRules.apply(ext, to: state, context: context()) == nil)
        #expect(state.users["12345678Z"]?.contracts.last?.end == date("2028-02-28"))
        let events = try #require(state.users["12345678Z"]?.history)
        #expect(events.last?.endBefore == date("2027-02-28") && events.last?.endAfter == date("2028-02-28"))
        ext.period = ContractLength(months: 6)
        #expect(try UserRules.apply(ext, to: state, context: context())?.code == .invalidPeriod)
    }

    @Test("EXTENSIÓN of a cancelled contract, or of one with a later-dated BAJA, is CONTRACT_CANCELLED; an expired one restarts on the extension's date")
    func extensionRefusals() throws {
        let state = InMemoryState()
        state.addCollective("NORTE")
        _ = try UserRules.apply(alta("12345678Z", "NORTE", start: "2025-01-01", end: "2025-12-31"), to: state, context: context("2025-06-01"))
        var ext = UserCommand(action: .extension, document: "12345678Z")
        ext.period = .month
        #expect(try UserRules.apply(ext, to: state, context: context("2026-11-24")) == nil)
        let restarted = try #require(state.users["12345678Z"]?.contracts.last)
        #expect(restarted.start == date("2026-11-24") && restarted.end == date("2026-12-24"))
        #expect(state.users["12345678Z"]?.history.last?.note == "reinicio 2025-01-01 → 2026-11-24")
        _ = try UserRules.apply(alta("23456789D", "NORTE"), to: state, context: context())
        _ = try UserRules.apply(UserCommand(action: .baja, document: "23456789D"), to: state, context: context())
        var ext2 = UserCommand(action: .extension, document: "23456789D")
        ext2.period = .year
        #expect(try UserRules.apply(ext2, to: state, context: context())?.code == .contractCancelled)
        // A BAJA dated later: the contract is still ACTIVE, but gains nothing, as a payment would not.
        _ = try UserRules.apply(alta("34567890V", "NORTE"), to: state, context: context())
        var later = UserCommand(action: .baja, document: "34567890V")
        later.date = date("2026-12-31")
        #expect(try UserRules.apply(later, to: state, context: context()) == nil)
        let before = try #require(state.users["34567890V"]?.contracts.last)
        var ext3 = UserCommand(action: .extension, document: "34567890V")
        ext3.period = .month
        #expect(try UserRules.apply(ext3, to: state, context: context())?.code == .contractCancelled)
        #expect(state.users["34567890V"]?.contracts.last == before)
        #expect(try UserRules.apply(UserCommand(action: .baja, document: "99999999R"), to: state, context: context())?.code == .unknownUser)
    }

    @Test("MODIFICACIÓN changes only the given values and records a collective move")
    func modification() throws {
        let state = InMemoryState()
        state.addCollective("NORTE")
        state.addCollective("SUR")
        var a = alta("12345678Z", "NORTE")
        a.lastName = "García"
        a.email = "a@example.es"
        _ = try UserRules.apply(a, to: state, context: context())
        var m = UserCommand(action: .modificacion, document: "12345678Z")
        m.email = "b@example.es"
        m.collective = "SUR"
        #expect(try UserRules.apply(m, to: state, context: context()) == nil)
        let user = try #require(state.users["12345678Z"])
        #expect(user.email == "b@example.es" && user.lastName == "García" && user.collective == "SUR")
        #expect(user.history.last?.kind == .cambioColectivo)
    }

    @Test("a holder who moves takes the dependants along, each with a move of their own")
    func holderMove() throws {
        let state = InMemoryState()
        state.addCollective("NORTE")
        state.addCollective("SUR")
        _ = try UserRules.apply(alta("12345678Z", "NORTE"), to: state, context: context())
        _ = try UserRules.apply(alta("23456789D", "NORTE", relationship: .hijo, holder: "12345678Z"), to: state, context: context())
        var m = UserCommand(action: .modificacion, document: "12345678Z")
        m.collective = "SUR"
        #expect(try UserRules.apply(m, to: state, context: context()) == nil)
        #expect(state.users["12345678Z"]?.collective == "SUR")
        let dependant = try #require(state.users["23456789D"])
        #expect(dependant.collective == "SUR" && dependant.holder == "12345678Z")
        #expect(dependant.history.last?.kind == .cambioColectivo)
        #expect(dependant.history.last?.note?.contains("cambio del titular 12345678Z") == true)
    }

    @Test("deactivating a collective cancels its users' current contracts")
    func deactivateCollective() throws {
        let state = InMemoryState()
        state.addCollective("NORTE")
        _ = try UserRules.apply(alta("12345678Z", "NORTE"), to: state, context: context())
        #expect(try CollectiveRules.apply(CollectiveCommand(action: .baja, code: "NORTE"), to: state, context: context()) == nil)
        #expect(state.collectives["NORTE"]?.active == false)
        #expect(state.users["12345678Z"]?.contracts.last?.status(asOf: date("2026-11-24")) == .cancelled)
    }
}
