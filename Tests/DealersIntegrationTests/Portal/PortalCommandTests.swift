import DealersTestSupport
import Foundation
import Testing

@Suite("dealers portal user")
struct PortalCommandTests {
    @Test func accountsAreAddedListedAndRemovedWithBcryptHashesOnly() throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        let password = "una contraseña larga"
        let added = try workspace.addPortalAccount("ana", dealer: "ACME", password: password)
        #expect(added.status == 0, "\(added.stderr)")
        #expect(try workspace.addPortalAccount("olga", dealer: nil, password: password).status == 0)
        let file = try workspace.text("portal/users.json")
        #expect(file.contains("\"passwordHash\" : \"$2b$04$"))
        #expect(!file.contains(password))
        let list = try workspace.run(["portal", "user", "list"])
        #expect(list.stdout.contains("ana\tACME\t"))
        #expect(list.stdout.contains("olga\toperator\t"))
        #expect(!list.stdout.contains("$2b$"))
        #expect(try workspace.run(["portal", "user", "remove", "ana"]).status == 0)
        #expect(!(try workspace.run(["portal", "user", "list"]).stdout.contains("ana")))
        #expect(try workspace.run(["portal", "user", "remove", "ana"]).status == 66)
    }

    @Test func badAccountsAreRefusedWithAReason() throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        #expect(try workspace.addPortalAccount("ana", dealer: "ACME", password: "una contraseña larga").status == 0)
        let duplicate = try workspace.addPortalAccount("ANA", dealer: "ACME", password: "una contraseña larga")
        #expect(duplicate.status == 64)
        #expect(duplicate.stderr.contains("an account named \"ana\" exists"))
        let undeclared = try workspace.addPortalAccount("bea", dealer: "NOPE", password: "una contraseña larga")
        #expect(undeclared.status == 64)
        #expect(undeclared.stderr.contains("dealer \"NOPE\" is not declared"))
        let short = try workspace.addPortalAccount("bea", dealer: "ACME", password: "corta")
        #expect(short.stderr.contains("at least 10 characters"))
        let noStdin = try workspace.run(["portal", "user", "add", "bea", "--dealer", "ACME"], input: "")
        #expect(noStdin.status == 64)
        #expect(noStdin.stderr.contains("--password-stdin is required"))
        let both = try workspace.run(["portal", "user", "add", "bea", "--dealer", "ACME", "--operator", "--password-stdin"], input: "x\n")
        #expect(both.status == 64)
    }
}
