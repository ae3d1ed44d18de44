import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import DealersPortal

@Suite("Reports and receipts pages, downloads")
struct FolderTests {
    @Test func theReportsPageListsTheDealersOwnReportsWithSizeDateAndLinks() async throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        try await fixture.test { client in
            let (browser, _) = try await client.signIn("ana")
            let html = String(buffer: try await client.get("/reports/", browser).body)
            #expect(html.contains("href=\"/reports/users.csv\""))
            #expect(html.contains("href=\"/reports/users.xlsx\""))
            #expect(html.contains("38 B"))
            #expect(!html.contains("iberia-only"))
            #expect(!html.contains("operator-only"))
            #expect(!html.contains("link.csv"), "a symbolic link is not listed")
            #expect(!html.contains(".tmp"), "a temporary file is not listed")
        }
    }

    @Test func theOperatorSeesTheOperatorsReportsAndReceipts() async throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        try await fixture.test { client in
            let (browser, _) = try await client.signIn("olga")
            #expect(String(buffer: try await client.get("/reports/", browser).body).contains("operator-only.csv"))
            #expect(String(buffer: try await client.get("/receipts/", browser).body).contains("colectivos.csv"))
            #expect(String(buffer: try await client.get("/reports/operator-only.csv", browser).body) == "OPERATOR-SECRET\r\n")
        }
    }

    @Test func theOperatorLooksAtEachDeclaredDealersReportsAndReceipts() async throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        try await fixture.test { client in
            let (browser, _) = try await client.signIn("olga")
            let own = String(buffer: try await client.get("/reports/", browser).body)
            #expect(own.contains("href=\"/reports/?dealer=ACME\""))
            #expect(own.contains("href=\"/reports/?dealer=IBERIA\""))
            let acme = String(buffer: try await client.get("/reports/?dealer=ACME", browser).body)
            #expect(acme.contains("href=\"/reports/users.csv?dealer=ACME\""))
            #expect(!acme.contains("operator-only"))
            #expect(String(buffer: try await client.get("/reports/users.csv?dealer=ACME", browser).body) == "\u{FEFF}Documento;Nombre\r\n12345678Z;José\r\n")
            let receipts = String(buffer: try await client.get("/receipts/?dealer=ACME", browser).body)
            #expect(receipts.contains("href=\"/errors/2026-11-24/altas.rejected.csv?dealer=ACME\""))
            #expect(receipts.contains("href=\"/receipts/2026-11-24/altas.csv.json?dealer=ACME\""))
            #expect(try await client.get("/errors/2026-11-24/altas.rejected.csv?dealer=ACME", browser).status == .ok)
            #expect(try await client.get("/receipts/2026-11-24/altas.csv.json?dealer=ACME", browser).status == .ok)
            #expect(try await client.get("/receipts/2026-11-20/pymes.csv.json?dealer=IBERIA", browser).status == .ok)
            #expect(try await client.get("/receipts/2026-11-20/pymes.csv.json?dealer=ACME", browser).status == .notFound,
                    "ACME's 2026-11-20 is a link to IBERIA's date folder")
            #expect(try await client.get("/reports/?dealer=NOPE", browser).status == .notFound)
            #expect(try await client.get("/reports/users.csv?dealer=..%2FIBERIA", browser).status == .notFound)
        }
    }

    @Test func aDownloadIsAnAttachmentWithItsTypeAndIsNeverSniffedOrFramed() async throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        try await fixture.test { client in
            let (browser, _) = try await client.signIn("ana")
            let csv = try await client.get("/reports/users.csv", browser)
            #expect(csv.status == .ok)
            #expect(String(buffer: csv.body) == "\u{FEFF}Documento;Nombre\r\n12345678Z;José\r\n")
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.headers[.contentDisposition] == "attachment; filename=\"users.csv\"; filename*=UTF-8''users.csv")
            #expect(csv.headers[.xContentTypeOptions] == "nosniff")
            #expect(csv.headers[.contentSecurityPolicy] == "default-src 'none'; sandbox")
            #expect(csv.headers[.cacheControl] == "no-store")
            let xlsx = try await client.get("/reports/users.xlsx", browser)
            #expect(xlsx.headers[.contentType] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        }
    }

    @Test func aNameWithAccentsAndQuotesGetsASafeDisposition() {
        #expect(Responses.contentDisposition("año \"1\".csv") == "attachment; filename=\"a_o _1_.csv\"; filename*=UTF-8''a%C3%B1o%20%221%22.csv")
        #expect(Responses.contentType("x.html") == "application/octet-stream")
        #expect(Responses.contentType("x.svg") == "application/octet-stream")
    }

    @Test func theReceiptsPageListsInputsNewestFirstWithStatusCountsAndTheirErrorFiles() async throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        try await fixture.test { client in
            let (browser, _) = try await client.signIn("ana")
            let html = String(buffer: try await client.get("/receipts/", browser).body)
            let newer = try #require(html.range(of: "altas.csv"))
            let older = try #require(html.range(of: "old.csv"))
            #expect(newer.lowerBound < older.lowerBound)
            #expect(html.contains("<span class=\"status PARTIAL\">PARCIAL</span>"), "the status in the page's language (issue 34)")
            #expect(html.contains("href=\"/errors/2026-11-24/altas.csv.errors.csv\""))
            #expect(html.contains("href=\"/errors/2026-11-24/altas.rejected.csv\""))
            #expect(html.contains("href=\"/receipts/2026-11-24/altas.csv.json\""))
            #expect(!html.contains("href=\"/receipts/altas.csv.json\""), "the latest view duplicates the dated receipt")
            #expect(html.components(separatedBy: "<span class=\"status PARTIAL\">").count == 2, "altas.csv is listed once")
            #expect(html.contains("24/11/2026 08:00") || html.contains("24/11/2026 09:00"))
            #expect(!html.contains("pymes") && !html.contains("iberia") && !html.contains("link.json"))

            let json = try await client.get("/receipts/2026-11-24/altas.csv.json", browser)
            #expect(json.headers[.contentType] == "application/json; charset=utf-8")
            let receipt = try JSONSerialization.jsonObject(with: Data(buffer: json.body)) as? [String: Any]
            #expect(receipt?["status"] as? String == "PARTIAL")
            #expect(String(buffer: try await client.get("/errors/2026-11-24/altas.csv.errors.csv", browser).body) == "Línea;Código\r\n3;DEALER_FORBIDDEN\r\n")
            let latest = try await client.get("/receipts/altas.csv.json", browser)
            #expect(latest.status == .ok, "the latest view is downloadable by the input's name")
            #expect(latest.headers[.contentDisposition]?.contains("altas.csv.json") == true)
        }
    }

    @Test func everyProcessingOfOneInputNameIsListedNewestFirst() async throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        let first = PortalFixture.receipt(input: "altas.csv", status: "REJECTED", startedAt: "2026-11-24T07:00:00Z", dealer: "ACME",
                                          outputs: ["errors/2026-11-23/altas.csv.errors.csv", "receipts/2026-11-23/altas.csv.json"])
        try fixture.write("outbox/ACME/receipts/2026-11-23/altas.csv.json", first)
        try fixture.write("outbox/ACME/errors/2026-11-23/altas.csv.errors.csv", "first\r\n")
        let second = PortalFixture.receipt(input: "altas.csv", status: "APPLIED", startedAt: "2026-11-24T09:00:00Z", dealer: "ACME",
                                           outputs: ["receipts/2026-11-24/altas.2.csv.json"])
        try fixture.write("outbox/ACME/receipts/2026-11-24/altas.2.csv.json", second)
        try fixture.write("outbox/ACME/receipts/altas.csv.json", second)
        try fixture.write("outbox/ACME/receipts/not-a-date/x.csv.json", second)
        try await fixture.test { client in
            let response = try await client.execute(uri: "/receipts/", method: .get, headers: basic("ana"))
            let list = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [[String: Any]])
            #expect(list.map { $0["url"] as? String } == ["/receipts/2026-11-24/altas.2.csv.json", "/receipts/2026-11-24/altas.csv.json",
                                                           "/receipts/2026-11-23/altas.csv.json", "/receipts/2026-11-01/old.csv.json"])
            #expect(list.map { $0["status"] as? String } == ["APPLIED", "PARTIAL", "REJECTED", "APPLIED"])
            #expect(list[2]["errorFiles"] as? [String] == ["/errors/2026-11-23/altas.csv.errors.csv"])
            let (browser, _) = try await client.signIn("ana")
            #expect(String(buffer: try await client.get("/errors/2026-11-23/altas.csv.errors.csv", browser).body) == "first\r\n")
            #expect(try await client.get("/receipts/not-a-date/x.csv.json", browser).status == .notFound)
        }
    }

    @Test func aReceiptsErrorFilesAreTakenFromItsOutputsWhateverTheirNames() throws {
        let json = #"""
        {"input": "u.csv", "outputs": ["errors/2026-11-24/u.3.csv.errors.csv", "outbox/ACME/errors/2026-11-24/u.3.rejected.csv",
         "receipts/2026-11-24/u.3.csv.json", "reports/users.csv", "errors/u.csv.errors.csv", "errors/../u.csv.errors.csv",
         "errors/2026-11-24/", "validate/u.csv.errors.xlsx"]}
        """#
        let summary = try JSONDecoder().decode(ReceiptSummary.self, from: Data(json.utf8))
        #expect(summary.errorFiles == [DatedName(date: "2026-11-24", name: "u.3.csv.errors.csv"), DatedName(date: "2026-11-24", name: "u.3.rejected.csv")])
    }

    @Test func scriptsGetTheReceiptsAsJSON() async throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        try await fixture.test { client in
            let response = try await client.execute(uri: "/receipts/", method: .get, headers: basic("ana"))
            let list = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [[String: Any]])
            #expect(list.map { $0["input"] as? String } == ["altas.csv", "old.csv"])
            #expect(list.first?["errorFiles"] as? [String] == ["/errors/2026-11-24/altas.csv.errors.csv", "/errors/2026-11-24/altas.rejected.csv"])
            #expect(list.first?["url"] as? String == "/receipts/2026-11-24/altas.csv.json")
            #expect(list.first?["date"] as? String == "2026-11-24")
            #expect(list.first?["rows"] as? [String: Int] == ["read": 3, "applied": 2, "rejected": 1])
        }
    }
}
