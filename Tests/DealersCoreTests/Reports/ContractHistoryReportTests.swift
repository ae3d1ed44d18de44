import Foundation
import Testing
@testable import DealersCore

@Suite("Reports: contract history")
struct ContractHistoryReportTests {
    @Test("every event up to the as-of date, by date then document, per dealer, as real cells")
    func chronologicalWithRealCells() throws {
        let f = try ReportFixture()
        try f.addCollective("NORTE", dealer: "ACME")
        try f.addCollective("PYME", dealer: "IBERIA")
        try f.addUser("B2", collective: "NORTE", firstName: "=HYPERLINK(\"http://x\",\"y\")", lastName: "+34600000000",
                      start: "2026-01-10", end: "2027-01-09",
                      history: [event("2026-01-10", "B2", .alta, note: "@SUM(A1)"), event("2026-06-01", "B2", .extension),
                                event("2026-12-01", "B2", .pago)])
        try f.addUser("A1", collective: "PYME", start: "2026-01-10", end: "2027-01-09",
                      history: [event("2026-01-10", "A1", .alta, collective: "PYME"),
                                event("2026-03-01", "A1", .baja, collective: "PYME")])
        try f.generator().generateReports(store: f.store, kinds: [.contractHistory])

        let csv = try f.text("outbox/reports/contract-history.csv")
        #expect(csv.hasPrefix("\u{FEFF}Fecha;Documento;Nombre;Colectivo;Distribuidor;Evento;Contrato;Fin anterior;Fin nuevo;Fichero;Línea;Nota\r\n"))
        let rows = csv.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }
        #expect(rows.map { $0.split(separator: ";").prefix(2).joined(separator: ";") }
                == ["10/01/2026;A1", "10/01/2026;B2", "01/03/2026;A1", "01/06/2026;B2"])
        // Injection neutralised; the event after the as-of date left out.
        #expect(csv.contains(";\"'=HYPERLINK") && csv.contains(";'@SUM(A1)"))
        #expect(!csv.contains("PAGO"))

        // Each dealer sees its own rows, without the dealer column.
        let acme = try f.text("outbox/ACME/reports/contract-history.csv")
        #expect(acme.contains("B2") && !acme.contains("A1;"))
        #expect(!acme.contains("Distribuidor"))
        #expect(try f.text("outbox/IBERIA/reports/contract-history.csv").contains("01/03/2026;A1"))

        let xlsx = try XLSXPeek(f.url("outbox/reports/contract-history.xlsx"))
        #expect(try xlsx.sheetNames() == ["Histórico"])
        let xml = try xlsx.sheet1()
        let styles = try #require(try xlsx.part("xl/styles.xml"))
        #expect(!xml.contains("<f>") && !xml.contains("<f "))
        #expect(xml.contains("state=\"frozen\"") && xml.contains("topLeftCell=\"A4\""))
        #expect(xml.contains("<autoFilter ref=\"A3:L7\""))
        #expect(xml.contains("Fecha de referencia: 24/11/2026"))
        let dateCell = try #require(XLSXPeek.cell(xml, "A4"))
        #expect(!dateCell.contains("t=\""))
        let style = try #require(XLSXPeek.attribute("s", in: dateCell).flatMap(Int.init))
        #expect(XLSXPeek.numberFormat(styles: styles, styleIndex: style) == "dd/mm/yyyy")
        // The line number is a number; the injected name is a string cell.
        #expect(XLSXPeek.attribute("t", in: try #require(XLSXPeek.cell(xml, "K4"))) == nil)
        #expect(XLSXPeek.attribute("t", in: try #require(XLSXPeek.cell(xml, "C5"))) == "inlineStr")
        #expect(xml.contains("=HYPERLINK"))
    }

    @Test("English headers, sheet name and dates")
    func english() throws {
        let f = try ReportFixture(language: "en")
        try f.addCollective("NORTE", dealer: nil)
        try f.addUser("A1", collective: "NORTE", start: "2026-01-10", end: "2027-01-09")
        try f.generator().generateReports(store: f.store, kinds: [.contractHistory])
        let csv = try f.text("outbox/reports/contract-history.csv")
        #expect(csv.hasPrefix("\u{FEFF}Date,Document,Name,Collective,Dealer,Event"))
        #expect(csv.contains("2026-01-10,A1,Ana Pérez,NORTE,,ENROLMENT"))
        let xlsx = try XLSXPeek(f.url("outbox/reports/contract-history.xlsx"))
        let names = try xlsx.sheetNames()
        #expect(names == ["Contract history"], "\(names)")
        #expect(try xlsx.sheet1().contains("As of: 2026-11-24"))
    }

    @Test("the external sort spills runs and merges them into the same order as an in-memory sort")
    func externalSort() throws {
        var rows: [HistoryRow] = []
        for i in 0..<500 {
            let d = date("2026-01-01").adding(days: (i * 37) % 90)
            rows.append(HistoryRow(date: d, document: "D\((i * 13) % 50)", index: i, name: "N\ttab\nline\\ \(i)",
                                   collective: "C", dealer: i % 2 == 0 ? "ACME" : nil, kind: .alta,
                                   contract: nil, endBefore: i % 3 == 0 ? d : nil, endAfter: d, sourceFile: "f.csv",
                                   sourceLine: i % 5 == 0 ? nil : i, note: i % 7 == 0 ? "nota;\r\n" : nil))
        }
        let sorter = HistoryRowSorter(runLength: 64)
        for row in rows { try sorter.add(row) }
        #expect(sorter.spilledRuns == 7)
        var out: [HistoryRow] = []
        try sorter.drain { out.append($0) }
        #expect(out == rows.sorted(by: HistoryRow.precedes))
    }
}
