import DealersCore
import DealersTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import DealersPortal

/// The dashboard (issue 34, item 1): its numbers are the reports' numbers, for each scope.
@Suite("Dashboard")
struct DashboardTests {
    static let asOf = ["--as-of", "2026-11-24"]
    static let payments = "Id pago;Fecha;Contrato;Nº Documento;Importe;Moneda;Método;Periodo;Tipo;Pago original\n"

    /// What `GET /api/dashboard` answers.
    struct Answer: Decodable {
        struct Collective: Decodable, Equatable {
            var code: String, name: String
            var active: Int, scheduled: Int, expired: Int, cancelled: Int, expiring30: Int
        }
        struct Payments: Decodable, Equatable {
            var month: String, applied: Int, unmatched: Int, reversed: Int
        }
        struct File: Decodable {
            var input: String?
            var status: String?
            var href: String
        }
        var asOf: String
        var reportsWritten: String?
        var collectives: [Collective]
        var payments: Payments?
        var lastFiles: [File]
    }

    /// ACME's NORTE and SUR with users in every status as of 2026-11-24 (one ending within 30
    /// days), payments applied, unmatched (AMOUNT_MISMATCH) and reversed (by the operator).
    static func seeded() throws -> TestWorkspace {
        let ws = try TestWorkspace.withSampleCollectives()
        try ws.write("inbox/ACME/altas.csv", """
        Acción;Colectivo;Nº Documento;Nombre;Apellidos;Relación;Documento titular;Fecha inicio;Fecha baja
        ALTA;NORTE;11111111H;Ana;Activa;TITULAR;;01/11/2026;
        ALTA;NORTE;22222222J;Bea;Programada;TITULAR;;01/12/2026;
        ALTA;SUR;33333333P;Carlos;Vencido;TITULAR;;01/01/2025;
        ALTA;SUR;44444444A;Dora;Vence;TITULAR;;01/12/2025;
        ALTA;NORTE;55555555K;Elena;Baja;TITULAR;;01/10/2026;

        """)
        try #require(try ws.run(["run"] + asOf).status == 0)
        try ws.write("inbox/ACME/bajas.csv", """
        Acción;Colectivo;Nº Documento;Nombre;Apellidos;Relación;Documento titular;Fecha inicio;Fecha baja
        BAJA;NORTE;55555555K;;;;;;10/11/2026

        """)
        _ = try ws.run(["run"] + asOf)
        try ws.write("inbox/ACME/pagos.csv", payments + """
        PA-0001;20/11/2026;;11111111H;9,90;EUR;;;;
        PA-0002;21/11/2026;;55555555K;1,00;EUR;;;;
        PA-0003;22/11/2026;;11111111H;9,90;EUR;;;;

        """)
        _ = try ws.run(["run"] + asOf)
        try ws.write("inbox/pagos-operador.csv", payments + "PA-0004;23/11/2026;;;9,90;EUR;;;DEVOLUCION;PA-0003\n")
        try #require(try ws.run(["run"] + asOf).status == 0)
        return ws
    }

    /// A report's CSV as rows of cells by header (the test's own reading: by column name).
    static func csv(_ ws: TestWorkspace, _ path: String) throws -> [[String: String]] {
        let text = try ws.text(path).replacingOccurrences(of: "\u{FEFF}", with: "")
        let lines = text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        let header = try #require(lines.first).components(separatedBy: ";")
        return lines.dropFirst().map { line in
            Dictionary(uniqueKeysWithValues: zip(header, line.components(separatedBy: ";")))
        }
    }

    /// The collectives of a `collective-status.csv`, as the dashboard names them.
    static func reportCollectives(_ ws: TestWorkspace, _ path: String) throws -> [Answer.Collective] {
        try csv(ws, path).map { row in
            func count(_ column: String) -> Int { Int(row[column] ?? "") ?? -1 }
            return Answer.Collective(code: row["Colectivo"] ?? "", name: row["Nombre"] ?? "", active: count("Activos"),
                                     scheduled: count("Programados"), expired: count("Vencidos"), cancelled: count("Cancelados"),
                                     expiring30: count("Vencen en 30 días"))
        }
    }

    /// The November 2026 entries of a `payments.csv` by state.
    static func reportPayments(_ ws: TestWorkspace, _ path: String) throws -> Answer.Payments {
        let rows = try csv(ws, path).filter { $0["Fecha"]?.hasSuffix("/11/2026") == true }
        func count(_ state: String) -> Int { rows.filter { $0["Estado"] == state }.count }
        return Answer.Payments(month: "2026-11", applied: count("APLICADO"), unmatched: count("NO APLICADO"), reversed: count("DEVUELTO"))
    }

