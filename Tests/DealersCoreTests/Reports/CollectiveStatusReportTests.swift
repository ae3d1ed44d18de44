import Foundation
import Testing
@testable import DealersCore

@Suite("Reports: collective status")
struct CollectiveStatusReportTests {
    @Test("statuses, expiring within 30 days and recent payments per collective, with a chart")
    func countsAndChart() throws {
        let f = try ReportFixture()
        try f.addCollective("NORTE", dealer: "ACME")
        try f.addCollective("PYME", dealer: "IBERIA", active: false)
        try f.addCollective("VACIO", dealer: "ACME")
        // as of 2026-11-24: active and ending within 30 days, with a payment 10 days ago and one 40 days ago.
        try f.addUser("U1", collective: "NORTE", start: "2026-01-01", end: "2026-12-20",
                      history: [event("2026-01-01", "U1", .alta), event("2026-11-14", "U1", .pago),
                                event("2026-10-15", "U1", .pago)])
        try f.addUser("U2", collective: "NORTE", start: "2026-01-01", end: "2027-06-30")
        try f.addUser("U3", collective: "NORTE", start: "2026-12-01", end: "2027-11-30")
        try f.addUser("U4", collective: "NORTE", start: "2025-01-01", end: "2025-12-31")
        try f.addUser("U5", collective: "PYME", start: "2026-01-01", end: "2026-12-01", cancelledOn: "2026-05-01")
        try f.generator().generateReports(store: f.store, kinds: [.collectiveStatus])

        let csv = try f.text("outbox/reports/collective-status.csv")
        let lines = csv.components(separatedBy: "\r\n")
        #expect(lines[0] == "\u{FEFF}Colectivo;Nombre;País;Distribuidor;Activo;Activos;Programados;Vencidos;Cancelados;Vencen en 30 días;Pagos últimos 30 días")
        #expect(lines[1] == "NORTE;Colectivo NORTE;ES;ACME;SÍ;2;1;1;0;1;1")
        #expect(lines[2] == "PYME;Colectivo PYME;ES;IBERIA;NO;0;0;0;1;0;0")
        #expect(lines[3] == "VACIO;Colectivo VACIO;ES;ACME;SÍ;0;0;0;0;0;0")
        #expect(try f.text("outbox/ACME/reports/collective-status.csv").contains("NORTE;Colectivo NORTE;ES;SÍ;2;1;1;0;1;1"))
        #expect(!(try f.text("outbox/ACME/reports/collective-status.csv").contains("PYME")))

        for path in ["outbox/reports/collective-status.xlsx", "outbox/ACME/reports/collective-status.xlsx"] {
            let xlsx = try XLSXPeek(f.url(path))
            let chart = try #require(try xlsx.part("xl/charts/chart1.xml"), "no chart in \(path)")
            #expect(chart.contains("<c:barDir val=\"col\"/>"))
            #expect(chart.contains("Contratos por estado"))
            let xml = try xlsx.sheet1()
            #expect(xml.contains("state=\"frozen\"") && xml.contains("<autoFilter "))
            #expect(!xml.contains("<f>"))
            // Counts are numbers.
            #expect(XLSXPeek.attribute("t", in: try #require(XLSXPeek.cell(xml, path.contains("ACME") ? "E4" : "F4"))) == nil)
        }
        let operatorChart = try #require(try XLSXPeek(f.url("outbox/reports/collective-status.xlsx")).part("xl/charts/chart1.xml"))
        #expect(operatorChart.contains("$F$4:$F$6") && operatorChart.contains("$A$4:$A$6"))
        let dealerChart = try #require(try XLSXPeek(f.url("outbox/ACME/reports/collective-status.xlsx")).part("xl/charts/chart1.xml"))
        #expect(dealerChart.contains("$E$4:$E$5"))
    }
}
