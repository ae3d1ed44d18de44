import Testing
@testable import DealersCore

@Suite("CivilDate")
struct CivilDateTests {
    @Test("adding a month clamps to the end of a shorter month")
    func monthEnd() throws {
        let jan31 = try #require(CivilDate(year: 2025, month: 1, day: 31))
        #expect(jan31.adding(months: 1).description == "2025-02-28")
        let leap = try #require(CivilDate(year: 2024, month: 1, day: 31))
        #expect(leap.adding(months: 1).description == "2024-02-29")
        let feb29 = try #require(CivilDate(year: 2024, month: 2, day: 29))
        #expect(feb29.adding(years: 1).description == "2025-02-28")
    }

    @Test("days since epoch round-trips", arguments: [-1000, 0, 1, 365, 20000, 2_900_000])
    func epochRoundTrip(days: Int) throws {
        let date = try #require(CivilDate(daysSinceEpoch: days))
        #expect(date.daysSinceEpoch == days)
    }

    @Test("ISO parsing rejects impossible dates")
    func isoParsing() {
        #expect(CivilDate(iso: "2026-02-29") == nil)
        #expect(CivilDate(iso: "2024-02-29")?.description == "2024-02-29")
        #expect(CivilDate(iso: "2024-2-9") == nil)
    }
}
