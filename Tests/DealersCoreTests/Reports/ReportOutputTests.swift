import DealersTestSupport
import Foundation
import Testing
@testable import DealersCore

@Suite("Reports: files, formats and atomicity")
struct ReportOutputTests {
    @Test("all reports in one pass, in both formats; a format or a report can be chosen")
    func kindsAndFormats() throws {
        let f = try ReportFixture()
        try f.addCollective("NORTE", dealer: "ACME")
        try f.addUser("A1", collective: "NORTE", start: "2026-01-10", end: "2027-01-09")
        try f.generator().generateReports(store: f.store, kinds: [.users], formats: .csv)
        #expect(f.exists("outbox/reports/users.csv") && !f.exists("outbox/reports/users.xlsx"))
        #expect(!f.exists("outbox/reports/contract-history.csv"))
        try f.generator().generate(store: f.store)
        for dealer in ["", "ACME/", "IBERIA/"] {
            for kind in ReportKind.allCases {
                // The conflicts report is the operator's alone; the collections report is only
                // written in workspaces with a SEPA creditor (this one has none).
                let expected = (dealer.isEmpty || kind.isForDealers) && kind != .collections
                #expect(f.exists("outbox/\(dealer)reports/\(kind.rawValue).xlsx") == expected)
                #expect(f.exists("outbox/\(dealer)reports/\(kind.rawValue).csv") == expected)
            }
        }
        let users = try XLSXPeek(f.url("outbox/reports/users.xlsx")).sheet1()
        #expect(users.contains("Fecha de referencia: 24/11/2026"))
    }

    @Test("the configured CSV dialect is used", arguments: [
        (#"{"csv": {"delimiter": "\t", "byteOrderMark": false, "lineEnding": "\n"}}"#, "Documento\tTipo", "\n"),
        (#"{"language": "en"}"#, "\u{FEFF}Document,Type", "\r\n"),
    ])
    func dialect(settings: String, header: String, ending: String) throws {
        let f = try ReportFixture()
        try Data(settings.utf8).write(to: f.url("dealers.json"))
        let workspace = try Workspace(root: f.folder.url)
        try f.addCollective("NORTE", dealer: nil)
        try f.addUser("A1", collective: "NORTE", email: "-x@example.es", start: "2026-01-10", end: "2027-01-09")
        try ReportGenerator(context: RunContext(workspace: workspace, asOf: date("2026-11-24"), logger: testLogger))
            .generateReports(store: f.store, kinds: [.users], formats: .csv)
        let csv = try f.text("outbox/reports/users.csv")
        #expect(csv.hasPrefix(header))
        #expect(csv.hasSuffix(ending) && (ending == "\r\n" || !csv.contains("\r")))
        #expect(csv.contains("'-x@example.es"))
    }

    @Test("a report being written is invisible: the old file stays until close, no temporary file stays")
    func atomicity() throws {
        let f = try ReportFixture()
        let context = ReportContext(workspace: f.workspace, asOf: date("2026-11-24"))
        let old = Data("old".utf8)
        try AtomicFile.write(old, to: f.url("outbox/reports/users.csv"))
        let fanOut = try ReportFanOut(context: context, kind: .users, sheet: "Usuarios", title: "T",
                                      columns: UsersReport.columns(context), dealerColumn: UsersReport.dealerColumn)
        for i in 0..<20_000 {
            try fanOut.append(Array(repeating: .text("fila \(i)"), count: 14), dealer: "ACME")
        }
        // Mid-write: the reader sees the previous file or nothing, never a part.
        #expect(try Data(contentsOf: f.url("outbox/reports/users.csv")) == old)
        #expect(!f.exists("outbox/reports/users.xlsx"))
        #expect(!f.exists("outbox/ACME/reports/users.csv"))
        try fanOut.close()
        #expect(try f.text("outbox/reports/users.csv").contains("fila 19999"))
        #expect(try XLSXPeek(f.url("outbox/ACME/reports/users.xlsx")).sheet1().contains("fila 19999"))
        for folder in ["outbox/reports", "outbox/ACME/reports"] {
            let names = try FileManager.default.contentsOfDirectory(atPath: f.url(folder).path)
            #expect(!names.contains { $0.hasPrefix(".") }, "\(names)")
        }
    }
}
