import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import DealersPortal

/// Played as an attacker signed in as ACME's `ana`: everything outside `outbox/ACME/` must
/// answer exactly what a missing file answers.
@Suite("Isolation: a dealer reaches only its own folders")
struct IsolationTests {
    static let attempts = [
        // another dealer's files, by their real names
        "/reports/iberia-only.csv", "/receipts/pymes.csv.json", "/errors/pymes.csv.errors.csv",
        "/receipts/2026-11-19/pymes.2.csv.json", "/receipts/2026-11-19/",
        // a file of another dealer in a date folder that ACME has too
        "/receipts/2026-11-24/iberia.csv.json", "/errors/2026-11-24/iberia.csv.errors.csv",
        // the operator's
        "/reports/operator-only.csv", "/receipts/colectivos.csv.json", "/receipts/2026-11-20/colectivos.csv.json",
        // traversal, plain and encoded, slashes and backslashes
        "/reports/../../IBERIA/reports/users.csv", "/reports/..%2F..%2FIBERIA%2Freports%2Fusers.csv",
        "/reports/%2e%2e%2f%2e%2e%2fIBERIA%2freports%2fusers.csv", "/reports/..%252F..%252Fdealers.json",
        "/reports/..%5C..%5CIBERIA%5Creports%5Cusers.csv", "/reports/..", "/reports/%2e%2e", "/reports/.",
        "/reports/users.csv%2F..%2F..%2F..%2Fdealers.json", "/reports/users.csv/..", "/reports//etc/passwd",
        "/reports/%00users.csv", "/reports/users.csv%00",
        // `..` and other non-dates as a date, slashes inside a date or a name
        "/receipts/../altas.csv.json", "/receipts/%2e%2e/altas.csv.json", "/receipts/..%2F..%2FIBERIA%2Freceipts/pymes.csv.json",
        "/receipts/%2e%2e%2f%2e%2e%2fIBERIA%2freceipts%2f2026-11-20/pymes.csv.json", "/errors/../receipts/altas.csv.json",
        "/receipts/2026-11-24%2F..%2F..%2F..%2FIBERIA%2Freceipts%2F2026-11-24/iberia.csv.json", "/receipts/./altas.csv.json",
        "/receipts/2026-11-24/..", "/receipts/2026-11-24/.", "/receipts/2026-11-24/%2e%2e", "/receipts/2026-11-24/..%2Faltas.csv.json",
        "/errors/2026-11-24/..%2F..%2F..%2FIBERIA%2Ferrors%2F2026-11-24%2Fiberia.csv.errors.csv", "/receipts/2026-11-24%00/altas.csv.json",
        "/receipts/2026-11-24/altas.csv.json/x", "/receipts/20261124/altas.csv.json", "/receipts/2026-11-24",
        "/errors/2026-11-24", "/errors/..%5C..%5CIBERIA%5Cerrors/iberia.csv.errors.csv",
        // symbolic links: date folders linked to IBERIA's, a receipt linked to IBERIA's in its own date folder
        "/receipts/2026-11-20/pymes.csv.json", "/errors/2026-11-20/pymes.csv.errors.csv", "/receipts/2026-11-24/link.json",
        // error files at the top of `errors/`: there is no such route
        "/errors/altas.rejected.csv", "/errors/altas.csv.errors.csv",
        // a symbolic link to another dealer's file, hidden and temporary files, folders
        "/reports/link.csv", "/reports/.users.csv.123.tmp", "/receipts/..%2Freports", "/errors/",
        // the workspace's own files and other routes
        "/dealers.json", "/portal/users.json", "/layouts/users.json", "/IBERIA/reports/users.csv",
        "/outbox/IBERIA/reports/users.csv", "/inbox/ACME", "/store/", "/reports/users.csv.bak",
        // asking for another dealer's folder, or naming its own, by the operator's parameter
        "/reports/iberia-only.csv?dealer=IBERIA", "/reports/users.csv?dealer=ACME", "/receipts/pymes.csv.json?dealer=IBERIA",
        "/reports/?dealer=IBERIA", "/receipts/?dealer=ACME", "/errors/pymes.csv.errors.csv?dealer=IBERIA",
        "/receipts/2026-11-24/altas.csv.json?dealer=ACME", "/receipts/2026-11-24/iberia.csv.json?dealer=IBERIA",
        "/errors/2026-11-20/pymes.csv.errors.csv?dealer=IBERIA", "/receipts/altas.csv.json?dealer=ACME",
        // guessed receipt names
        "/receipts/usuarios.csv.json", "/receipts/pymes.2.csv.json", "/receipts/altas.csv.json.json",
        "/receipts/2026-11-24/altas.2.csv.json", "/receipts/2026-11-25/altas.csv.json", "/errors/2026-11-24/altas.errors.xlsx",
    ]

