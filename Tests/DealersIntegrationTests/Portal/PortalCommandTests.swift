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
        #expect(list.stdout.contains("ana\tadmin\tACME\t-\tana@example.es\tactive\t"))
        #expect(list.stdout.contains("olga\tmaster\t-\t-\tolga@example.es\tactive\t"))
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

    @Test func rolesAreAddedChangedDisabledAndAuditedFromTheCommandLine() throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        let password = "una contraseña larga"
        func add(_ arguments: [String]) throws -> ProcessResult {
            try workspace.run(["portal", "user", "add"] + arguments + ["--password-stdin", "--cost", "4"], input: password + "\n")
        }
        #expect(try add(["olga", "--operator", "--email", "olga@example.es"]).status == 0)
        #expect(try add(["vera", "--role", "vendedor", "--dealer", "ACME", "--seller", "V01", "--email", "vera@example.es"]).status == 0)
        let before = try workspace.text("portal/users.json")
        let refusals: [([String], String)] = [
            (["bea", "--role", "boss", "--dealer", "ACME", "--email", "bea@example.es"], "unknown role \"boss\""),
            (["bea", "--role", "technician", "--email", "bea@example.es"], "give --dealer CODE"),
            (["bea", "--role", "admin", "--dealer", "ACME", "--seller", "V1", "--email", "bea@example.es"], "--seller is for the seller role only"),
            (["bea", "--role", "seller", "--dealer", "ACME", "--seller", "V/1", "--email", "bea@example.es"], "seller code \"V/1\""),
            (["bea", "--role", "admin", "--dealer", "ACME", "--email", "VERA@Example.es"], "already used by the account \"vera\""),
            (["bea", "--role", "admin", "--dealer", "ACME", "--email", "bea@@example.es"], "e-mail \"bea@@example.es\""),
            (["bea", "--role", "admin", "--dealer", "ACME"], "--email ADDRESS is required"),
        ]
        for (arguments, reason) in refusals {
            let refused = try add(arguments)
            #expect(refused.status == 64, "\(arguments)")
            #expect(refused.stderr.contains(reason), "\(arguments): \(refused.stderr)")
        }
        #expect(try workspace.text("portal/users.json") == before, "nothing written")
        #expect(try workspace.run(["portal", "user", "change", "vera", "--role", "technician"]).status == 0)
        #expect(try workspace.run(["portal", "user", "disable", "vera"]).status == 0)
        let list = try workspace.run(["portal", "user", "list"]).stdout
        #expect(list.contains("vera\ttechnician\tACME\t-\tvera@example.es\tdisabled\t"), "\(list)")
        #expect(try workspace.run(["portal", "user", "enable", "nobody"]).status == 66)
        let audit = try workspace.run(["portal", "audit", "--since", "2000-01-01"])
        #expect(audit.status == 0)
        let actions = audit.stdout.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["action"] as? String
        }
        #expect(actions == ["account-add", "account-add", "account-change", "account-disable"])
        #expect(try workspace.run(["portal", "audit", "--since", "yesterday"]).status == 64)
    }

    @Test func serveRefusesAnAccountsFileThatIsNotJSONNamingLineAndColumn() throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        try workspace.write("portal/users.json", "{\"version\": 2,\n  \"users\": [}\n")
        let served = try workspace.run(["serve", "--port", "0"])
        #expect(served.status == 78)
        #expect(served.stderr.contains("users.json:2:13"), "\(served.stderr)")
    }
}
