import DealersCore
import DealersSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import DealersPortal

/// A temporary workspace with two dealers (ACME, IBERIA), three accounts and some outputs.
struct PortalFixture {
    static let password = "correct horse battery"
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let usersFile = """
    Acción;Colectivo;Nº Documento;Nombre;Apellidos;Email;Fecha nacimiento;Relación;Documento titular;Fecha inicio\r
    ALTA;NORTE;12345678Z;José;Núñez;jose@example.es;03/04/1980;TITULAR;;01/11/2026\r

    """

    let root: URL
    /// The portal's clock: sessions expire when a test moves it.
    let clock = ManualClock()

    init(language: String = "es") throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("dealers-portal-\(UUID().uuidString)")
        let fm = FileManager.default
        try fm.createDirectory(at: root.appendingPathComponent("inbox/ACME"), withIntermediateDirectories: true)
        try fm.copyItem(at: Self.repository.appendingPathComponent("layouts"), to: root.appendingPathComponent("layouts"))
        try write("dealers.json", #"{"dealers": ["ACME", "IBERIA"], "stabilitySeconds": 0, "language": "\#(language)"}"#)
        let book = AccountBook(workspace: try workspace(), hasher: PasswordHasher(cost: 4))
        try book.add(.init(name: "ana", role: .admin, dealer: "ACME", email: "ana@acme.example"), password: Self.password)
        try book.add(.init(name: "ivan", role: .admin, dealer: "IBERIA", email: "ivan@iberia.example"), password: Self.password)
        try book.add(.init(name: "olga", role: .master, email: "olga@operator.example"), password: Self.password)

        try write("outbox/ACME/reports/users.csv", "\u{FEFF}Documento;Nombre\r\n12345678Z;José\r\n")
        try write("outbox/ACME/reports/users.xlsx", "PK fake workbook")
        try write("outbox/IBERIA/reports/users.csv", "IBERIA-SECRET\r\n")
        try write("outbox/IBERIA/reports/iberia-only.csv", "IBERIA-SECRET\r\n")
        // Receipts and error files in date folders (docs/outbox.md, "Names"); the top of
        // `receipts/` holds the latest views.
        let pymes = Self.receipt(input: "pymes.csv", status: "APPLIED", startedAt: "2026-11-20T10:00:00Z", dealer: "IBERIA",
                                 outputs: ["errors/2026-11-20/pymes.csv.errors.csv", "receipts/2026-11-20/pymes.csv.json"])
        try write("outbox/IBERIA/receipts/2026-11-20/pymes.csv.json", pymes)
        try write("outbox/IBERIA/receipts/pymes.csv.json", pymes)
        try write("outbox/IBERIA/receipts/2026-11-19/pymes.2.csv.json", pymes)
        try write("outbox/IBERIA/receipts/2026-11-24/iberia.csv.json", Self.receipt(input: "iberia.csv", status: "APPLIED", startedAt: "2026-11-24T10:00:00Z", dealer: "IBERIA"))
        try write("outbox/IBERIA/errors/2026-11-20/pymes.csv.errors.csv", "IBERIA-SECRET\r\n")
        try write("outbox/IBERIA/errors/2026-11-24/iberia.csv.errors.csv", "IBERIA-SECRET\r\n")
        try write("outbox/reports/operator-only.csv", "OPERATOR-SECRET\r\n")
        try write("outbox/receipts/2026-11-20/colectivos.csv.json", Self.receipt(input: "colectivos.csv", status: "APPLIED", startedAt: "2026-11-20T09:00:00Z", dealer: nil))
        try write("outbox/ACME/receipts/2026-11-01/old.csv.json", Self.receipt(input: "old.csv", status: "APPLIED", startedAt: "2026-11-01T08:00:00Z", dealer: "ACME"))
        let altas = Self.receipt(input: "altas.csv", status: "PARTIAL", startedAt: "2026-11-24T08:00:00Z", dealer: "ACME",
                                 outputs: ["errors/2026-11-24/altas.csv.errors.csv", "errors/2026-11-24/altas.rejected.csv",
                                           "receipts/2026-11-24/altas.csv.json"])
        try write("outbox/ACME/receipts/2026-11-24/altas.csv.json", altas)
        try write("outbox/ACME/receipts/altas.csv.json", altas)
        try write("outbox/ACME/errors/2026-11-24/altas.csv.errors.csv", "Línea;Código\r\n3;DEALER_FORBIDDEN\r\n")
        try write("outbox/ACME/errors/2026-11-24/altas.rejected.csv", "rejected row\r\n")
        // Links an attacker with a shell account might place in ACME's folders: date folders
        // pointing at IBERIA's, a receipt pointing at IBERIA's. None of them is listed or served.
        try fm.createSymbolicLink(atPath: url("outbox/ACME/receipts/2026-11-20").path, withDestinationPath: url("outbox/IBERIA/receipts/2026-11-20").path)
        try fm.createSymbolicLink(atPath: url("outbox/ACME/errors/2026-11-20").path, withDestinationPath: url("outbox/IBERIA/errors/2026-11-20").path)
        try fm.createSymbolicLink(atPath: url("outbox/ACME/receipts/2026-11-24/link.json").path,
                                  withDestinationPath: url("outbox/IBERIA/receipts/2026-11-24/iberia.csv.json").path)
        try write("outbox/ACME/reports/.users.csv.123.tmp", "half written")
        try fm.createSymbolicLink(atPath: url("outbox/ACME/reports/link.csv").path, withDestinationPath: url("outbox/IBERIA/reports/users.csv").path)
    }