    @Test func everyTraversalGuessAndForeignNameAnswersTheSame404AsAMissingFile() async throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        try await fixture.test { client in
            let (browser, _) = try await client.signIn("ana")
            let missing = try await client.get("/reports/no-such-report.csv", browser)
            #expect(missing.status == .notFound)
            let reference = Data(buffer: missing.body)
            for attempt in Self.attempts {
                let response = try await client.get(attempt, browser)
                #expect(response.status == .notFound, "\(attempt)")
                #expect(Data(buffer: response.body) == reference, "\(attempt)")
                #expect(response.headers[.contentType] == missing.headers[.contentType], "\(attempt)")
                #expect(response.headers[.contentLength] == missing.headers[.contentLength], "\(attempt)")
                #expect(response.headers[.setCookie] == nil, "\(attempt)")
            }
            for method in [HTTPRequest.Method.post, .put, .delete, .patch] {
                for path in ["/reports/users.csv", "/reports/no-such-report.csv", "/reports/iberia-only.csv"] {
                    let response = try await client.execute(uri: path, method: method, headers: browser.headers)
                    #expect(response.status == .notFound, "\(method) \(path)")
                    #expect(Data(buffer: response.body) == reference, "\(method) \(path)")
                }
            }
            for attempt in Self.attempts {
                let response = try await client.execute(uri: attempt, method: .get, headers: basic("ana"))
                #expect(response.status == .notFound, "\(attempt)")
                #expect(Data(buffer: response.body) == reference, "\(attempt) (HTTP Basic)")
            }
        }
    }

    @Test func nothingOfAnotherDealerAppearsInAnyPageOrListing() async throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        try await fixture.test { client in
            let (browser, _) = try await client.signIn("ana")
            for page in ["/reports/", "/receipts/", "/upload", "/upload/status?file=pymes.csv&sha256=\(String(repeating: "0", count: 64))",
                         "/upload/status?file=iberia.csv&sha256=\(String(repeating: "0", count: 64))"] {
                let html = String(buffer: try await client.get(page, browser).body)
                #expect(!html.contains("IBERIA"), "\(page)")
                #expect(!html.contains("pymes.csv.json") && !html.contains("iberia.csv.json"), "\(page)")
                if page.hasPrefix("/upload/status") { #expect(!html.contains("APPLIED"), "\(page): no receipt of another dealer's processing") }
                #expect(!html.contains("operator-only"), "\(page)")
            }
            // A status without a name and a checksum in the form an upload answered is a bad request.
            for bad in ["/upload/status?file=pymes.csv", "/upload/status?file=pymes.csv&sha256=00", "/upload/status?sha256=\(String(repeating: "0", count: 64))"] {
                #expect(try await client.execute(uri: bad, method: .get, headers: basic("ana")).status == .badRequest, "\(bad)")
            }
            for listing in ["/reports/", "/receipts/", "/upload/status?file=pymes.csv&sha256=\(String(repeating: "0", count: 64))", "/upload/status?file=iberia.csv&sha256=\(String(repeating: "0", count: 64))"] {
                let json = String(buffer: try await client.execute(uri: listing, method: .get, headers: basic("ana")).body)
                #expect(!json.contains("IBERIA") && !json.contains("SECRET") && !json.contains("operator-only"), "\(listing)")
            }
        }
    }

    @Test func aReportsFolderReplacedByALinkToAnotherDealersListsNothing() async throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        try FileManager.default.removeItem(at: fixture.url("outbox/ACME/reports"))
        try FileManager.default.createSymbolicLink(atPath: fixture.url("outbox/ACME/reports").path,
                                                   withDestinationPath: fixture.url("outbox/IBERIA/reports").path)
        try await fixture.test { client in
            let (browser, _) = try await client.signIn("ana")
            #expect(!String(buffer: try await client.get("/reports/", browser).body).contains("iberia-only"))
            #expect(try await client.get("/reports/iberia-only.csv", browser).status == .notFound)
        }
    }

    @Test func aReceiptsFolderReplacedByALinkToAnotherDealersListsNoDateFolder() async throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        try FileManager.default.removeItem(at: fixture.url("outbox/ACME/receipts"))
        try FileManager.default.createSymbolicLink(atPath: fixture.url("outbox/ACME/receipts").path,
                                                   withDestinationPath: fixture.url("outbox/IBERIA/receipts").path)
        try await fixture.test { client in
            let (browser, _) = try await client.signIn("ana")
            #expect(!String(buffer: try await client.get("/receipts/", browser).body).contains("pymes"))
            #expect(try await client.get("/receipts/2026-11-24/iberia.csv.json", browser).status == .notFound)
            #expect(try await client.get("/receipts/pymes.csv.json", browser).status == .notFound)
        }
    }

    @Test func aDateFolderSwappedForALinkAfterTheListingIsNotOpened() throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        let receipts = ReadableFolder(url: fixture.url("outbox/ACME/receipts"))
        let listed = try #require(receipts.dateFolder(named: "2026-11-24"))
        let entry = try #require(listed.entry(named: "altas.csv.json"))
        #expect(listed.contents(of: entry) != nil)
        try FileManager.default.removeItem(at: fixture.url("outbox/ACME/receipts/2026-11-24"))
        try fixture.write("outbox/IBERIA/receipts/2026-11-24/altas.csv.json", "IBERIA-SECRET")
        try FileManager.default.createSymbolicLink(atPath: fixture.url("outbox/ACME/receipts/2026-11-24").path,
                                                   withDestinationPath: fixture.url("outbox/IBERIA/receipts/2026-11-24").path)
        #expect(listed.openFile(entry) == nil)
        #expect(receipts.dateFolder(named: "2026-11-24") == nil)
        #expect(receipts.dateFolders().map(\.date) == ["2026-11-01"])
    }

    @Test func anAnonymousVisitorReachesNothingButTheSignInPage() async throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        try await fixture.test { client in
            for path in ["/reports/", "/reports/users.csv", "/receipts/", "/receipts/altas.csv.json", "/receipts/2026-11-24/altas.csv.json",
                         "/errors/2026-11-24/altas.rejected.csv", "/upload"] {
                let response = try await client.execute(uri: path, method: .get, headers: [.accept: "application/json"])
                #expect(response.status == .unauthorized, "\(path)")
                #expect(!String(buffer: response.body).contains("José"), "\(path)")
            }
            let (body, type) = multipart(files: [("file", "usuarios.csv", PortalFixture.usersFile)])
            let upload = try await client.execute(uri: "/inbox", method: .post, headers: [.contentType: type], body: body)
            #expect(upload.status == .unauthorized)
            #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.url("inbox/ACME").path).isEmpty)
        }
    }
}
