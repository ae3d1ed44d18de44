import DealersCore
import DealersTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import DealersPortal

/// The receipts API and corrections (issue 34): the repository's sample files run by the built
/// binary as of 2026-11-24 (`usuarios-2026-11.csv`: Windows-1252, `;`, CRLF, 6 rejected rows),
/// then read and corrected through the in-process portal.
@Suite("The receipts API and corrections")
struct ReceiptAPITests {
    static let original = "/api/receipts/2026-11-24/usuarios-2026-11.csv"
    static let correction = "usuarios-2026-11.correccion-2026-11-24.csv"

    /// The sample workspace after one run, with a master (olga), ACME's admin (ana) and IBERIA's (ivan).
    static func sampleRun() throws -> TestWorkspace {
        let ws = try TestWorkspace.sampleRun()
        let book = AccountBook(workspace: try Workspace(root: ws.root), hasher: PasswordHasher(cost: 4))
        try book.add(.init(name: "olga", role: .master, email: "olga@operator.example"), password: PortalFixture.password)
        try book.add(.init(name: "ana", role: .admin, dealer: "ACME", email: "ana@acme.example"), password: PortalFixture.password)
        try book.add(.init(name: "ivan", role: .admin, dealer: "IBERIA", email: "ivan@iberia.example"), password: PortalFixture.password)
        return ws
    }

    static func test(_ ws: TestWorkspace, maxUploadBytes: Int? = nil,
                     _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        var configuration = PortalConfiguration(workspace: try Workspace(root: ws.root))
        configuration.clock = ManualClock()
        if let maxUploadBytes { configuration.uploads.maxFileBytes = maxUploadBytes }
        let app = Application(router: Portal(configuration: configuration).router())
        try await app.test(.router) { client in try await body(client) }
    }

    /// Runs `body` against the portal and returns what it returns.
    static func testValue<T: Sendable>(_ ws: TestWorkspace, _ body: @escaping @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        let box = ValueBox<T>()
        try await test(ws) { client in box.set(try await body(client)) }
        return try #require(box.get())
    }

