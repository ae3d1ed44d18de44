import DealersCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import DealersPortal

/// A processing with 100,000 rejected rows opens a page at a time: the answer holds `limit` rows
/// and says how many there are; the files are read a record at a time, never whole.
@Suite("A processing with 100,000 errors")
struct LargeReceiptTests {
    static let rows = 100_000

    @Test func theAPIAndThePageAnswerOnePageAndTheTotals() async throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        let header = "Acción;Colectivo;Nº Documento;Nombre;Apellidos;Email;Fecha nacimiento;Relación;Documento titular;Fecha inicio\r\n"
        var errors = "\u{FEFF}línea;columna;campo;valor;código;mensaje\r\n"
        var rejected = header
        errors.reserveCapacity(Self.rows * 80)
        rejected.reserveCapacity(Self.rows * 60)
        for line in 2...(Self.rows + 1) {
            errors += "\(line);2;Colectivo;NOPE\(line);UNKNOWN_COLLECTIVE;el colectivo «NOPE\(line)» no existe\r\n"
            rejected += "ALTA;NOPE\(line);12345678Z;José;Núñez;;;TITULAR;;\r\n"
        }
        try fixture.write("outbox/ACME/errors/2026-11-24/big.csv.errors.csv", errors)
        try fixture.write("outbox/ACME/errors/2026-11-24/big.rejected.csv", rejected)
        try fixture.write("outbox/ACME/receipts/2026-11-24/big.csv.json", PortalFixture.receipt(
            input: "big.csv", status: "REJECTED", startedAt: "2026-11-24T12:00:00Z", dealer: "ACME",
            outputs: ["errors/2026-11-24/big.csv.errors.csv", "errors/2026-11-24/big.rejected.csv", "receipts/2026-11-24/big.csv.json"]))
        try await fixture.test { client in
            let response = try await client.execute(uri: "/api/receipts/2026-11-24/big.csv?offset=99990&limit=50", method: .get, headers: basic("ana"))
            let detail = try ReceiptAPITests.json(response)
            #expect((detail["page"] as? [String: Int]) == ["offset": 99_990, "limit": 50, "errors": Self.rows, "rejectedRows": Self.rows])
            let rows = try #require(detail["rejectedRows"] as? [[String: Any]])
            #expect(rows.count == 10)
            #expect(rows.last?["line"] as? Int == Self.rows + 1)
            #expect((rows.last?["cells"] as? [String: String])?["Colectivo"] == "NOPE\(Self.rows + 1)")
            #expect((detail["errors"] as? [[String: Any]])?.first?["line"] as? Int == 99_992)
            #expect(response.body.readableBytes < 64 * 1024, "one page, not the file")

            var html = basic("ana")
            html[.accept] = "text/html"
            let page = String(buffer: try await client.execute(uri: "/receipts/2026-11-24/big.csv", method: .get, headers: html).body)
            #expect(page.components(separatedBy: "<th scope=\"row\">").count - 1 == ReceiptAPIRoutes.defaultLimit)
            #expect(page.contains("1–200 de 100.000"))
            #expect(page.contains("href=\"/receipts/2026-11-24/big.csv?offset=200&amp;limit=200\""))
        }
    }
}
