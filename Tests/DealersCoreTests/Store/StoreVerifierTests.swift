import DealersTestSupport
import Foundation
import Testing
@testable import DealersCore

@Suite("Store: verify")
struct StoreVerifierTests {
    @Test("member keys: a member of the wrong collective, a user without one, a key of another shape")
    func members() throws {
        let f = try ReportFixture()
        try f.addCollective("NORTE", dealer: "ACME")
        try f.addCollective("PYME", dealer: "IBERIA")
        try f.addUser("A1", collective: "NORTE", start: "2026-01-10", end: "2027-01-09")
        try f.addUser("B1", collective: "NORTE", start: "2026-01-10", end: "2027-01-09")
        let t = f.store.beginTransaction()
        let entry = Data(#"{"document":"X"}"#.utf8)
        try t.write(StoreLayout.member("NORTE", "A1"), entry)
        try t.write(StoreLayout.member("PYME", "B1"), entry)
        try t.write(StoreKey("members/NORTE/x.json"), entry)
        try t.write(StoreKey("members/PYME/00/B1.txt"), entry)
        try t.commit()
        let problems = try StoreVerifier(store: f.store, asOf: date("2026-11-24"), logger: testLogger).verifyAll()
        let memberKey = try StoreLayout.member("PYME", "B1").path
        #expect(problems.contains("user B1: missing from the members of NORTE"))
        #expect(problems.contains("\(memberKey): B1 is not a member of PYME"))
        #expect(problems.contains("members/NORTE/x.json: unexpected member entry"))
        #expect(problems.contains("members/PYME/00/B1.txt: B is not a member of PYME"))
        #expect(!problems.contains { $0.contains("A1") && $0.contains("member") }, "\(problems)")
        // The member problems come in key order.
        let memberProblems = problems.filter { $0.hasPrefix("members/") }
        #expect(memberProblems == memberProblems.sorted())
        #expect(try f.store.verifyFiles().isEmpty)
    }
}
