import Foundation
import Testing
@testable import DealersCore

/// An in-memory ledger and contract index on top of ``InMemoryState``.
final class InMemoryPayments: InMemoryState, PaymentState {
    var ledger: [String: LedgerEntry] = [:]
    func payment(_ id: String) throws -> LedgerEntry? { ledger[id] }
    func save(_ entry: LedgerEntry) throws { ledger[entry.id] = entry }
    func user(holdingContract number: String) throws -> User? {
        users.values.first { $0.contracts.contains { $0.number == number } }
    }

    /// A collective (10 EUR a month, 100 a year) and a user with contract C1 ending `end`.
    static func with(end: String, start: String = "2026-01-01") throws -> InMemoryPayments {
        let s = InMemoryPayments()
        s.addCollective("NORTE")
        #expect(try UserRules.apply(alta("12345678Z", "NORTE", start: start, end: end), to: s, context: context("2026-01-01")) == nil)
        return s
    }
}

func pay(_ id: String, _ amount: Decimal, on day: String = "2026-06-01", contract: String? = "C1", document: String? = nil,
         currency: String = "EUR", period: ContractLength? = nil) -> PaymentCommand {
    PaymentCommand(action: .pago, id: id, date: date(day), contract: contract, document: document, amount: amount,
                   currency: currency, period: period)
}

func reversal(_ id: String, of original: String, _ amount: Decimal, on day: String = "2026-07-01") -> PaymentCommand {
    PaymentCommand(action: .devolucion, id: id, date: date(day), amount: amount, currency: "EUR", originalId: original)
}

@Suite("Payment rules")
struct PaymentRulesTests {
    let ctx = context("2026-06-15")

    @Test("the period is derived from the amount: the monthly price is a month, the annual price a year")
    func derivation() throws {
        let s = try InMemoryPayments.with(end: "2026-12-31")
        #expect(try PaymentRules.apply(pay("P1", 10), to: s, context: ctx) == nil)
        #expect(s.users["12345678Z"]?.contracts.last?.end == date("2027-01-31"))
        #expect(try PaymentRules.apply(pay("P2", 100, document: "12345678Z"), to: s, context: ctx) == nil)
        #expect(s.users["12345678Z"]?.contracts.last?.end == date("2028-01-31"))
        #expect(s.ledger["P1"]?.period == .month && s.ledger["P1"]?.derived == true)
        #expect(s.ledger["P2"]?.period == .year)
        let events = s.users["12345678Z"]?.history.filter { $0.kind == .pago } ?? []
        #expect(events.map(\.payment) == ["P1", "P2"])
        #expect(events.first?.endBefore == date("2026-12-31") && events.first?.endAfter == date("2027-01-31"))
    }

    @Test("amounts compare exactly as decimals: 10.00 is the monthly price, 10.01 and 20 match nothing")
    func amountMismatch() throws {
        let s = try InMemoryPayments.with(end: "2026-12-31")
        #expect(try PaymentRules.apply(pay("P1", Decimal(string: "10.00")!), to: s, context: ctx) == nil)
        #expect(try PaymentRules.apply(pay("P2", Decimal(string: "10.01")!), to: s, context: ctx)?.code == .amountMismatch)
        #expect(try PaymentRules.apply(pay("P3", 20), to: s, context: ctx)?.code == .amountMismatch)
        #expect(try PaymentRules.apply(pay("P4", 10, period: .year), to: s, context: ctx)?.code == .amountMismatch)
        #expect(s.ledger.count == 1)
    }

    @Test("reason codes: duplicate id, unknown contract or user, other currency, cancelled contract")
    func reasonCodes() throws {
        let s = try InMemoryPayments.with(end: "2026-12-31")
        #expect(try PaymentRules.apply(pay("P1", 10), to: s, context: ctx) == nil)
        let before = s.users["12345678Z"]
        #expect(try PaymentRules.apply(pay("P1", 10), to: s, context: ctx)?.code == .duplicatePayment)
        #expect(try PaymentRules.apply(pay("P2", 10, contract: "C99"), to: s, context: ctx)?.code == .unknownReference)
        #expect(try PaymentRules.apply(pay("P3", 10, contract: nil, document: "00000000T"), to: s, context: ctx)?.code == .unknownReference)
        #expect(try PaymentRules.apply(pay("P4", 10, currency: "USD"), to: s, context: ctx)?.code == .currencyMismatch)
        #expect(s.users["12345678Z"] == before)
        var baja = UserCommand(action: .baja, document: "12345678Z")
        baja.date = date("2026-06-10")
        #expect(try UserRules.apply(baja, to: s, context: ctx) == nil)
        #expect(try PaymentRules.apply(pay("P5", 10), to: s, context: ctx)?.code == .contractCancelled)
    }

