import DealersCore
import Foundation
import HummingbirdTesting
import Testing
@testable import DealersPortal

/// Spanish everywhere, English when configured (issue 34, item 6): statuses, report titles
/// beside their file names, dates and times in the workspace's time zone, counts as people read them.
@Suite("Pages in the workspace's language")
struct LanguageTests {
    @Test func spanishPagesShowStatusesTitlesAndLocalTimes() async throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        try await fixture.test { client in
            let (browser, _) = try await client.signIn("ana")
            let receipts = String(buffer: try await client.get("/receipts/", browser).body)
            #expect(receipts.contains(">PARCIAL</span>") && receipts.contains(">APLICADO</span>"))
            #expect(!receipts.contains(">PARTIAL<") && !receipts.contains(">APPLIED<"))
            // 2026-11-24T08:00:00Z in Europe/Madrid (the default time zone).
            #expect(receipts.contains("<small>24/11/2026 09:00</small>"))
            #expect(!receipts.contains("2026-11-24T08:00:00Z"))
            let reports = String(buffer: try await client.get("/reports/", browser).body)
            #expect(reports.contains("<strong>Usuarios</strong><br><small class=\"name\">users</small>"))
        }
    }

    @Test func englishPagesWhenConfigured() async throws {
        let fixture = try PortalFixture(language: "en")
        defer { fixture.remove() }
        try await fixture.test { client in
            let (browser, _) = try await client.signIn("ana")
            let receipts = String(buffer: try await client.get("/receipts/", browser).body)
            #expect(receipts.contains("<span class=\"status PARTIAL\">partial</span>"))
            #expect(receipts.contains("<small>2026-11-24 09:00</small>"))
            let reports = String(buffer: try await client.get("/reports/", browser).body)
            #expect(reports.contains("<strong>Users</strong><br><small class=\"name\">users</small>"))
        }
    }

    @Test func theAuditPageShowsLocalTimesNotISOTimestamps() async throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        try await fixture.test { client in
            let (browser, _) = try await client.signIn("olga")
            let html = String(buffer: try await client.get("/audit/", browser).body)
            #expect(html.contains("id=\"audit\""))
            #expect(html.range(of: #"\d{4}-\d\d-\d\dT\d\d:\d\d"#, options: .regularExpression) == nil, "no raw ISO timestamp")
            #expect(html.range(of: #"<td data-label="Hora">\d\d/\d\d/\d{4} \d\d:\d\d</td>"#, options: .regularExpression) != nil)
        }
    }

    @Test func countsAndMonthsAsPeopleReadThem() {
        let es = Formatting(language: .es, timeZone: TimeZone(identifier: "Europe/Madrid") ?? .current)
        let en = Formatting(language: .en, timeZone: TimeZone(identifier: "Europe/Madrid") ?? .current)
        #expect(es.integer(1234) == "1234" && es.integer(12345) == "12.345")
        #expect(en.integer(12345) == "12,345")
        #expect(es.month("2026-12") == "diciembre de 2026" && en.month("2026-12") == "December 2026")
        #expect(es.size(12_595) == "12,3 KB")
        // The issue's example: a receipt's startedAt as the pages showed it before.
        #expect(es.timestamp("2026-12-06T20:53:40.466Z") == "06/12/2026 21:53")
        #expect(en.timestamp("2026-12-06T20:53:40Z") == "2026-12-06 21:53")
    }
}
