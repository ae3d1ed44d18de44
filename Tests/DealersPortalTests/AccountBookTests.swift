import DealersCore
import DealersSupport
import Foundation
import Testing
@testable import DealersPortal

/// `portal/users.json` with roles: the rules every change passes (the command line and the
/// master's page share them), version 1 files, disabled accounts.
@Suite("Accounts with roles")
struct AccountBookTests {
    let fixture: PortalFixture
    let book: AccountBook

    init() throws {
        fixture = try PortalFixture()
        book = AccountBook(workspace: try fixture.workspace(), hasher: PasswordHasher(cost: 4))
    }

    private func fileBytes() throws -> Data { try Data(contentsOf: book.file.url) }

    @Test func eachRoleIsStoredWithItsDealerSellerAndEmail() throws {
        defer { fixture.remove() }
        try book.add(.init(name: "tomas", role: .technician, dealer: "ACME", email: "Tomas@ACME.Example"), password: PortalFixture.password)
        try book.add(.init(name: "vera", role: .seller, dealer: "ACME", seller: "V01", email: "vera@acme.example"), password: PortalFixture.password)
        let tomas = try #require(try book.account(named: "TOMAS"))
        #expect(tomas.role == .technician && tomas.dealer == "ACME" && tomas.seller == nil)
        #expect(tomas.email == "Tomas@acme.example", "the domain is lower-cased by the product's e-mail rule")
        let vera = try #require(try book.account(named: "vera"))
        #expect(vera.access == Access(account: vera) && vera.access.seller == "V01")
        let text = String(decoding: try fileBytes(), as: UTF8.self)
        #expect(text.contains("\"version\" : 2"))
        #expect(text.contains("\"role\" : \"technician\""))
    }

    @Test(arguments: [
        (AccountBook.Details(name: "x1", role: .admin, email: "x1@acme.example"), "give --dealer CODE"),
        (AccountBook.Details(name: "x2", role: .master, dealer: "ACME", email: "x2@acme.example"), "--dealer is for the admin"),
        (AccountBook.Details(name: "x3", role: .seller, dealer: "ACME", email: "x3@acme.example"), "needs --seller CODE"),
        (AccountBook.Details(name: "x4", role: .admin, dealer: "ACME", seller: "V01", email: "x4@acme.example"), "--seller is for the seller role only"),
        (AccountBook.Details(name: "x5", role: .seller, dealer: "ACME", seller: "V 01", email: "x5@acme.example"), "seller code \"V 01\""),
        (AccountBook.Details(name: "x10", role: .seller, dealer: "ACME", seller: "..", email: "x10@acme.example"), "seller code \"..\""),
        (AccountBook.Details(name: "x6", role: .admin, dealer: "NOPE", email: "x6@acme.example"), "dealer \"NOPE\" is not declared"),
        (AccountBook.Details(name: "x7", role: .admin, dealer: "ACME", email: "not-an-address"), "e-mail \"not-an-address\""),
        (AccountBook.Details(name: "x8", role: .admin, dealer: "ACME", email: "ANA@acme.EXAMPLE"), "already used by the account \"ana\""),
        (AccountBook.Details(name: "x9", role: .admin, dealer: "ACME", email: ""), "e-mail \"\""),
    ])
    func badAccountsAreRefusedAndNothingIsWritten(details: AccountBook.Details, reason: String) throws {
        defer { fixture.remove() }
        let before = try fileBytes()
        let error = try #require(throws: DealersError.self) { try book.add(details, password: PortalFixture.password) }
        #expect(error.kind == .usage, "exit 64")
        #expect(error.message.contains(reason), "\(error.message)")
        #expect(try fileBytes() == before)
    }

    @Test func aChangeKeepsWhatItDoesNotGiveAndDropsWhatTheNewRoleDoesNotUse() throws {
        defer { fixture.remove() }
        try book.add(.init(name: "vera", role: .seller, dealer: "ACME", seller: "V01", email: "vera@acme.example"), password: PortalFixture.password)
        let admin = try book.change(name: "vera", .init(role: .admin))
        #expect(admin.role == .admin && admin.dealer == "ACME" && admin.seller == nil && admin.email == "vera@acme.example")
        let master = try book.change(name: "vera", .init(role: .master))
        #expect(master.dealer == nil)
        let before = try fileBytes()
        #expect(throws: DealersError.self) { try book.change(name: "vera", .init(email: "olga@operator.example")) }
        #expect(throws: DealersError.self) { try book.change(name: "vera", .init(role: .technician)) }
        #expect(try fileBytes() == before)
        let missing = try #require(throws: DealersError.self) { try book.change(name: "nobody", .init(role: .admin)) }
        #expect(missing.kind == .noInput)
    }

    @Test func aDisabledAccountDoesNotSignInUntilEnabled() throws {
        defer { fixture.remove() }
        #expect(try book.authenticate(name: "ana", password: PortalFixture.password) != nil)
        try book.setDisabled(name: "ana", true)
        #expect(try book.authenticate(name: "ana", password: PortalFixture.password) == nil)
        try book.setDisabled(name: "ana", false)
        #expect(try book.authenticate(name: "ana", password: PortalFixture.password) != nil)
    }

    @Test func aVersionOneFileIsReadAsAdminAndMaster() throws {
        defer { fixture.remove() }
        let hash = PasswordHasher(cost: 4).hash(PortalFixture.password)
        try fixture.write("portal/users.json", """
        {"version": 1, "users": [
          {"name": "ana", "role": "dealer", "dealer": "ACME", "passwordHash": "\(hash)", "createdAt": "2026-01-01T00:00:00Z"},
          {"name": "olga", "role": "operator", "passwordHash": "\(hash)", "createdAt": "2026-01-01T00:00:00Z"}
        ]}
        """)
        let accounts = try book.list()
        #expect(accounts.map(\.role) == [.admin, .master])
        #expect(accounts.allSatisfy { $0.email == nil && !$0.disabled })
        #expect(try book.authenticate(name: "olga", password: PortalFixture.password)?.role == .master)
        let changed = try book.change(name: "ana", .init(email: "ana@acme.example"))
        #expect(changed.role == .admin && changed.email == "ana@acme.example")
    }

    @Test func anAccountsFileThatIsNotJSONIsNamedByLineAndColumn() throws {
        defer { fixture.remove() }
        try fixture.write("portal/users.json", "{\"version\": 2,\n  \"users\": [,]\n}\n")
        let error = try #require(throws: DealersError.self) { try book.list() }
        #expect(error.kind == .config)
        #expect(error.path == book.file.url.path + ":2:13", "\(error)")
        try fixture.write("portal/users.json", #"{"version": 2, "users": [{"name": "x", "role": "boss", "passwordHash": "", "createdAt": ""}]}"#)
        let role = try #require(throws: DealersError.self) { try book.list() }
        #expect(role.message.contains("users[0].role") && role.message.contains("unknown role \"boss\""), "\(role.message)")
    }

    @Test(arguments: [("tecnico", Role.technician), ("Vendedor", .seller), ("operator", .master), ("dealer", .admin), ("MASTER", .master)])
    func rolesAreReadInEitherLanguage(word: String, role: Role) {
        #expect(Role(word: word) == role)
    }
}
