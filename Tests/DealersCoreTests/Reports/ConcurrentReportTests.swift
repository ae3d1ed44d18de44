import Foundation
import Testing
@testable import DealersCore

@Suite("Reports: the operator's and the dealers' files written on two threads")
struct ConcurrentReportTests {
    /// A fixture with users of both dealers and of the operator, enough for several batches.
    func fixture() throws -> ReportFixture {
        let f = try ReportFixture()
        try f.addCollective("NORTE", dealer: "ACME")
        try f.addCollective("PYME", dealer: "IBERIA")
        try f.addCollective("CASA", dealer: nil)
        let collectives = ["NORTE", "PYME", "CASA"]
        let t = f.store.beginTransaction()
        for i in 0..<(ReportLane.batchSize * 2 + 7) {
            let document = String(format: "%08dZ", i), collective = collectives[i % 3]
            let start = date("2026-0\(1 + i % 9)-1\(i % 10)"), end = date("2027-01-09")
            let contract = Contract(number: "C-\(document)", start: start, end: end, cancelledOn: nil, collective: collective)
            let alta = ContractEvent(date: start, document: document, collective: collective, kind: .alta,
                                     contract: contract.number, endBefore: nil, endAfter: end, sourceFile: "u.csv",
                                     sourceLine: i + 2, note: nil)
            let user = User(document: document, documentType: "DNI", firstName: "Ana \(i)", lastName: "Pérez",
                            email: "a\(i)@example.es", phone: nil, birthDate: nil, relationship: .titular, holder: nil,
                            dependants: [], collective: collective, contracts: [contract], history: [alta],
                            createdOn: start, updatedOn: start)
            try t.writeJSON(user, StoreLayout.user(document))
        }
        try t.commit()
        return f
    }

    func files(_ f: ReportFixture) throws -> [String: String] {
        var out: [String: String] = [:]
        for dealer in ["", "ACME/", "IBERIA/"] {
            // The collections report is written only in workspaces with a SEPA creditor.
            for kind in ReportKind.allCases where (dealer.isEmpty || kind.isForDealers) && kind != .collections {
                let base = "outbox/\(dealer)reports/\(kind.rawValue)"
                out[base + ".csv"] = try f.text(base + ".csv")
                out[base + ".xlsx"] = try XLSXPeek(f.url(base + ".xlsx")).sheet1()
            }
        }
        return out
    }

    @Test("two threads write the same files as one")
    func sameFiles() throws {
        let f = try fixture()
        var serial = f.generator()
        serial.concurrentWriters = false
        try serial.generateReports(store: f.store)
        let one = try files(f)
        var concurrent = f.generator()
        concurrent.concurrentWriters = true
        try concurrent.generateReports(store: f.store)
        let two = try files(f)
        #expect(one.count == 28, "6 operator reports and 4 for each of two dealers, XLSX and CSV")
        for (name, content) in one {
            #expect(two[name] == content, "\(name)")
        }
        #expect(one["outbox/ACME/reports/users.csv"]?.contains("Ana 1029") == true)
    }

    @Test("a report dropped before close publishes nothing and leaves no temporary file")
    func abandoned() throws {
        let f = try ReportFixture()
        let context = ReportContext(workspace: f.workspace, asOf: date("2026-11-24"))
        do {
            let fanOut = try ReportFanOut(context: context, kind: .users, sheet: "Usuarios", title: "T",
                                          columns: UsersReport.columns(context), dealerColumn: UsersReport.dealerColumn,
                                          concurrent: true)
            for i in 0..<(ReportLane.batchSize * 2) {
                try fanOut.append(Array(repeating: .text("fila \(i)"), count: 14), dealer: "ACME")
            }
        }
        // The lanes end on their own; poll with a deadline for their temporary files to go.
        let deadline = Date().addingTimeInterval(10)
        var names: [String] = []
        repeat {
            names = ["outbox/reports", "outbox/ACME/reports"].flatMap {
                (try? FileManager.default.contentsOfDirectory(atPath: f.url($0).path)) ?? []
            }
            if names.isEmpty { break }
            Thread.sleep(forTimeInterval: 0.01)
        } while Date() < deadline
        #expect(names.isEmpty, "\(names)")
    }
}
