import DealersCore
import DealersSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import DealersPortal

/// Every route and every download, for every role: the expected answer. What a role may not see
/// answers exactly as a file that does not exist (the same 404 bytes).
@Suite("Role matrix")
struct RoleMatrixTests {
    /// master (olga), admin (ana, ACME), technician (tomas, ACME), seller (vera, ACME, V01).
    static let roles = ["olga", "ana", "tomas", "vera"]

    /// The fixture with a technician and a seller of ACME, ACME's payments report, a payments
    /// file's receipt and error file, the seller cuts of V01 (vera's) and V02 (another's), and
    /// the answer to vera's own upload in her folder.
    static func fixture() throws -> PortalFixture {
        let fixture = try PortalFixture()
        let book = AccountBook(workspace: try fixture.workspace(), hasher: PasswordHasher(cost: 4))
        try book.add(.init(name: "tomas", role: .technician, dealer: "ACME", email: "tomas@acme.example"), password: PortalFixture.password)
        try book.add(.init(name: "vera", role: .seller, dealer: "ACME", seller: "V01", email: "vera@acme.example"), password: PortalFixture.password)
        for report in ["payments", "contract-history", "collective-status"] {
            try fixture.write("outbox/ACME/reports/\(report).csv", "ACME-\(report)\r\n")
        }
        let pagos = PortalFixture.receipt(input: "pagos.csv", status: "PARTIAL", startedAt: "2026-11-24T09:00:00Z", dealer: "ACME",
                                          outputs: ["errors/2026-11-24/pagos.csv.errors.csv"])
            .replacingOccurrences(of: "\"layout\": \"users\"", with: "\"layout\": \"payments\"")
        try fixture.write("outbox/ACME/receipts/2026-11-24/pagos.csv.json", pagos)
        try fixture.write("outbox/ACME/receipts/pagos.csv.json", pagos)
        try fixture.write("outbox/ACME/errors/2026-11-24/pagos.csv.errors.csv", "PAYMENTS-ERRORS\r\n")
        try fixture.write("outbox/ACME/sellers/V01/reports/users.csv", "V01-CLIENTS\r\n")
        try fixture.write("outbox/ACME/sellers/V01/reports/payments.csv", "V01-PAYMENTS\r\n")
        try fixture.write("outbox/ACME/sellers/V02/reports/users.csv", "V02-CLIENTS\r\n")
        try fixture.write("outbox/ACME/sellers/V02/reports/other-seller.csv", "V02-CLIENTS\r\n")
        // vera's own upload, answered in her folder as the pipeline copies it there.
        let mine = PortalFixture.receipt(input: "mis-altas.csv", status: "PARTIAL", startedAt: "2026-11-24T10:00:00Z", dealer: "ACME",
                                         outputs: ["errors/2026-11-24/mis-altas.csv.errors.csv", "receipts/2026-11-24/mis-altas.csv.json"])
        try fixture.write("outbox/ACME/sellers/V01/receipts/2026-11-24/mis-altas.csv.json", mine)
        try fixture.write("outbox/ACME/sellers/V01/receipts/mis-altas.csv.json", mine)
        try fixture.write("outbox/ACME/sellers/V01/errors/2026-11-24/mis-altas.csv.errors.csv", "V01-ERRORS\r\n")
        return fixture
    }

