import DealersCore
import DealersTestSupport
import Foundation
import Testing

@Suite("dealers portal token")
struct PortalTokenCommandTests {
    private static let password = "una contraseña larga"

    @Test func aTokenIsShownOnceStoredAsSHA256ListedRevokedAndAudited() throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        #expect(try workspace.addPortalAccount("ana", dealer: "ACME", password: Self.password).status == 0)

        let made = try workspace.run(["portal", "token", "create", "ana", "--label", "descarga nocturna"])
        #expect(made.status == 0, "\(made.stderr)")
        let token = made.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(token.hasPrefix("dlr_") && token.count == 4 + 8 + 1 + 43)
        #expect(made.stderr.contains("not shown again"))
        let id = String(token.dropFirst(4).prefix(8))

        // Only the SHA-256 is kept.
        let file = try workspace.text("portal/tokens.json")
        #expect(!file.contains(token))
        #expect(!file.contains(String(token.suffix(43))))
        #expect(file.contains(Checksum.sha256(text: token)))

        let list = try workspace.run(["portal", "token", "list"])
        #expect(list.stdout.contains("\(id)\tana\tactive\t"))
        #expect(list.stdout.hasSuffix("\tdescarga nocturna\n"))
        #expect(!list.stdout.contains(token))

        // Its account's state shows in the list.
        #expect(try workspace.run(["portal", "user", "disable", "ana"]).status == 0)
        #expect(try workspace.run(["portal", "token", "list", "--account", "ANA"]).stdout.contains("\(id)\tana\taccount-disabled\t"))
        #expect(try workspace.run(["portal", "user", "remove", "ana"]).status == 0)
        #expect(try workspace.run(["portal", "token", "list"]).stdout.contains("\(id)\tana\taccount-removed\t"))

        let revoked = try workspace.run(["portal", "token", "revoke", id])
        #expect(revoked.status == 0)
        #expect(revoked.stdout == "\(id)\trevoked\n")
        #expect(try workspace.run(["portal", "token", "list"]).stdout.contains("no tokens"))
        #expect(try workspace.run(["portal", "token", "revoke", id]).status == 66)

        let audit = try workspace.run(["portal", "audit"]).stdout
        #expect(audit.contains("\"action\":\"token-create\"") && audit.contains("\"object\":\"token \(id) of ana\""))
        #expect(audit.contains("\"action\":\"token-revoke\""))
    }

    @Test func badRequestsAreRefusedAndWriteNothing() throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        let unknown = try workspace.run(["portal", "token", "create", "nadie"])
        #expect(unknown.status == 66)
        #expect(unknown.stderr.contains("no account named \"nadie\""))
        #expect(!FileManager.default.fileExists(atPath: workspace.root.appendingPathComponent("portal/tokens.json").path))
        let badID = try workspace.run(["portal", "token", "revoke", "XYZ"])
        #expect(badID.status == 64)
        #expect(badID.stderr.contains("expected 8 hex digits"))
        #expect(try workspace.addPortalAccount("ana", dealer: "ACME", password: Self.password).status == 0)
        let longLabel = try workspace.run(["portal", "token", "create", "ana", "--label", String(repeating: "x", count: 101)])
        #expect(longLabel.status == 64)
        #expect(!FileManager.default.fileExists(atPath: workspace.root.appendingPathComponent("portal/tokens.json").path))
    }
}
