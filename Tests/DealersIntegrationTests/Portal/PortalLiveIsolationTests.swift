import DealersTestSupport
import Foundation
import Testing

/// The isolation promise checked against a real `dealers serve` process, with request lines sent
/// byte for byte as written (the HTTP parser's own handling of `..` and encodings included).
@Suite("The portal's isolation over a real socket")
struct PortalLiveIsolationTests {
    static let attempts = [
        "/reports/iberia-only.csv", "/reports/operator-only.csv", "/receipts/pymes.csv.json",
        "/reports/../IBERIA/reports/users.csv", "/reports/../../dealers.json", "/reports/./../../dealers.json",
        "/reports/%2e%2e/%2e%2e/dealers.json", "/reports/..%2F..%2Fdealers.json", "/reports/..%252F..%252Fdealers.json",
        "/reports/..%5C..%5Cdealers.json", "/reports/..\\..\\dealers.json", "/reports/%00", "/reports/users.csv%00.html",
        "//reports/../../dealers.json", "/reports//..//..//dealers.json", "/reports/link.csv",
        "/reports/iberia-only.csv?dealer=IBERIA", "/portal/users.json", "/../../etc/passwd", "/reports/..;/dealers.json",
        "/receipts/2026-11-24/pymes.csv.json", "/receipts/2026-11-20/pymes.csv.json", "/receipts/../2026-11-24/altas.csv.json",
        "/receipts/2026-11-24/../../IBERIA/receipts/2026-11-24/pymes.csv.json", "/receipts/..%2F..%2FIBERIA%2Freceipts/pymes.csv.json",
        "/receipts/%2e%2e/2026-11-24/pymes.csv.json", "/errors/2026-11-24/..\\..\\..\\IBERIA\\errors\\2026-11-24\\pymes.csv.errors.csv",
        "/receipts//2026-11-24/pymes.csv.json", "/receipts/2026-11-24//pymes.csv.json", "/receipts/2026-11-20/",
    ]

    @Test func everyRawTraversalAndForeignNameAnswersTheSame404AsAMissingFile() throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        try workspace.write("outbox/ACME/reports/users.csv", "ACME users\r\n")
        try workspace.write("outbox/IBERIA/reports/users.csv", "IBERIA-SECRET\r\n")
        try workspace.write("outbox/IBERIA/reports/iberia-only.csv", "IBERIA-SECRET\r\n")
        try workspace.write("outbox/IBERIA/receipts/pymes.csv.json", "{\"input\": \"IBERIA-SECRET\"}")
        try workspace.write("outbox/IBERIA/receipts/2026-11-24/pymes.csv.json", "{\"input\": \"IBERIA-SECRET\"}")
        try workspace.write("outbox/IBERIA/errors/2026-11-24/pymes.csv.errors.csv", "IBERIA-SECRET\r\n")
        try workspace.write("outbox/ACME/receipts/2026-11-24/altas.csv.json", "{\"input\": \"altas.csv\"}")
        // ACME's 2026-11-20 is a link to IBERIA's 2026-11-24.
        try FileManager.default.createSymbolicLink(atPath: workspace.url("outbox/ACME/receipts/2026-11-20").path,
                                                   withDestinationPath: workspace.url("outbox/IBERIA/receipts/2026-11-24").path)
        try workspace.write("outbox/reports/operator-only.csv", "OPERATOR-SECRET\r\n")
        try FileManager.default.createSymbolicLink(atPath: workspace.url("outbox/ACME/reports/link.csv").path,
                                                   withDestinationPath: workspace.url("outbox/IBERIA/reports/users.csv").path)
        let password = "una contraseña larga"
        #expect(try workspace.addPortalAccount("ana", dealer: "ACME", password: password).status == 0)
        let server = try ServeProcess(workspace: workspace)
        defer { _ = server.stop() }
        let auth = ["Authorization": "Basic " + Data("ana:\(password)".utf8).base64EncodedString()]

        let own = try RawHTTP.send("GET", "/reports/users.csv", port: server.port, headers: auth)
        #expect(own.status == 200)
        #expect(String(decoding: own.body, as: UTF8.self) == "ACME users\r\n")
        let receipt = try RawHTTP.send("GET", "/receipts/2026-11-24/altas.csv.json", port: server.port, headers: auth)
        #expect(receipt.status == 200)
        #expect(String(decoding: receipt.body, as: UTF8.self) == "{\"input\": \"altas.csv\"}")
        let missing = try RawHTTP.send("GET", "/reports/no-such-report.csv", port: server.port, headers: auth)
        #expect(missing.status == 404)
        for attempt in Self.attempts {
            let answer = try RawHTTP.send("GET", attempt, port: server.port, headers: auth)
            #expect(answer.status == 404, "\(attempt)")
            #expect(answer.body == missing.body, "\(attempt)")
            #expect(answer.headers["content-type"] == missing.headers["content-type"], "\(attempt)")
            #expect(!String(decoding: answer.body, as: UTF8.self).contains("SECRET"), "\(attempt)")
        }
    }
}