    @Test func theDashboardsNumbersAreTheReportsNumbersInEveryScope() async throws {
        let ws = try Self.seeded()
        defer { ws.remove() }
        let operatorReport = try Self.reportCollectives(ws, "outbox/reports/collective-status.csv")
        let acmeReport = try Self.reportCollectives(ws, "outbox/ACME/reports/collective-status.csv")
        let operatorPayments = try Self.reportPayments(ws, "outbox/reports/payments.csv")
        // The workspace has what the dashboard counts: every status, one expiring, each kind of payment.
        let norte = try #require(operatorReport.first { $0.code == "NORTE" }), sur = try #require(operatorReport.first { $0.code == "SUR" })
        #expect(norte.active + sur.active > 0 && norte.scheduled + sur.scheduled > 0 && norte.expired + sur.expired > 0
                && norte.cancelled + sur.cancelled > 0 && norte.expiring30 + sur.expiring30 > 0, "\(operatorReport)")
        #expect(operatorPayments.applied > 0 && operatorPayments.unmatched > 0 && operatorPayments.reversed > 0, "\(operatorPayments)")

        var configuration = PortalConfiguration(workspace: try Workspace(root: ws.root))
        configuration.clock = ManualClock(now: ISO8601DateFormatter().date(from: "2026-11-24T12:00:00Z") ?? Date())
        let book = AccountBook(workspace: configuration.workspace, hasher: PasswordHasher(cost: 4))
        try book.add(.init(name: "olga", role: .master, email: "olga@operator.example"), password: PortalFixture.password)
        try book.add(.init(name: "ana", role: .admin, dealer: "ACME", email: "ana@acme.example"), password: PortalFixture.password)
        try book.add(.init(name: "ivan", role: .admin, dealer: "IBERIA", email: "ivan@iberia.example"), password: PortalFixture.password)
        let app = Application(router: Portal(configuration: configuration).router())
        try await app.test(.router) { client in
            func answer(_ uri: String, _ name: String) async throws -> Answer {
                let response = try await client.execute(uri: uri, method: .get, headers: basic(name))
                #expect(response.status == .ok, "\(uri) as \(name)")
                return try JSONDecoder().decode(Answer.self, from: Data(buffer: response.body))
            }
            let master = try await answer("/api/dashboard", "olga")
            #expect(master.asOf == "2026-11-24" && master.reportsWritten != nil)
            #expect(master.collectives == operatorReport)
            #expect(master.payments == operatorPayments)
            #expect(master.lastFiles.first?.input == "pagos-operador.csv")

            let dealer = try await answer("/api/dashboard", "ana")
            #expect(dealer.collectives == acmeReport)
            #expect(dealer.collectives.map(\.code) == ["NORTE", "SUR"], "ACME's collectives only")
            #expect(dealer.payments == (try Self.reportPayments(ws, "outbox/ACME/reports/payments.csv")))
            #expect(dealer.lastFiles.map(\.input) == ["pagos.csv", "bajas.csv", "altas.csv"])
            #expect(dealer.lastFiles.allSatisfy { $0.href.hasPrefix("/receipts/") })
            let looked = try await answer("/api/dashboard?dealer=ACME", "olga")
            #expect(looked.collectives == dealer.collectives && looked.payments == dealer.payments)

            let iberia = try await answer("/api/dashboard", "ivan")
            #expect(iberia.collectives.map(\.code) == ["PYME"] && iberia.lastFiles.isEmpty, "nothing of ACME's")
            let other = try await client.execute(uri: "/api/dashboard?dealer=ACME", method: .get, headers: basic("ivan"))
            #expect(other.status == .notFound)
            #expect(String(buffer: other.body).contains("\"error\" : \"NOT_FOUND\""))
            let anonymous = try await client.execute(uri: "/api/dashboard", method: .get, headers: [.accept: "application/json"])
            #expect(anonymous.status == .unauthorized)

            // The page shows the same numbers, a chart drawn on the server, and the statuses in Spanish.
            var page = basic("ana")
            page[.accept] = "text/html"
            let html = String(buffer: try await client.execute(uri: "/dashboard", method: .get, headers: page).body)
            let sur = try #require(acmeReport.first { $0.code == "SUR" })
            #expect(html.contains("<tr data-collective=\"SUR\">"))
            #expect(html.contains("data-label=\"Vencidos\">\(sur.expired)</td>"))
            #expect(html.contains("<svg") && html.contains("<rect class=\"active\""))
            #expect(!html.contains("<script"))
            #expect(html.contains("<span class=\"status PARTIAL\">PARCIAL</span>") || html.contains("<span class=\"status APPLIED\">APLICADO</span>"))
        }
    }
}
