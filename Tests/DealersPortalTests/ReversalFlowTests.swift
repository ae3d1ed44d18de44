import DealersCore
import DealersTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import DealersPortal

/// Reversals need the master (issue 29, item 3), end to end: a dealer's DEVOLUCIÓN is answered
/// `REVERSAL_NEEDS_MASTER` and waits in the operator's `pending-reversals` report; the master
/// approves it in the portal; the approval is an operator file in `inbox/`, processed by the
/// built binary like any other; the row leaves the report.
@Suite("Reversals need the master")
struct ReversalFlowTests {
    static let asOf = ["--as-of", "2026-11-24"]
    static let header = "Id pago;Fecha;Contrato;Nº Documento;Importe;Moneda;Método;Periodo;Tipo;Pago original\n"

    /// ACME's NORTE, Ana enrolled and paid (PA-0001) by ACME.
    func seeded() throws -> TestWorkspace {
        let ws = try TestWorkspace()
        try ws.write("inbox/colectivos.csv", """
        Acción;Código;Nombre;País;Distribuidor;Precio mensual;Precio anual;Moneda;Duración;Activo
        ALTA;NORTE;Empresa Norte;ES;ACME;9,90;99,00;EUR;1A;sí

        """)
        try #require(try ws.run(["run"] + Self.asOf).status == 0)
        try ws.write("inbox/ACME/acme-altas.csv", """
        Acción;Colectivo;Nº Documento;Nombre;Apellidos;Relación;Documento titular;Fecha inicio
        ALTA;NORTE;11111111H;Ana;Propia;TITULAR;;01/11/2026

        """)
        try #require(try ws.run(["run"] + Self.asOf).status == 0)
        let contract = try #require(try ws.user("11111111H")?.contracts.last?.number)
        try ws.write("inbox/ACME/pagos-acme.csv", Self.header + "PA-0001;20/11/2026;\(contract);;9,90;EUR;;;;\n")
        try #require(try ws.run(["run"] + Self.asOf).status == 0)
        return ws
    }

    @Test func aDealersReversalWaitsForTheMasterWhoApprovesItInThePortal() async throws {
        let ws = try seeded()
        defer { ws.remove() }
        // As the portal leaves it when ana uploads the file (UploadTests checks the portal's side).
        try ws.write("inbox/ACME/.pagos-devolucion.csv.uploaded-by", "ana\n")
        try ws.write("inbox/ACME/pagos-devolucion.csv", Self.header + "PA-0002;21/11/2026;;;9,90;EUR;;;DEVOLUCION;PA-0001\n")
        let refused = try ws.run(["run"] + Self.asOf)
        #expect(refused.status == 65, "\(refused.stderr)")
        #expect(try !ws.store().contains(StoreLayout.payment("PA-0002")), "not applied")
        let errors = try String(decoding: Data(contentsOf: try #require(Self.file(in: ws.url("outbox/ACME/errors"), suffix: "pagos-devolucion.csv.errors.csv"))), as: UTF8.self)
        #expect(errors.contains("REVERSAL_NEEDS_MASTER") && errors.contains("solo un usuario maestro puede aprobarla"), "\(errors)")
        let pending = try ws.text("outbox/reports/pending-reversals.csv")
        #expect(pending.contains("ACME;pagos-devolucion.csv;2;ana;PA-0002;PA-0001;9,90;EUR"), "\(pending)")
        #expect(try ws.text("outbox/ACME/receipts/pagos-devolucion.csv.json").contains("\"uploadedBy\" : \"ana\""))
        #expect(ws.exists("outbox/reports/pending-reversals.xlsx"))
        #expect(!ws.exists("outbox/ACME/reports/pending-reversals.csv"), "the operator's only")

        var configuration = PortalConfiguration(workspace: try Workspace(root: ws.root))
        configuration.clock = ManualClock()
        let book = AccountBook(workspace: configuration.workspace, hasher: PasswordHasher(cost: 4))
        try book.add(.init(name: "olga", role: .master, email: "olga@operator.example"), password: PortalFixture.password)
        try book.add(.init(name: "ana", role: .admin, dealer: "ACME", email: "ana@acme.example"), password: PortalFixture.password)
        let app = Application(router: Portal(configuration: configuration).router())
        try await app.test(.router) { client in
            var master = basic("olga")
            master[.accept] = "text/html"
            let page = String(buffer: try await client.execute(uri: "/reversals/", method: .get, headers: master).body)
            #expect(page.contains("PA-0002") && page.contains("/reversals/approve"))
            var post = basic("ana")
            post[.contentType] = "application/x-www-form-urlencoded"
            #expect(try await client.execute(uri: "/reversals/approve", method: .post, headers: post, body: form(["id": "PA-0002"])).status == .notFound)
            #expect(try await client.execute(uri: "/reversals/", method: .get, headers: basic("ana")).status == .notFound)
            post = basic("olga")
            post[.contentType] = "application/x-www-form-urlencoded"
            #expect(try await client.execute(uri: "/reversals/approve", method: .post, headers: post, body: form(["id": "PA-0009"])).status == .notFound)
            let approved = try await client.execute(uri: "/reversals/approve", method: .post, headers: post, body: form(["id": "PA-0002"]))
            #expect(approved.status == .ok)
            #expect(String(buffer: approved.body).contains("pagos-aprobados-PA-0002.csv"))
            let again = try await client.execute(uri: "/reversals/approve", method: .post, headers: post, body: form(["id": "PA-0002"]))
            #expect(again.status == .conflict, "the approval is already waiting")
        }
        #expect(ws.exists("inbox/pagos-aprobados-PA-0002.csv"))
        #expect(try ws.text("inbox/.pagos-aprobados-PA-0002.csv.uploaded-by") == "olga\n", "noted before the file appeared")
        let events = try AuditLog(workspace: configuration.workspace).events().filter { $0.action == .approval }
        #expect(events.map(\.object) == ["inbox/pagos-aprobados-PA-0002.csv"] && events.first?.account == "olga")

        let applied = try ws.run(["run"] + Self.asOf)
        #expect(applied.status == 0, "\(applied.stderr)")
        #expect(try ws.store().contains(StoreLayout.payment("PA-0002")))
        #expect(!(try ws.text("outbox/reports/pending-reversals.csv")).contains("PA-0002"), "approved and applied: no longer pending")
        let receipt = try ws.text("outbox/receipts/pagos-aprobados-PA-0002.csv.json")
        #expect(receipt.contains("\"uploadedBy\" : \"olga\""), "\(receipt)")
        #expect(!ws.exists("inbox/.pagos-aprobados-PA-0002.csv.uploaded-by"), "the note goes with the file")
        #expect(!(try ws.text("outbox/ACME/receipts/pagos-acme.csv.json")).contains("uploadedBy"), "a file dropped another way names no account")
    }

    @Test func theOperatorsOwnReversalIsAppliedAsBefore() throws {
        let ws = try seeded()
        defer { ws.remove() }
        try ws.write("inbox/pagos-operador.csv", Self.header + "PA-0002;21/11/2026;;;9,90;EUR;;;DEVOLUCION;PA-0001\n")
        let run = try ws.run(["run"] + Self.asOf)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try ws.store().contains(StoreLayout.payment("PA-0002")))
    }

    /// The file under `folder` (one level of date folders) whose name ends with `suffix`.
    static func file(in folder: URL, suffix: String) -> URL? {
        let dates = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for date in dates {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(date).path)) ?? []
            if let name = names.first(where: { $0.hasSuffix(suffix) }) { return folder.appendingPathComponent(date).appendingPathComponent(name) }
        }
        return nil
    }
}