    /// 200 (`ok`) or 404 (`missing`), per role in the order of ``roles``.
    static let matrix: [(uri: String, olga: Int, ana: Int, tomas: Int, vera: Int)] = [
        ("/reports/", 200, 200, 200, 200),
        ("/receipts/", 200, 200, 200, 200),
        ("/reports/operator-only.csv", 200, 404, 404, 404),
        ("/reports/users.csv", 404, 200, 200, 200),
        ("/reports/payments.csv", 404, 200, 404, 200),
        ("/reports/contract-history.csv", 404, 200, 200, 404),
        ("/reports/collective-status.csv", 404, 200, 200, 404),
        ("/reports/other-seller.csv", 404, 404, 404, 404),
        ("/reports/users.csv?dealer=ACME", 200, 404, 404, 404),
        ("/reports/payments.csv?dealer=ACME", 200, 404, 404, 404),
        ("/reports/users.csv?dealer=IBERIA", 200, 404, 404, 404),
        ("/receipts/2026-11-24/altas.csv.json", 404, 200, 200, 404),
        ("/receipts/2026-11-24/pagos.csv.json", 404, 200, 404, 404),
        ("/receipts/pagos.csv.json", 404, 200, 404, 404),
        ("/receipts/altas.csv.json", 404, 200, 200, 404),
        ("/receipts/2026-11-24/pagos.csv.json?dealer=ACME", 200, 404, 404, 404),
        ("/receipts/2026-11-20/colectivos.csv.json", 200, 404, 404, 404),
        ("/errors/2026-11-24/altas.csv.errors.csv", 404, 200, 200, 404),
        ("/errors/2026-11-24/pagos.csv.errors.csv", 404, 200, 404, 404),
        ("/receipts/2026-11-24/mis-altas.csv.json", 404, 404, 404, 200),
        ("/errors/2026-11-24/mis-altas.csv.errors.csv", 404, 404, 404, 200),
        ("/upload", 200, 200, 200, 200),
        ("/accounts/", 200, 404, 404, 404),
        ("/audit/", 200, 404, 404, 404),
        ("/audit/?account=ana", 200, 404, 404, 404),
        ("/reversals/", 200, 404, 404, 404),
        ("/upload/status?file=usuarios.csv&sha256=\(String(repeating: "0", count: 64))", 200, 200, 200, 200),
        ("/no-such-route", 404, 404, 404, 404),
    ]

    @Test func everyRouteAnswersEachRoleAsExpected() async throws {
        let fixture = try Self.fixture()
        defer { fixture.remove() }
        try await fixture.test { client in
            let missing = try await client.execute(uri: "/reports/no-such-file.csv", method: .get, headers: basic("ana"))
            #expect(missing.status == .notFound)
            for row in Self.matrix {
                for (role, expected) in zip(Self.roles, [row.olga, row.ana, row.tomas, row.vera]) {
                    var headers = basic(role)
                    headers[.accept] = "text/html"
                    let response = try await client.execute(uri: row.uri, method: .get, headers: headers)
                    #expect(Int(response.status.code) == expected, "\(role) GET \(row.uri)")
                    if expected == 404 {
                        #expect(response.body == missing.body, "\(role) GET \(row.uri): the 404 of a missing file, byte for byte")
                    }
                }
            }
        }
    }

    /// The forms: a role that may not use one gets the 404 of a missing file, and nothing changes.
    static let posts: [(uri: String, fields: [String: String])] = [
        ("/accounts/add", ["name": "x", "role": "admin", "dealer": "ACME", "email": "x@acme.example", "password": "a long password"]),
        ("/accounts/change", ["name": "ana", "role": "master"]),
        ("/accounts/disable", ["name": "olga"]),
        ("/accounts/enable", ["name": "olga"]),
        ("/accounts/remove", ["name": "olga"]),
        ("/reversals/approve", ["id": "PA-0002"]),
    ]

    @Test func theMastersFormsAnswerEveryOtherRoleAsAMissingFile() async throws {
        let fixture = try Self.fixture()
        defer { fixture.remove() }
        let before = try Data(contentsOf: fixture.url("portal/users.json"))
        try await fixture.test { client in
            let missing = try await client.execute(uri: "/reports/no-such-file.csv", method: .get, headers: basic("ana"))
            for role in ["ana", "tomas", "vera"] {
                for post in Self.posts {
                    var headers = basic(role)
                    headers[.accept] = "text/html"
                    headers[.contentType] = "application/x-www-form-urlencoded"
                    let response = try await client.execute(uri: post.uri, method: .post, headers: headers, body: form(post.fields))
                    #expect(response.status == .notFound && response.body == missing.body, "\(role) POST \(post.uri)")
                }
            }
        }
        #expect(try Data(contentsOf: fixture.url("portal/users.json")) == before)
        #expect(!FileManager.default.fileExists(atPath: fixture.url("inbox/pagos-aprobados-PA-0002.csv").path))
    }

