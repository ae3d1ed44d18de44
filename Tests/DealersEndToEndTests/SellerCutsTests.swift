import Foundation
import Testing
@testable import DealersCore
import DealersTestSupport

/// The reports' seller cuts: `outbox/<DEALER>/sellers/<CODE>/reports/` holds the users,
/// contract-history and payments rows of that seller's clients, and nothing of anyone else's.
@Suite("Sellers: the reports' seller cuts, end to end")
struct SellerCutsTests {
    func lines(_ ws: TestWorkspace, _ path: String) throws -> [String] {
        try ws.text(path).split(whereSeparator: \.isNewline).map(String.init)
    }

    @Test("each seller's cut holds their clients' users, history and payments; codes that are not folder names get none")
    func cutsPerSeller() throws {
        let ws = try TestWorkspace()
        defer { ws.remove() }
        try ws.write("inbox/colectivos.csv", Samples.collectives)
        try ws.write("inbox/ACME/usuarios.csv", """
            Acción;Colectivo;Nº Documento;Nombre;Relación;Vendedor\r
            ALTA;NORTE;12345678Z;José;TITULAR;V01\r
            ALTA;NORTE;23456789D;María;TITULAR;V02\r
            ALTA;SUR;34567890V;Ana;TITULAR;\r
            ALTA;SUR;45678901G;Luis;TITULAR;..\r
            ALTA;SUR;56789012B;Eva;TITULAR;a/b\r

            """)
        #expect(try ws.run(["run", "--as-of", "2026-11-24"]).status == 0)
        try ws.write("inbox/ACME/pagos.csv", """
            Id pago;Fecha;Contrato;Nº Documento;Importe;Moneda;Método;Periodo;Tipo;Pago original\r
            P1;20/11/2026;;12345678Z;9,90;EUR;tarjeta;1M;;\r
            P2;21/11/2026;;23456789D;9,90;EUR;efectivo;1M;;\r
            P3;22/11/2026;;34567890V;4,95;EUR;efectivo;1M;;\r

            """)
        let paid = try ws.run(["run", "--as-of", "2026-11-24"])
        #expect(paid.status == 0, "stderr: \(paid.stderr)")

        let v1 = "outbox/ACME/sellers/V01/reports"
        let users1 = try lines(ws, "\(v1)/users.csv")
        #expect(users1.count == 2, "\(users1)")
        #expect(users1.first == (try lines(ws, "outbox/ACME/reports/users.csv")).first, "the dealer's columns, without Distribuidor")
        #expect(users1.first?.contains("Distribuidor") == false)
        #expect(users1[1].hasPrefix("12345678Z;"))
        let history1 = try ws.text("\(v1)/contract-history.csv")
        #expect(history1.contains("12345678Z") && !history1.contains("23456789D") && !history1.contains("34567890V"))
        let payments1 = try lines(ws, "\(v1)/payments.csv")
        #expect(payments1.count == 2 && payments1[1].contains(";P1;"), "\(payments1)")
        #expect(ws.exists("\(v1)/users.xlsx") && ws.exists("\(v1)/payments.xlsx") && ws.exists("\(v1)/contract-history.xlsx"))
        let users2 = try lines(ws, "outbox/ACME/sellers/V02/reports/users.csv")
        #expect(users2.count == 2 && users2[1].hasPrefix("23456789D;"))
        #expect(try ws.text("outbox/ACME/sellers/V02/reports/payments.csv").contains(";P2;"))
        // Not folder names: no cut, nothing written above the sellers' folder.
        let sellers = try FileManager.default.contentsOfDirectory(atPath: ws.url("outbox/ACME/sellers").path).sorted()
        #expect(sellers == ["V01", "V02"])
        #expect(!ws.exists("outbox/ACME/sellers/a"))
        #expect(try lines(ws, "outbox/ACME/reports/users.csv").count == 6, "the dealer's own report is whole")
        // Neither the operator nor another dealer has seller folders.
        #expect(!ws.exists("outbox/sellers") && !ws.exists("outbox/IBERIA/sellers"))

        // V02's only client goes to V01: V02's reports go away at the next run, V01 gets her.
        try ws.write("inbox/ACME/cambio.csv", "Acción;Nº Documento;Vendedor\r\nMODIFICACION;23456789D;V01\r\n")
        #expect(try ws.run(["run", "--as-of", "2026-11-25"]).status == 0)
        #expect(!ws.exists("outbox/ACME/sellers/V02/reports/users.csv"))
        #expect(!ws.exists("outbox/ACME/sellers/V02/reports/payments.xlsx"))
        #expect(!ws.exists("outbox/ACME/sellers/V02/reports/contract-history.csv"))
        let moved = try lines(ws, "\(v1)/users.csv")
        #expect(moved.count == 3)
        #expect(try ws.text("\(v1)/payments.csv").contains(";P2;"))
        #expect(try ws.text("\(v1)/contract-history.csv").contains("vendedor V02 → V01"))
    }
}
