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
        // the operator's
        "/reports/operator-only.csv", "/receipts/colectivos.csv.json",
        // traversal, plain and encoded, slashes and backslashes
        "/reports/../../IBERIA/reports/users.csv", "/reports/..%2F..%2FIBERIA%2Freports%2Fusers.csv",
        "/reports/%2e%2e%2f%2e%2e%2fIBERIA%2freports%2fusers.csv", "/reports/..%252F..%252Fdealers.json",
        "/reports/..%5C..%5CIBERIA%5Creports%5Cusers.csv", "/reports/..", "/reports/%2e%2e", "/reports/.",
        "/reports/users.csv%2F..%2F..%2F..%2Fdealers.json", "/reports/users.csv/..", "/reports//etc/passwd",
        "/reports/%00users.csv", "/reports/users.csv%00",
        // a symbolic link to another dealer's file, hidden and temporary files, folders
        "/reports/link.csv", "/reports/.users.csv.123.tmp", "/receipts/..%2Freports", "/errors/",
        // the workspace's own files and other routes
        "/dealers.json", "/portal/users.json", "/layouts/users.json", "/IBERIA/reports/users.csv",
        "/outbox/IBERIA/reports/users.csv", "/inbox/ACME", "/store/", "/reports/users.csv.bak",
        // asking for another dealer's folder, or naming its own, by the operator's parameter
        "/reports/iberia-only.csv?dealer=IBERIA", "/reports/users.csv?dealer=ACME", "/receipts/pymes.csv.json?dealer=IBERIA",
        "/reports/?dealer=IBERIA", "/receipts/?dealer=ACME", "/errors/pymes.csv.errors.csv?dealer=IBERIA",
        // guessed receipt names
        "/receipts/usuarios.csv.json", "/receipts/pymes.2.csv.json", "/receipts/altas.csv.json.json",
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
            for page in ["/reports/", "/receipts/", "/upload", "/upload/status?file=pymes.csv&sha256=00"] {
                let html = String(buffer: try await client.get(page, browser).body)
                #expect(!html.contains("IBERIA"), "\(page)")
                #expect(!html.contains("pymes.csv.json"), "\(page)")
                #expect(!html.contains("operator-only"), "\(page)")
            }
            for listing in ["/reports/", "/receipts/", "/upload/status?file=pymes.csv&sha256=00"] {
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

    @Test func anAnonymousVisitorReachesNothingButTheSignInPage() async throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        try await fixture.test { client in
            for path in ["/reports/", "/reports/users.csv", "/receipts/", "/receipts/altas.csv.json", "/errors/altas.rejected.csv", "/upload"] {
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
