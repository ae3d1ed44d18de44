import DealersCore
import DealersTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import DealersPortal

@Suite("Customer look-up: search and the customer's record, scoped like the account")
struct LookupTests {
    /// The fixture's workspace with a store: José Núñez (ACME, seller V01, holder of Lucía) and
    /// Josefa Nieto (IBERIA); the reports written, so the look-up index is there.
    static func workspaceWithCustomers() throws -> PortalFixture {
        let fixture = try PortalFixture()
        let workspace = try fixture.workspace()
        let day = try #require(CivilDate(iso: "2026-01-01"))
        let end = try #require(CivilDate(iso: "2099-12-31"))
        let store = try DocumentStore(directory: workspace.store, wait: false, logger: testLogger)
        defer { store.close() }
        let t = store.beginTransaction()
        let plan = Plan(annualPrice: 99, currency: "EUR", defaultLength: .year)
        try t.writeJSON(Collective(code: "NORTE", name: "Norte", country: "ES", dealer: "ACME", plan: plan, active: true,
                                   createdOn: day, updatedOn: day), StoreLayout.collective("NORTE"))
        try t.writeJSON(Collective(code: "SUR", name: "Sur", country: "ES", dealer: "IBERIA", plan: plan, active: true,
                                   createdOn: day, updatedOn: day), StoreLayout.collective("SUR"))
        func user(_ document: String, _ first: String, _ last: String, _ collective: String, seller: String?,
                  relationship: Relationship = .titular, holder: String? = nil, dependants: [String] = []) -> User {
            let contract = Contract(number: "C-\(document)", start: day, end: end, collective: collective)
            let alta = ContractEvent(date: day, document: document, collective: collective, kind: .alta, contract: contract.number,
                                     endBefore: nil, endAfter: end, sourceFile: "usuarios.csv", sourceLine: 2, note: nil)
            let pago = ContractEvent(date: day, document: document, collective: collective, kind: .pago, contract: contract.number,
                                     endBefore: end, endAfter: end, sourceFile: "pagos.csv", sourceLine: 3, note: "99,00 EUR")
            return User(document: document, firstName: first, lastName: last, email: "\(document.lowercased())@example.es",
                        phone: "+34600\(document.prefix(6))", relationship: relationship, holder: holder, dependants: dependants,
                        collective: collective, seller: seller, contracts: [contract], history: [alta, pago], createdOn: day, updatedOn: day)
        }
        try t.writeJSON(user("12345678Z", "José", "Núñez García", "NORTE", seller: "V01", dependants: ["11111111H"]), StoreLayout.user("12345678Z"))
        try t.writeJSON(user("11111111H", "Lucía", "Núñez", "NORTE", seller: "V01", relationship: .hijo, holder: "12345678Z"),
                        StoreLayout.user("11111111H"))
        try t.writeJSON(user("87654321X", "Josefa", "Nieto", "SUR", seller: nil), StoreLayout.user("87654321X"))
        try t.commit()
        try ReportGenerator(context: RunContext(workspace: workspace, asOf: day, logger: testLogger)).generateReports(store: store)
        let book = AccountBook(workspace: workspace, hasher: PasswordHasher(cost: 4))
        try book.add(.init(name: "vera", role: .seller, dealer: "ACME", seller: "V01", email: "vera@acme.example"), password: PortalFixture.password)
        try book.add(.init(name: "saul", role: .seller, dealer: "ACME", seller: "V02", email: "saul@acme.example"), password: PortalFixture.password)
        return fixture
    }

    struct Found: Decodable {
        struct User: Decodable { var document: String; var status: String?; var href: String }
        var users: [User]
    }