    static func json(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any], "\(String(buffer: response.body))")
    }

    static func post(_ client: any TestClientProtocol, _ uri: String, as name: String, _ body: String) async throws -> TestResponse {
        var headers = basic(name)
        headers[.contentType] = "application/json"
        return try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    static func waiting(_ ws: TestWorkspace) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: ws.url("inbox").path).filter { !$0.hasPrefix(".") && $0 != "ACME" && $0 != "IBERIA" }.sorted()
    }

    @Test func theListingAndOneProcessingWithItsErrorsAndRejectedRowsAsInTheFile() async throws {
        let ws = try Self.sampleRun()
        defer { ws.remove() }
        try await Self.test(ws) { client in
            let list = try Self.json(try await client.execute(uri: "/api/receipts", method: .get, headers: basic("olga")))
            let receipts = try #require(list["receipts"] as? [[String: Any]])
            let users = try #require(receipts.first { $0["input"] as? String == "usuarios-2026-11.csv" })
            #expect(users["date"] as? String == "2026-11-24")
            #expect(users["name"] as? String == "usuarios-2026-11.csv")
            #expect(users["status"] as? String == "PARTIAL")
            #expect(users["href"] as? String == Self.original)
            #expect((users["rows"] as? [String: Int]) == ["read": 12, "applied": 6, "rejected": 6])
            let started = receipts.compactMap { $0["startedAt"] as? String }
            #expect(started == started.sorted(by: >), "newest first")

            let detail = try Self.json(try await client.execute(uri: Self.original, method: .get, headers: basic("olga")))
            #expect(detail["status"] as? String == "PARTIAL")
            #expect((detail["actions"] as? [String: Int]) == ["ALTA": 5, "EXTENSION": 1])
            #expect(detail["durationSeconds"] is Double)
            let errors = try #require(detail["errors"] as? [[String: Any]])
            #expect(errors.count == 7)
            let bad = try #require(errors.first { $0["code"] as? String == "INVALID_FORMAT" && $0["value"] as? String == "45678901A" })
            #expect(bad["line"] as? Int == 6)
            #expect(bad["column"] as? Int == 4)
            #expect(bad["field"] as? String == "Nº Documento")
            #expect((bad["message"] as? String)?.contains("la letra de control debería ser G") == true, "in the workspace's language")
            let rows = try #require(detail["rejectedRows"] as? [[String: Any]])
            #expect(rows.count == 6)
            let six = try #require(rows.first { $0["line"] as? Int == 6 })
            let cells = try #require(six["cells"] as? [String: String])
            #expect(cells["Nº Documento"] == "45678901A" && cells["Nombre"] == "Lucía" && cells["Acción"] == "ALTA")
            #expect(Set(rows.compactMap { $0["line"] as? Int }) == Set(errors.compactMap { $0["line"] as? Int }.filter { $0 > 1 }))
            #expect(detail["corrections"] as? String == Self.original + "/corrections")

            let paged = try Self.json(try await client.execute(uri: Self.original + "?offset=2&limit=2", method: .get, headers: basic("olga")))
            #expect((paged["errors"] as? [Any])?.count == 2 && (paged["rejectedRows"] as? [Any])?.count == 2)
            #expect((paged["page"] as? [String: Int]) == ["offset": 2, "limit": 2, "errors": 7, "rejectedRows": 6])
        }
    }

    @Test func anotherDealersProcessingIsTheSame404AsAMissingOne() async throws {
        let ws = try Self.sampleRun()
        defer { ws.remove() }
        try await Self.test(ws) { client in
            let missing = try await client.execute(uri: "/api/receipts/2026-11-24/nada.csv", method: .get, headers: basic("ana"))
            #expect(missing.status == .notFound)
            for uri in [Self.original, "/api/receipts/2026-11-24/altas-acme.csv?dealer=ACME", "/api/receipts/2026-11-24/..%2Fusuarios-2026-11.csv"] {
                let other = try await client.execute(uri: uri, method: .get, headers: basic("ana"))
                #expect(other.status == .notFound, "\(uri)")
                #expect(other.body == missing.body, "\(uri)")
            }
            let ivan = try await client.execute(uri: "/api/receipts/2026-11-24/altas-acme.csv", method: .get, headers: basic("ivan"))
            #expect(ivan.status == .notFound && ivan.body == missing.body)
            let corrected = try await Self.post(client, Self.original + "/corrections", as: "ana", #"{"rows": [{"line": 6, "cells": {"Nº Documento": "45678901G"}}]}"#)
            #expect(corrected.status == .notFound && corrected.body == missing.body)
            #expect(try Self.waiting(ws).isEmpty)
            let own = try Self.json(try await client.execute(uri: "/api/receipts/2026-11-24/altas-acme.csv", method: .get, headers: basic("ana")))
            #expect(own["input"] as? String == "altas-acme.csv")
            let master = try await client.execute(uri: "/api/receipts/2026-11-24/altas-acme.csv?dealer=ACME", method: .get, headers: basic("olga"))
            #expect(master.status == .ok)
            let list = try Self.json(try await client.execute(uri: "/api/receipts", method: .get, headers: basic("ana")))
            #expect((list["receipts"] as? [[String: Any]])?.map { $0["input"] as? String } == ["altas-acme.csv"])
        }
    }

    @Test func aCorrectionIsANewFileInTheOriginalsLayoutDelimiterAndEncoding() async throws {
        let ws = try Self.sampleRun()
        defer { ws.remove() }
        try await Self.test(ws) { client in
            let body = #"{"rows": [{"line": 6, "cells": {"Nº Documento": "45678901G"}}, {"line": 5, "cells": {"Email": "iñigo@example.es", "Fecha nacimiento": "28/02/1975"}}]}"#
            let response = try await Self.post(client, Self.original + "/corrections", as: "olga", body)
            #expect(response.status == .accepted, "\(String(buffer: response.body))")
            let answer = try Self.json(response)
            #expect(answer["inbox"] as? String == Self.correction)
            let data = try Data(contentsOf: ws.url("inbox/" + Self.correction))
            let checksum = try Checksum.sha256(of: ws.url("inbox/" + Self.correction))
            #expect(answer["status"] as? String == "/upload/status?file=\(Self.correction)&sha256=\(checksum)")
            let original = try Data(contentsOf: TestWorkspace.repository.appendingPathComponent("inbox/usuarios-2026-11.csv"))
            let originalLines = original.split(separator: 0x0A, omittingEmptySubsequences: false)
            let lines = data.split(separator: 0x0A, omittingEmptySubsequences: false)
            #expect(lines.first == originalLines.first, "the header's bytes as they were (Windows-1252, CR)")
            #expect(lines.count == 4 && lines.last?.isEmpty == true, "the header and the two rows sent, in file order, each ending CRLF")
            let text = try #require(String(data: data, encoding: .windowsCP1252))
            #expect(text.contains("ALTA;ASOC-SUR;DNI;34567890V;Íñigo;Larrañaga;iñigo@example.es;699 999 999;28/02/1975;TITULAR;;;\r\n"))
            #expect(text.hasSuffix("ALTA;ASOC-SUR;DNI;45678901G;Lucía;Fernández;lucia@example.es;;;TITULAR;;;\r\n"))
            #expect(String(data: data, encoding: .utf8) == nil, "not UTF-8: Windows-1252 stays Windows-1252")
            #expect(try ws.text("inbox/.\(Self.correction).uploaded-by") == "olga\n")
            let audit = try FileManager.default.contentsOfDirectory(atPath: ws.url("portal/audit").path)
                .map { try String(contentsOf: ws.url("portal/audit/" + $0), encoding: .utf8) }.joined()
            #expect(audit.contains("\"action\":\"correction\"") && audit.contains("inbox/\(Self.correction)"), "\(audit)")

            let again = try await Self.post(client, Self.original + "/corrections", as: "olga", body)
            #expect(again.status == .conflict)
            let conflict = try Self.json(again)
            #expect(conflict["error"] as? String == "ALREADY_WAITING")
            #expect((conflict["message"] as? String)?.contains(Self.correction) == true, "names the file")
        }
    }

    @Test(arguments: [
        (#"{"rows": [{"line": 2, "cells": {"Nombre": "X"}}]}"#, "NOT_REJECTED_LINE", "2"),
        (#"{"rows": [{"line": 6, "cells": {"Nº Doc": "X"}}]}"#, "UNKNOWN_COLUMN", "Nº Doc"),
        (#"{"rows": [{"line": 6, "cells": {"Nombre": "\#(String(repeating: "a", count: 1_001))"}}]}"#, "CELL_TOO_LONG", "1000"),
        (#"{"rows": [{"line": 6, "cells": {"Nombre": "Łucja"}}]}"#, "NOT_ENCODABLE", "windows-1252"),
        (#"{"rows": [{"line": 6, "cells": {}}, {"line": 6, "cells": {}}]}"#, "REPEATED_LINE", "6"),
        (#"{"rows": []}"#, "NO_ROWS", "ninguna fila"),
    ])
    func aCorrectionOutsideTheRejectedRowsAndColumnsIsRefusedNamingItAndNothingIsWritten(body: String, code: String, named: String) async throws {
        let ws = try Self.sampleRun()
        defer { ws.remove() }
        try await Self.test(ws) { client in
            let response = try await Self.post(client, Self.original + "/corrections", as: "olga", body)
            #expect(response.status == .unprocessableContent)
            let answer = try Self.json(response)
            #expect(answer["error"] as? String == code)
            #expect((answer["message"] as? String)?.contains(named) == true, "\(answer)")
            #expect(try Self.waiting(ws).isEmpty)
        }
    }

    @Test func malformedOrHugeBodiesAreRefusedWithAJSONError() async throws {
        let ws = try Self.sampleRun()
        defer { ws.remove() }
        try await Self.test(ws, maxUploadBytes: 4_096) { client in
            for body in ["{\"rows\": [", "[1, 2]", #"{"rows": [{"line": "6", "cells": {}}]}"#, #"{"rows": [{"line": 6, "cells": {"Nombre": 7}}]}"#] {
                let response = try await Self.post(client, Self.original + "/corrections", as: "olga", body)
                #expect(response.status == .badRequest, "\(body)")
                #expect(try Self.json(response)["error"] as? String == "BAD_JSON")
            }
            let huge = #"{"rows": [{"line": 6, "cells": {"Nombre": ""# + String(repeating: "a", count: 8_000) + #""}}]}"#
            let response = try await Self.post(client, Self.original + "/corrections", as: "olga", huge)
            #expect(response.status == .contentTooLarge)
            #expect(try Self.json(response)["error"] as? String == "TOO_LARGE")
            #expect(try Self.waiting(ws).isEmpty)
        }
    }

    @Test func aSessionNeedsItsCSRFTokenToSendACorrection() async throws {
        let ws = try Self.sampleRun()
        defer { ws.remove() }
        try await Self.test(ws) { client in
            let (browser, _) = try await client.signIn("olga")
            var headers = browser.headers
            headers[.contentType] = "application/json"
            let body = ByteBuffer(string: #"{"rows": [{"line": 6, "cells": {"Nº Documento": "45678901G"}}]}"#)
            let stale = try await client.execute(uri: Self.original + "/corrections", method: .post, headers: headers, body: body)
            #expect(stale.status == .forbidden)
            #expect(try Self.waiting(ws).isEmpty)
            headers[.csrfToken] = try await client.sessionCSRF(browser)
            let sent = try await client.execute(uri: Self.original + "/corrections", method: .post, headers: headers, body: body)
            #expect(sent.status == .accepted)
            #expect(try Self.waiting(ws) == [Self.correction])
        }
    }

    @Test func theCorrectedRowsAreAppliedOnceAndTheCorrectionsReceiptPointsBack() async throws {
        let ws = try Self.sampleRun()
        defer { ws.remove() }
        let body = #"{"rows": [{"line": 6, "cells": {"Nº Documento": "45678901G"}}]}"#
        try await Self.test(ws) { client in
            let sent = try await Self.post(client, Self.original + "/corrections", as: "olga", body)
            #expect(sent.status == .accepted)
        }
        #expect(try ws.run(["run", "--as-of", "2026-11-24"]).status == 0)
        #expect(try ws.user("45678901G") != nil, "the corrected row is applied")
        try await Self.test(ws) { client in
            let list = try Self.json(try await client.execute(uri: "/api/receipts", method: .get, headers: basic("olga")))
            let receipts = try #require(list["receipts"] as? [[String: Any]])
            let fix = try #require(receipts.first { $0["input"] as? String == Self.correction })
            #expect(fix["status"] as? String == "APPLIED")
            #expect(fix["corrects"] as? String == Self.original)
            #expect((fix["rows"] as? [String: Int]) == ["read": 1, "applied": 1, "rejected": 0])
            // The same corrected content again: recognised by its checksum, never applied twice.
            #expect(try await Self.post(client, Self.original + "/corrections", as: "olga", body).status == .accepted)
        }
        #expect(try ws.run(["run", "--as-of", "2026-11-24"]).status == 0)
        let second = try ws.receipt("outbox/receipts/2026-11-24/usuarios-2026-11.correccion-2026-11-24.2.csv.json")
        #expect(second.status == .duplicate)
        #expect(second.rows.applied == 0)
    }
}

/// A value handed out of a test client's closure.
final class ValueBox<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: T?
    func set(_ new: T) { lock.withLock { value = new } }
    func get() -> T? { lock.withLock { value } }
}