    @Test func listingsLeaveOutWhatTheRoleMayNotSee() async throws {
        let fixture = try Self.fixture()
        defer { fixture.remove() }
        try await fixture.test { client in
            var seen: [String: [String]] = [:]
            for (uri, account) in [("/reports/", "tomas"), ("/reports/", "vera"), ("/reports/", "ana"),
                                   ("/receipts/", "tomas"), ("/receipts/", "ana"), ("/receipts/", "vera")] {
                let body = try await client.execute(uri: uri, method: .get, headers: basic(account)).body
                let list = try JSONSerialization.jsonObject(with: Data(buffer: body)) as? [[String: Any]] ?? []
                seen[account + uri] = list.compactMap { ($0["name"] ?? $0["input"]) as? String }.sorted()
            }
            #expect(seen["tomas/reports/"] == ["collective-status.csv", "contract-history.csv", "users.csv", "users.xlsx"])
            #expect(seen["vera/reports/"] == ["payments.csv", "users.csv"])
            #expect(seen["ana/reports/"]?.contains("payments.csv") == true)
            #expect(seen["tomas/receipts/"] == ["altas.csv", "old.csv"])
            #expect(seen["ana/receipts/"] == ["altas.csv", "old.csv", "pagos.csv"])
            #expect(seen["vera/receipts/"] == ["mis-altas.csv"])
        }
    }

    /// A technician and a seller send users files only; the note beside the file names the
    /// account, and for a seller its seller code (the pipeline applies the file in that scope).
    @Test(arguments: [("tomas", nil), ("vera", "V01")] as [(String, String?)])
    func aTechnicianOrSellerCannotSendAPaymentsFileButSendsAUsersFile(account: String, seller: String?) async throws {
        let fixture = try Self.fixture()
        defer { fixture.remove() }
        try await fixture.test { client in
            let payments = multipart(files: [("file", "pagos-diciembre.csv",
                                              "Id pago;Fecha;Contrato;Nº Documento;Importe;Moneda;Método;Periodo;Tipo;Pago original\r\nP1;20/11/2026;;12345678Z;9,90;EUR;;;;\r\n")])
            var headers = basic(account)
            headers[.contentType] = payments.1
            let refused = try await client.execute(uri: "/inbox", method: .post, headers: headers, body: payments.0)
            #expect(refused.status == .forbidden)
            #expect(String(buffer: refused.body).contains("LAYOUT_NOT_ALLOWED"))
            #expect(!FileManager.default.fileExists(atPath: fixture.url("inbox/ACME/pagos-diciembre.csv").path))
            let users = multipart(files: [("file", "usuarios.csv", PortalFixture.usersFile)])
            headers[.contentType] = users.1
            let stored = try await client.execute(uri: "/inbox", method: .post, headers: headers, body: users.0)
            #expect(stored.status == .created)
            let target = fixture.url("inbox/ACME/usuarios.csv")
            #expect(FileManager.default.fileExists(atPath: target.path))
            #expect(DoneMarkers.uploaderDetails(of: target) == DoneMarkers.Uploader(account: account, seller: seller))
        }
    }

    @Test func aDisabledAccountIsAnsweredAsAWrongPasswordAndItsSessionEndsAtOnce() async throws {
        let fixture = try Self.fixture()
        defer { fixture.remove() }
        try await fixture.test { client in
            let (ana, _) = try await client.signIn("ana")
            #expect(try await client.get("/reports/", ana).status == .ok)
            let (_, wrong) = try await client.signIn("ana", password: "not the password")
            try AccountBook(workspace: try fixture.workspace()).setDisabled(name: "ana", true)
            #expect(try await client.get("/reports/", ana).status == .seeOther, "the open session ends at its next request")
            let (_, disabled) = try await client.signIn("ana")
            #expect(disabled.status == wrong.status)
            #expect(String(buffer: disabled.body).contains(PortalText(language: .es).wrongCredentials))
            #expect(try await client.execute(uri: "/reports/", method: .get, headers: basic("ana")).status == .unauthorized)
        }
    }
}
