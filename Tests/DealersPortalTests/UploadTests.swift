import DealersCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import DealersPortal

@Suite("Uploads into the dealer's inbox")
struct UploadTests {
    func inbox(_ fixture: PortalFixture, _ dealer: String) throws -> [String] {
        // The uploader notes (`.<name>.uploaded-by`) are asserted on their own.
        try FileManager.default.contentsOfDirectory(atPath: fixture.url("inbox/\(dealer)").path).filter { !$0.hasSuffix(".uploaded-by") }.sorted()
    }

    @Test func theFormStoresTheFileInTheDealersInboxThenShowsItsReceipt() async throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        try await fixture.test { client in
            let (browser, _) = try await client.signIn("ana")
            let token = try await client.sessionCSRF(browser)
            let (body, type) = multipart(fields: ["csrf": token], files: [("file", "usuarios.csv", PortalFixture.usersFile)])
            var headers = browser.headers
            headers[.contentType] = type
            let response = try await client.execute(uri: "/upload", method: .post, headers: headers, body: body)
            #expect(response.status == .seeOther)
            #expect(try inbox(fixture, "ACME") == ["usuarios.csv"], "no staging folder or temporary file is left")
            #expect(try String(contentsOf: fixture.url("inbox/ACME/.usuarios.csv.uploaded-by"), encoding: .utf8) == "ana\n")
            #expect(try String(contentsOf: fixture.url("inbox/ACME/usuarios.csv"), encoding: .utf8) == PortalFixture.usersFile)
            let checksum = try Checksum.sha256(of: fixture.url("inbox/ACME/usuarios.csv"))
            let location = try #require(response.headers[.location])
            #expect(location == "/upload/status?file=usuarios.csv&sha256=\(checksum)")

            let waiting = String(buffer: try await client.get(location, browser).body)
            #expect(waiting.contains("<meta http-equiv=\"refresh\" content=\"2\">"))
            #expect(waiting.contains("Esperando"))

            // An earlier processing of the same name, with other content, is not this upload's.
            try fixture.write("outbox/ACME/receipts/2026-11-25/usuarios.csv.json",
                              PortalFixture.receipt(input: "usuarios.csv", status: "REJECTED", startedAt: "2026-11-25T09:00:00Z", dealer: "ACME",
                                                    outputs: ["errors/2026-11-25/usuarios.csv.errors.csv"], checksum: "other"))
            try fixture.write("outbox/ACME/errors/2026-11-25/usuarios.csv.errors.csv", "earlier\r\n")
            #expect(String(buffer: try await client.get(location, browser).body).contains("Esperando"))

            let receipt = PortalFixture.receipt(input: "usuarios.csv", status: "PARTIAL", startedAt: "2026-11-25T10:00:00Z", dealer: "ACME",
                                                outputs: ["errors/2026-11-25/usuarios.2.csv.errors.csv", "receipts/2026-11-25/usuarios.2.csv.json"],
                                                checksum: checksum)
            try fixture.write("outbox/ACME/errors/2026-11-25/usuarios.2.csv.errors.csv", "Línea\r\n")
            try fixture.write("outbox/ACME/receipts/2026-11-25/usuarios.2.csv.json", receipt)
            try fixture.write("outbox/ACME/receipts/usuarios.csv.json", receipt)
            let done = String(buffer: try await client.get(location, browser).body)
            #expect(done.contains("<span class=\"status PARTIAL\">PARCIAL</span>"), "the status in the page's language (issue 34)")
            #expect(done.contains("href=\"/receipts/2026-11-25/usuarios.2.csv.json\""))
            #expect(done.contains("href=\"/errors/2026-11-25/usuarios.2.csv.errors.csv\""))
            #expect(!done.contains("REJECTED") && !done.contains("href=\"/errors/2026-11-25/usuarios.csv.errors.csv\""))
            #expect(!done.contains("http-equiv=\"refresh\""))

            let script = try await client.execute(uri: location, method: .get, headers: basic("ana"))
            let answer = try #require(try JSONSerialization.jsonObject(with: Data(buffer: script.body)) as? [String: Any])
            #expect(answer["url"] as? String == "/receipts/2026-11-25/usuarios.2.csv.json")
            #expect(answer["errorFiles"] as? [String] == ["/errors/2026-11-25/usuarios.2.csv.errors.csv"])
        }
    }

    @Test func scriptsPostToTheInboxWithHTTPBasic() async throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        try await fixture.test { client in
            let (body, type) = multipart(files: [("file", "usuarios.csv", PortalFixture.usersFile)])
            var headers = basic("ivan")
            headers[.contentType] = type
            let response = try await client.execute(uri: "/inbox", method: .post, headers: headers, body: body)
            #expect(response.status == .created)
            let answer = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: String])
            #expect(answer["file"] == "usuarios.csv")
            #expect(answer["layout"] == "users")
            #expect(try inbox(fixture, "IBERIA") == ["usuarios.csv"])
            #expect(try inbox(fixture, "ACME") == [])
        }
    }

    @Test func aFileNoLayoutReadsIsRefusedWithTheReasonDealersLayoutsGives() async throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        let content = "hello;world\r\n1;2\r\n"
        try fixture.write("probe/notas.csv", content)
        let expected = try LayoutCatalog(folder: fixture.url("layouts")).identify(fixture.url("probe/notas.csv"))
        #expect(expected.layout == nil)
        try await fixture.test { client in
            let (body, type) = multipart(files: [("file", "notas.csv", content)])
            var headers = basic("ana")
            headers[.contentType] = type
            let response = try await client.execute(uri: "/inbox", method: .post, headers: headers, body: body)
            #expect(response.status == .unprocessableContent)
            let answer = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: String])
            #expect(answer["error"] == "UNKNOWN_LAYOUT")
            #expect(answer["message"]?.contains(expected.reason) == true)
            #expect(try inbox(fixture, "ACME") == [])
        }
    }

    @Test func sizeCountAndNameLimitsAreEnforced() async throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        try await fixture.test({ $0.uploads.maxFileBytes = 1024; $0.uploads.maxWaitingFiles = 2 }) { client in
            func post(_ fileName: String, _ content: String, files count: Int = 1) async throws -> String {
                let (body, type) = multipart(files: Array(repeating: ("file", fileName, content), count: count))
                var headers = basic("ana")
                headers[.contentType] = type
                let response = try await client.execute(uri: "/inbox", method: .post, headers: headers, body: body)
                let answer = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: String]
                return "\(response.status.code) \(answer?["error"] ?? answer?["file"] ?? "")"
            }
            let answer1 = try await post("grande.csv", PortalFixture.usersFile + String(repeating: "x", count: 200_000))
            #expect(answer1 == "413 TOO_LARGE")
            let answer2 = try await post("dos.csv", PortalFixture.usersFile, files: 2)
            #expect(answer2 == "400 NOT_ONE_FILE")
            let answer3 = try await post(".oculto.csv", PortalFixture.usersFile)
            #expect(answer3 == "400 BAD_FILE_NAME")
            let answer4 = try await post("a.csv.part", PortalFixture.usersFile)
            #expect(answer4 == "400 BAD_FILE_NAME")
            let answer5 = try await post("usuarios-1.csv", PortalFixture.usersFile)
            #expect(answer5 == "201 usuarios-1.csv")
            let answer6 = try await post("usuarios-1.csv", PortalFixture.usersFile)
            #expect(answer6 == "409 ALREADY_WAITING")
            let answer7 = try await post("usuarios-2.csv", PortalFixture.usersFile)
            #expect(answer7 == "201 usuarios-2.csv")
            let answer8 = try await post("usuarios-3.csv", PortalFixture.usersFile)
            #expect(answer8 == "429 TOO_MANY_WAITING")
            #expect(try inbox(fixture, "ACME") == ["usuarios-1.csv", "usuarios-2.csv"])
        }
    }

    @Test func aClientsPathInTheFileNameIsDroppedAndNeverLeavesTheDealersInbox() async throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        try await fixture.test { client in
            for name in ["../IBERIA/usuarios.csv", "..\\IBERIA\\usuarios.csv", "C:\\Users\\ana\\usuarios.csv"] {
                try? FileManager.default.removeItem(at: fixture.url("inbox/ACME/usuarios.csv"))
                let (body, type) = multipart(files: [("file", name, PortalFixture.usersFile)])
                var headers = basic("ana")
                headers[.contentType] = type
                let response = try await client.execute(uri: "/inbox", method: .post, headers: headers, body: body)
                let stored = try inbox(fixture, "ACME")
                #expect(response.status == .created)
                #expect(stored == ["usuarios.csv"])
                #expect(!FileManager.default.fileExists(atPath: fixture.url("inbox/IBERIA").path))
            }
        }
    }

    @Test func multipartBodiesAreSplitIntoFieldsAndFiles() throws {
        let (buffer, type) = multipart(fields: ["csrf": "abc"], files: [("file", "año.csv", "x\r\n--y\r\nz")])
        let boundary = try #require(MultipartForm.boundary(contentType: type))
        let form = try #require(MultipartForm(body: Data(buffer: buffer), boundary: boundary))
        #expect(form.text("csrf") == "abc")
        #expect(form.files.count == 1)
        #expect(String(decoding: form.files[0].data, as: UTF8.self) == "x\r\n--y\r\nz")
        #expect(MultipartForm(body: Data("garbage".utf8), boundary: boundary) == nil)
        #expect(MultipartForm.boundary(contentType: "text/plain") == nil)
    }

    @Test func theStatusPageReadsOnlyReceiptsNamedAfterTheUploadedName() {
        for file in ["usuarios.csv.json", "usuarios.2.csv.json", "usuarios.13.csv.json"] {
            #expect(ReceiptShelf.couldBeReceipt(file, of: "usuarios.csv"), "\(file)")
        }
        for file in ["usuarios.csv", "usuarios.x.csv.json", "usuarios..csv.json", "usuarios.02.csv.json", "usuarios.-2.csv.json",
                     "otros.csv.json", "usuarios.2.xlsx.json", "usuarios.csv.errors.csv"] {
            #expect(!ReceiptShelf.couldBeReceipt(file, of: "usuarios.csv"), "\(file)")
        }
        #expect(ReceiptShelf.couldBeReceipt("LEEME.2.json", of: "LEEME"))
    }
}