    @Test("an EXPIRED contract restarts on the payment date; its reversal restores start and end")
    func restart() throws {
        let s = try InMemoryPayments.with(end: "2026-03-31")
        #expect(try PaymentRules.apply(pay("P1", 10, on: "2026-06-10"), to: s, context: ctx) == nil)
        let c = try #require(s.users["12345678Z"]?.contracts.last)
        #expect(c.number == "C1" && c.start == date("2026-06-10") && c.end == date("2026-07-10"))
        #expect(s.ledger["P1"]?.restarted == true)
        #expect(try PaymentRules.apply(reversal("R1", of: "P1", 10), to: s, context: ctx) == nil)
        let back = try #require(s.users["12345678Z"]?.contracts.last)
        #expect(back.start == date("2026-01-01") && back.end == date("2026-03-31"))
    }

    @Test("a reversal undoes exactly its period after later extensions; unknown and twice-reversed payments are refused")
    func reversalAfterExtension() throws {
        let s = try InMemoryPayments.with(end: "2026-12-15")
        #expect(try PaymentRules.apply(pay("P1", 100), to: s, context: ctx) == nil)       // → 2027-12-15
        #expect(try PaymentRules.apply(pay("P2", 10), to: s, context: ctx) == nil)        // → 2028-01-15
        #expect(try PaymentRules.apply(reversal("R1", of: "P1", 100), to: s, context: ctx) == nil)
        #expect(s.users["12345678Z"]?.contracts.last?.end == date("2027-01-15"))
        #expect(s.ledger["P1"]?.reversedBy == "R1" && s.ledger["R1"]?.reverses == "P1")
        #expect(s.users["12345678Z"]?.history.last?.kind == .devolucion)
        #expect(try PaymentRules.apply(reversal("R2", of: "P1", 100), to: s, context: ctx)?.code == .alreadyReversed)
        #expect(try PaymentRules.apply(reversal("R3", of: "NOPE", 100), to: s, context: ctx)?.code == .unknownPayment)
        #expect(try PaymentRules.apply(reversal("R4", of: "R1", 100), to: s, context: ctx)?.code == .unknownPayment)
        #expect(try PaymentRules.apply(reversal("R5", of: "P2", 9), to: s, context: ctx)?.code == .amountMismatch)
    }

    @Test("month ends: 31 January + 1 month is the end of February; an untouched reversal restores 31 January")
    func monthEnd() throws {
        let s = try InMemoryPayments.with(end: "2027-01-31")
        #expect(try PaymentRules.apply(pay("P1", 10), to: s, context: ctx) == nil)
        #expect(s.users["12345678Z"]?.contracts.last?.end == date("2027-02-28"))
        #expect(try PaymentRules.apply(reversal("R1", of: "P1", 10), to: s, context: ctx) == nil)
        #expect(s.users["12345678Z"]?.contracts.last?.end == date("2027-01-31"))
        // After a later extension the period is subtracted with calendar arithmetic (clamped).
        #expect(try PaymentRules.apply(pay("P2", 10), to: s, context: ctx) == nil)       // → 2027-02-28
        #expect(try PaymentRules.apply(pay("P3", 10), to: s, context: ctx) == nil)       // → 2027-03-28
        #expect(try PaymentRules.apply(reversal("R2", of: "P2", 10), to: s, context: ctx) == nil)
        #expect(s.users["12345678Z"]?.contracts.last?.end == date("2027-02-28"))
    }

    @Test("money is formatted with the currency's minor units")
    func money() {
        #expect(Money.format(Decimal(string: "9.9")!, "EUR") == "9.90 EUR")
        #expect(Money.format(2700, "JPY") == "2700 JPY")
    }
}
