import DealersTestSupport
import Foundation
import Testing
@testable import DealersCore

@Suite("Customer look-up index: written with the reports, searched by prefix")
struct LookupIndexTests {
    @Test(arguments: [("Núñez", "nunez"), ("  JOSÉ   María ", "jose maria"), ("ana@Example.ES", "ana@example.es"),
                      ("+34 600-11-22-33", "+34 600-11-22-33"), ("Çağla Öz", "cagla oz"), ("", ""),
                      // ASCII takes a path of its own: the same rule without Foundation's folding.
                      ("O'Neil, JOHN\tx+y_z-1.2@MAIL.com!", "o neil john x+y_z-1.2@mail.com"), ("  ;; ", ""),
                      ("C-000123/B", "c-000123 b")])
    func textIsComparedWithoutCaseOrAccents(_ raw: String, _ normal: String) {
        #expect(LookupKey.normalise(raw) == normal)
    }

    @Test func aUserIsFoundByDocumentNameSurnameEmailPhoneAndContract() throws {
        let fixture = try ReportFixture()
        try fixture.addCollective("NORTE", dealer: "ACME")
        try fixture.addCollective("SUR", dealer: "IBERIA")
        var jose = try fixture.addUser("12345678Z", collective: "NORTE", firstName: "José", lastName: "Núñez García",
                                       email: "jose@example.es", start: "2026-01-01", end: "2026-12-31")
        jose.phone = "+34600112233"
        jose.seller = "V01"
        let t = fixture.store.beginTransaction()
        try t.writeJSON(jose, StoreLayout.user("12345678Z"))
        try t.commit()
        try fixture.addUser("87654321X", collective: "SUR", firstName: "Josefa", lastName: "Nieto",
                            start: "2026-01-01", end: "2026-12-31")
        // Without portal accounts the reports keep no index; with them, they do.
        try fixture.generator().generateReports(store: fixture.store)
        #expect(try !FileSystem.exists(LookupIndex(workspace: fixture.workspace).url.path))
        try FileSystem.createDirectory(fixture.workspace.portal.path)
        try AtomicFile.write(Data("{}".utf8), to: fixture.workspace.portalAccounts)
        try fixture.generator().generateReports(store: fixture.store)

        let index = LookupIndex(workspace: fixture.workspace)
        let all = LookupIndex.Scope(dealer: nil, seller: nil)
        for query in ["12345678z", "jose nu", "NUÑEZ", "garcía", "JOSE@EX", "600112", "+3460011", "c-12345678"] {
            #expect(try index.search(query, scope: all, limit: 10) == ["12345678Z"], "\(query)")
        }
        // One user once, in key order; both Josés for "jos".
        #expect(try index.search("jos", scope: all, limit: 10) == ["12345678Z", "87654321X"])
        #expect(try index.search("jos", scope: all, limit: 1).count == 1)
        // Scoped: a dealer sees its own, a seller only their clients.
        #expect(try index.search("jos", scope: .init(dealer: "IBERIA", seller: nil), limit: 10) == ["87654321X"])
        #expect(try index.search("jos", scope: .init(dealer: "ACME", seller: "V01"), limit: 10) == ["12345678Z"])
        #expect(try index.search("jos", scope: .init(dealer: "ACME", seller: "V02"), limit: 10).isEmpty)
        #expect(try index.search("zz", scope: all, limit: 10).isEmpty)
        #expect(try index.search("  ", scope: all, limit: 10).isEmpty)
    }

    @Test func manyUsersAreSpilledInRunsAndFoundByBinarySearch() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        try Data(#"{"dealers": ["ACME"]}"#.utf8).write(to: folder.file("dealers.json"))
        let workspace = try Workspace(root: folder.url)
        let index = LookupIndex(workspace: workspace)
        let writer = LookupIndexWriter(index: index)
        let count = LookupIndexWriter.runLength / 2 + 1_000   // about three runs of keys
        for number in 0..<count {
            let document = String(format: "%08d", number)
            try writer.add(User(document: document, firstName: "N\(number)", lastName: "S", relationship: .titular,
                                dependants: [], collective: "NORTE", contracts: [], history: [],
                                createdOn: CivilDate(iso: "2026-01-01")!, updatedOn: CivilDate(iso: "2026-01-01")!), dealer: "ACME")
        }
        try writer.finish()
        let scope = LookupIndex.Scope(dealer: "ACME", seller: nil)
        #expect(try index.search("00000000", scope: scope, limit: 5) == ["00000000"])
        #expect(try index.search(String(format: "%08d", count - 1), scope: scope, limit: 5) == [String(format: "%08d", count - 1)])
        #expect(try index.search("0000123", scope: scope, limit: 20) == (1230...1239).map { String(format: "%08d", $0) })
        #expect(try index.search("n4242", scope: scope, limit: 3) == ["00004242", "00042420", "00042421"])
    }
}
