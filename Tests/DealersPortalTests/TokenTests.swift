import DealersCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import DealersPortal

@Suite("API tokens: Authorization: Bearer")
struct TokenTests {
    func bearer(_ token: String) -> HTTPFields {
        [.authorization: "Bearer " + token, .accept: "application/json"]
    }

    @Test func aTokenActsAsItsAccountWithoutAPasswordCheckAndItsFirstUseIsAudited() async throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        let made = try TokenBook(workspace: try fixture.workspace()).create(account: "ana", label: "script")
        // No thread for password checks at all: a token request must not need one.
        let portal = try fixture.portal(PasswordCheckTests.onePlace)
        let gate = DispatchSemaphore(value: 0)
        let held = Task { try await portal.passwordChecks.run { _ in gate.wait() } }
        defer { gate.signal() }
        try await Application(router: portal.router()).test(.router) { client in
            let listing = try await client.execute(uri: "/reports/", method: .get, headers: bearer(made.token))
            #expect(listing.status == .ok)
            let download = try await client.execute(uri: "/reports/users.csv", method: .get, headers: bearer(made.token))
            #expect(download.status == .ok)
            #expect(String(buffer: download.body).contains("12345678Z"))
            #expect(download.headers[.setCookie] == nil)
            // Scoped as its account: another dealer's file is the same 404 as a missing one.
            let other = try await client.execute(uri: "/reports/iberia-only.csv", method: .get, headers: bearer(made.token))
            let missing = try await client.execute(uri: "/reports/nothing.csv", method: .get, headers: bearer(made.token))
            #expect(other.status == .notFound)
            #expect(other.body == missing.body)
            #expect(try await client.execute(uri: "/accounts/", method: .get, headers: bearer(made.token)).status == .notFound)
        }
        gate.signal()
        try await held.value
        let events = try AuditLog(workspace: try fixture.workspace()).events()
        #expect(events.filter { $0.action == .tokenUse }.count == 1)
        #expect(events.first { $0.action == .tokenUse }?.account == "ana")
        #expect(events.first { $0.action == .tokenUse }?.object == "token \(made.record.id)")
    }

    @Test func wrongRevokedAndOrphanedTokensAnswer401() async throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        let workspace = try fixture.workspace()
        let tokens = TokenBook(workspace: workspace)
        let ana = try tokens.create(account: "ana")
        let ivan = try tokens.create(account: "ivan")
        let olga = try tokens.create(account: "olga")
        try await fixture.test { client in
            func status(_ token: String) async throws -> HTTPResponse.Status {
                try await client.execute(uri: "/reports/", method: .get, headers: bearer(token)).status
            }
            #expect(try await status(ana.token) == .ok)
            // The right id with another secret, a made-up token, not a token at all.
            let forged = String(ana.token.prefix(13)) + String(repeating: "A", count: 43)
            for token in [forged, "dlr_00000000_" + String(repeating: "A", count: 43), "hello"] {
                let answer = try await client.execute(uri: "/reports/", method: .get, headers: bearer(token))
                #expect(answer.status == .unauthorized)
                #expect(String(buffer: answer.body).contains("\"UNAUTHORIZED\""))
                #expect(answer.headers[.wwwAuthenticate] == nil)
            }
            // Revoked: stops at once.
            try tokens.revoke(id: ana.record.id)
            #expect(try await status(ana.token) == .unauthorized)
            // A disabled account's tokens stop; enabled again, they work.
            try AccountBook(workspace: workspace).setDisabled(name: "ivan", true)
            #expect(try await status(ivan.token) == .unauthorized)
            try AccountBook(workspace: workspace).setDisabled(name: "ivan", false)
            #expect(try await status(ivan.token) == .ok)
            // A removed account made again under the same name does not inherit the old tokens.
            let book = AccountBook(workspace: workspace, hasher: PasswordHasher(cost: 4))
            try book.remove(name: "olga")
            #expect(try await status(olga.token) == .unauthorized)
            try book.add(.init(name: "olga", role: .master, email: "olga@operator.example"), password: PortalFixture.password,
                         now: Date().addingTimeInterval(5))
            #expect(try await status(olga.token) == .unauthorized)
        }
    }

    @Test func tokensAreStoredAsSHA256Only() throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        let made = try TokenBook(workspace: try fixture.workspace()).create(account: "ana")
        let file = try String(contentsOf: fixture.url("portal/tokens.json"), encoding: .utf8)
        #expect(!file.contains(made.token))
        #expect(file.contains(Checksum.sha256(text: made.token)))
        #expect(APIToken.id(in: made.token) == made.record.id)
    }
}