    static func receipt(input: String, status: String, startedAt: String, dealer: String?, outputs: [String] = [], checksum: String = "00") -> String {
        let dealerField = dealer.map { "\"dealer\": \"\($0)\", " } ?? ""
        let outputList = outputs.map { "\"\($0)\"" }.joined(separator: ", ")
        return """
        {"input": "\(input)", \(dealerField)"checksum": "\(checksum)", "layout": "users", "status": "\(status)", "asOf": "2026-11-24",
         "rows": {"read": 3, "applied": 2, "rejected": 1}, "errors": 1, "errorCodes": {"DEALER_FORBIDDEN": 1},
         "startedAt": "\(startedAt)", "durationSeconds": 0.01, "outputs": [\(outputList)]}
        """
    }

    func url(_ path: String) -> URL { root.appendingPathComponent(path) }

    func write(_ path: String, _ text: String) throws {
        let target = url(path)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: target)
    }

    func workspace() throws -> Workspace { try Workspace(root: root) }

    func portal(_ adjust: (inout PortalConfiguration) -> Void = { _ in }) throws -> Portal {
        var configuration = PortalConfiguration(workspace: try workspace())
        configuration.clock = clock
        adjust(&configuration)
        return Portal(configuration: configuration)
    }

    /// Runs `body` against the portal's router (no socket; `PortalLiveIsolationTests` in the CLI
    /// tests talks to a real `dealers serve` over a socket).
    func test(_ adjust: (inout PortalConfiguration) -> Void = { _ in },
              _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let app = Application(router: try portal(adjust).router())
        try await app.test(.router) { client in try await body(client) }
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
}

/// A browser's state: its cookies and the CSRF token of the last page.
struct BrowserState: Sendable {
    var cookies: [String: String] = [:]

    var cookieHeader: String { cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }

    mutating func take(_ response: TestResponse) {
        for line in response.headers[values: .setCookie] {
            guard let pair = line.split(separator: ";").first else { continue }
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else { continue }
            if line.contains("Max-Age=0") { cookies[String(parts[0])] = nil } else { cookies[String(parts[0])] = String(parts[1]) }
        }
    }

    var headers: HTTPFields {
        var fields: HTTPFields = [.accept: "text/html"]
        if !cookies.isEmpty { fields[.cookie] = cookieHeader }
        return fields
    }
}

/// The value of the first `name="csrf"` hidden field of a page.
func csrfToken(in html: String) -> String? {
    guard let range = html.range(of: "name=\"csrf\" value=\"") else { return nil }
    return String(html[range.upperBound...].prefix { $0 != "\"" })
}

func form(_ fields: [String: String]) -> ByteBuffer {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    let body = fields.sorted { $0.key < $1.key }
        .map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&")
    return ByteBuffer(string: body)
}

/// A multipart/form-data body with text fields and files.
func multipart(fields: [String: String] = [:], files: [(name: String, fileName: String, content: String)]) -> (ByteBuffer, String) {
    let boundary = "----dealers-test-\(UUID().uuidString)"
    var body = ""
    for (name, value) in fields.sorted(by: { $0.key < $1.key }) {
        body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
    }
    for file in files {
        body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.name)\"; filename=\"\(file.fileName)\"\r\nContent-Type: text/csv\r\n\r\n\(file.content)\r\n"
    }
    body += "--\(boundary)--\r\n"
    return (ByteBuffer(string: body), "multipart/form-data; boundary=\(boundary)")
}

extension TestClientProtocol {
    /// Signs in through the form and returns the browser state (session cookie set).
    func signIn(_ name: String, password: String = PortalFixture.password) async throws -> (BrowserState, TestResponse) {
        var browser = BrowserState()
        let page = try await execute(uri: "/login", method: .get, headers: browser.headers)
        browser.take(page)
        let token = try #require(csrfToken(in: String(buffer: page.body)))
        var headers = browser.headers
        headers[.contentType] = "application/x-www-form-urlencoded"
        let response = try await execute(uri: "/login", method: .post, headers: headers,
                                         body: form(["name": name, "password": password, "csrf": token]))
        browser.take(response)
        return (browser, response)
    }

    /// GET with a browser's cookies.
    func get(_ uri: String, _ browser: BrowserState) async throws -> TestResponse {
        try await execute(uri: uri, method: .get, headers: browser.headers)
    }

    /// The session's CSRF token (from the upload form).
    func sessionCSRF(_ browser: BrowserState) async throws -> String {
        try #require(csrfToken(in: String(buffer: try await get("/upload", browser).body)))
    }
}

func basic(_ name: String, _ password: String = PortalFixture.password) -> HTTPFields {
    [.authorization: "Basic " + Data("\(name):\(password)".utf8).base64EncodedString(), .accept: "application/json"]
}