    @Test func aSearchFindsByPrefixWithoutCaseOrAccentsAndOnlyInTheAccountsScope() async throws {
        let fixture = try Self.workspaceWithCustomers()
        defer { fixture.remove() }
        try await fixture.test { client in
            func found(_ account: String, _ query: String) async throws -> [String] {
                let answer = try await client.execute(uri: "/api/users?q=\(query)&limit=10", method: .get, headers: basic(account))
                #expect(answer.status == .ok)
                return try JSONDecoder().decode(Found.self, from: Data(buffer: answer.body)).users.map(\.document)
            }
            #expect(try await found("olga", "JOS") == ["12345678Z", "87654321X"])
            #expect(try await found("ana", "jos") == ["12345678Z"])
            #expect(try await found("ivan", "jos") == ["87654321X"])
            #expect(try await found("ana", "nu%C3%B1ez") == ["11111111H", "12345678Z"])
            #expect(try await found("ana", "garc%C3%ADa") == ["12345678Z"])
            #expect(try await found("ana", "c-1111") == ["11111111H"])
            #expect(try await found("ana", "600123") == ["12345678Z"])
            #expect(try await found("ana", "1234%40exa") == [])
            #expect(try await found("ana", "12345678z%40") == ["12345678Z"])
            #expect(try await found("vera", "nu") == ["11111111H", "12345678Z"])
            #expect(try await found("saul", "jos") == [])
            #expect(try await found("ivan", "12345678") == [])
            let bad = try await client.execute(uri: "/api/users?q=jos&limit=0", method: .get, headers: basic("ana"))
            #expect(bad.status == .badRequest)
            #expect(String(buffer: bad.body).contains("\"error\" : \"BAD_LIMIT\""))
        }
    }

    @Test func aCustomerOutsideTheScopeIsTheSame404AsOneThatDoesNotExist() async throws {
        let fixture = try Self.workspaceWithCustomers()
        defer { fixture.remove() }
        try await fixture.test { client in
            let mine = try await client.execute(uri: "/api/users/12345678Z", method: .get, headers: basic("ana"))
            #expect(mine.status == .ok)
            let record = try #require(try JSONSerialization.jsonObject(with: Data(buffer: mine.body)) as? [String: Any])
            #expect(record["status"] as? String == "ACTIVE")
            #expect(record["collectiveName"] as? String == "Norte")
            #expect(record["dependants"] as? [String] == ["11111111H"])
            #expect((record["history"] as? [Any])?.count == 2)
            #expect((record["payments"] as? [[String: Any]])?.first?["note"] as? String == "99,00 EUR")
            #expect((record["currentContract"] as? [String: Any])?["number"] as? String == "C-12345678Z")

            let missing = try await client.execute(uri: "/api/users/00000000T", method: .get, headers: basic("ana"))
            #expect(missing.status == .notFound)
            #expect(String(buffer: missing.body).contains("\"error\" : \"NOT_FOUND\""))
            #expect(missing.headers[.contentType]?.hasPrefix("application/json") == true)
            for (account, document) in [("ana", "87654321X"), ("ivan", "12345678Z"), ("saul", "12345678Z"), ("vera", "87654321X")] {
                let other = try await client.execute(uri: "/api/users/\(document)", method: .get, headers: basic(account))
                #expect(other.status == .notFound)
                #expect(other.body == missing.body)
            }
            #expect(try await client.execute(uri: "/api/users/11111111H", method: .get, headers: basic("vera")).status == .ok)
            #expect(try await client.execute(uri: "/api/users/87654321X", method: .get, headers: basic("olga")).status == .ok)
        }
    }

    @Test func thePagesShowTheSearchFormTheResultsAndTheCustomer() async throws {
        let fixture = try Self.workspaceWithCustomers()
        defer { fixture.remove() }
        try await fixture.test { client in
            let (browser, _) = try await client.signIn("ana")
            let form = String(buffer: try await client.get("/users/", browser).body)
            #expect(form.contains("<form method=\"get\" action=\"/users/\""))
            #expect(form.contains("href=\"/users/\""))   // the navigation links to the look-up
            let results = String(buffer: try await client.get("/users/?q=nu%C3%B1ez", browser).body)
            #expect(results.contains("<a href=\"/users/12345678Z\">12345678Z</a>"))
            #expect(results.contains("<a href=\"/users/11111111H\">11111111H</a>"))
            #expect(!results.contains("87654321X"))
            let page = try await client.get("/users/11111111H", browser)
            #expect(page.status == .ok)
            let html = String(buffer: page.body)
            #expect(html.contains("Lucía Núñez"))
            #expect(html.contains("<a href=\"/users/12345678Z\">12345678Z</a>"))   // the holder
            #expect(html.contains("Histórico de contratos") && html.contains("Cobros") && html.contains("01/01/2026"))
            #expect(try await client.get("/users/87654321X", browser).status == .notFound)
        }
    }
}
