import Testing
@testable import DealersCore

@Suite("Nightly rules")
struct NightlyRulesTests {
    func user(_ state: InMemoryState, _ document: String) throws -> User { try #require(state.users[document]) }

    @Test("A contract whose end passed gets one EXPIRACION, dated the day after its end; later runs add nothing")
    func expiresOnce() throws {
        let state = InMemoryState()
        state.addCollective("NORTE")
        #expect(try UserRules.apply(alta("12345678Z", "NORTE", start: "2026-01-01", end: "2026-06-30"), to: state, context: context("2026-01-01")) == nil)
        var u = try user(state, "12345678Z")
        #expect(NightlyRules.apply(to: &u, asOf: date("2026-06-30")).users == 0)
        let counts = NightlyRules.apply(to: &u, asOf: date("2026-07-01"))
        #expect(counts.expired == 1 && counts.users == 1)
        #expect(u.history.map(\.kind) == [.alta, .expiracion])
        #expect(u.history[1].date == date("2026-07-01") && u.history[1].endAfter == date("2026-06-30"))
        #expect(u.history[1].sourceFile == "nightly")
        #expect(NightlyRules.apply(to: &u, asOf: date("2026-07-01")).users == 0)
        #expect(NightlyRules.apply(to: &u, asOf: date("2026-09-01")).users == 0)
    }

    @Test("INICIO only for contracts recorded before their start, once")
    func startsScheduled() throws {
        let state = InMemoryState()
        state.addCollective("NORTE")
        _ = try UserRules.apply(alta("12345678Z", "NORTE", start: "2026-12-01"), to: state, context: context("2026-11-24"))
        _ = try UserRules.apply(alta("23456789D", "NORTE"), to: state, context: context("2026-11-24"))
        var scheduled = try user(state, "12345678Z")
        var immediate = try user(state, "23456789D")
        #expect(NightlyRules.apply(to: &scheduled, asOf: date("2026-11-30")).users == 0)
        #expect(NightlyRules.apply(to: &scheduled, asOf: date("2026-12-01")).started == 1)
        #expect(NightlyRules.apply(to: &scheduled, asOf: date("2026-12-02")).users == 0)
        #expect(scheduled.history.map(\.kind) == [.alta, .inicio])
        #expect(NightlyRules.apply(to: &immediate, asOf: date("2026-12-01")).users == 0)
    }

    @Test("A BAJA recorded in advance gets one BAJA_EFECTIVA on its date; a BAJA of today none")
    func futureBaja() throws {
        let state = InMemoryState()
        state.addCollective("NORTE")
        _ = try UserRules.apply(alta("12345678Z", "NORTE"), to: state, context: context("2026-11-24"))
        _ = try UserRules.apply(alta("23456789D", "NORTE"), to: state, context: context("2026-11-24"))
        var baja = UserCommand(action: .baja, document: "12345678Z")
        baja.date = date("2026-12-15")
        #expect(try UserRules.apply(baja, to: state, context: context("2026-11-25")) == nil)
        #expect(try UserRules.apply(UserCommand(action: .baja, document: "23456789D"), to: state, context: context("2026-11-25")) == nil)
        var later = try user(state, "12345678Z")
        var now = try user(state, "23456789D")
        #expect(NightlyRules.apply(to: &later, asOf: date("2026-12-14")).users == 0)
        #expect(NightlyRules.apply(to: &later, asOf: date("2026-12-15")).cancelled == 1)
        #expect(NightlyRules.apply(to: &later, asOf: date("2026-12-16")).users == 0)
        #expect(later.history.map(\.kind) == [.alta, .baja, .bajaEfectiva])
        #expect(NightlyRules.apply(to: &now, asOf: date("2026-12-15")).users == 0)
    }

    @Test("The pending events say when a run adds something: on every day, a run adds an event exactly when one of them fires")
    func pendingEventsAreWhatFallsDue() throws {
        let state = InMemoryState()
        state.addCollective("NORTE")
        _ = try UserRules.apply(alta("12345678Z", "NORTE", start: "2026-12-01"), to: state, context: context("2026-11-24"))
        _ = try UserRules.apply(alta("23456789D", "NORTE", start: "2026-01-01", end: "2026-06-30"), to: state, context: context("2026-11-24"))
        _ = try UserRules.apply(alta("34567890V", "NORTE"), to: state, context: context("2026-11-24"))
        var baja = UserCommand(action: .baja, document: "34567890V")
        baja.date = date("2026-12-15")
        _ = try UserRules.apply(baja, to: state, context: context("2026-11-25"))
        for document in ["12345678Z", "23456789D", "34567890V"] {
            let original = try user(state, document)
            #expect(!NightlyRules.pendingEvents(of: original).isEmpty, "\(document)")
            var current = original
            var day = date("2026-11-24")
            while day <= date("2028-01-31") {
                let due = NightlyRules.pendingEvents(of: current)
                var copy = current
                let added = NightlyRules.apply(to: &copy, asOf: day).users > 0
                #expect(added == due.contains { $0.fires(asOf: day) }, "\(document) \(day)")
                current = copy
                day = day.adding(days: 1)
            }
            #expect(NightlyRules.pendingEvents(of: current).allSatisfy { !$0.canFire || $0.dueFrom > date("2028-01-31") },
                    "\(document): what fired left the pending events")
        }
    }

    @Test("The reports' calendar: future-dated events, a payment leaving the 30-day window, a cancelled contract entering the expiring window")
    func reportCalendar() throws {
        let state = InMemoryState()
        state.addCollective("NORTE")
        _ = try UserRules.apply(alta("34567890V", "NORTE"), to: state, context: context("2026-11-24"))
        var baja = UserCommand(action: .baja, document: "34567890V")
        baja.date = date("2026-12-15")
        _ = try UserRules.apply(baja, to: state, context: context("2026-11-25"))
        let u = try user(state, "34567890V")
        let end = try #require(u.contracts.last?.end)
        #expect(ReportCalendar.dates(of: u) == [date("2026-12-15"), end.adding(days: -30)].sorted())
    }
}
