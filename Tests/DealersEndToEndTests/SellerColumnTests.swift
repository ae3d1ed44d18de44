import Foundation
import Testing
@testable import DealersCore
import DealersTestSupport

/// The users layout's optional `Vendedor` column, end to end: stored on the user, changed by
/// MODIFICACIÓN, in the history, the users report and the sync feed; a bad value is a row error.
@Suite("Sellers: the Vendedor column, end to end")
struct SellerColumnTests {
    @Test("Vendedor is stored, changed by MODIFICACIÓN, noted in the history, shown in the users report and the feed")
    func sellerThroughThePipeline() throws {
        let ws = try TestWorkspace()
        defer { ws.remove() }
        try ws.write("inbox/colectivos.csv", Samples.collectives)
        let tooLong = String(repeating: "V", count: 33)
        try ws.write("inbox/ACME/usuarios.csv", """
            Acción;Colectivo;Nº Documento;Nombre;Relación;Vendedor\r
            ALTA;NORTE;12345678Z;José;TITULAR;V01\r
            ALTA;NORTE;23456789D;María;TITULAR;\r
            ALTA;NORTE;34567890V;Ana;TITULAR;\(tooLong)\r
            ALTA;NORTE;45678901G;Luis;TITULAR;"V\t02"\r

            """)
        let first = try ws.run(["run", "--as-of", "2026-11-24"])
        #expect(first.status == 65, "stderr: \(first.stderr)")
        #expect(try ws.user("12345678Z")?.seller == "V01")
        #expect(try ws.user("23456789D")?.seller == nil)
        #expect(try ws.user("34567890V") == nil)
        #expect(try ws.user("45678901G") == nil)
        let errors = try ws.text(ws.output(of: "usuarios.csv", dealer: "ACME", endingWith: ".errors.csv"))
        #expect(errors.contains(";Vendedor;\(tooLong);"), "errors: \(errors)")
        #expect(errors.contains(";INVALID_CHARACTER;"), "errors: \(errors)")

        let report = try ws.text("outbox/reports/users.csv").split(whereSeparator: \.isNewline).map(String.init)
        #expect(report.first?.hasSuffix(";Relación;Titular;Vendedor;Contrato;Inicio;Fin;Estado") == true, "\(report)")
        #expect(report.contains { $0.hasPrefix("12345678Z;") && $0.contains(";TITULAR;;V01;C") })
        #expect(report.contains { $0.hasPrefix("23456789D;") && $0.contains(";TITULAR;;;C") })
        let dealerReport = try ws.text("outbox/ACME/reports/users.csv")
        #expect(dealerReport.contains("Titular;Vendedor;Contrato") && dealerReport.contains(";V01;"))

        try ws.write("inbox/ACME/cambios.csv", "Acción;Nº Documento;Vendedor\r\nMODIFICACION;12345678Z;V02\r\n")
        #expect(try ws.run(["run", "--as-of", "2026-11-25"]).status == 0)
        let user = try #require(try ws.user("12345678Z"))
        #expect(user.seller == "V02")
        #expect(user.history.map(\.note) == ["vendedor → V01", "vendedor V01 → V02"])
        let history = try ws.text("outbox/ACME/reports/contract-history.csv")
        #expect(history.contains("vendedor V01 → V02"))

        let feeds = try FileManager.default.contentsOfDirectory(atPath: ws.url("outbox/sync").path).sorted()
        let last = try #require(feeds.last)
        let lines = try ws.text("outbox/sync/\(last)").split(separator: "\n")
            .map { try JSONDecoder().decode(SyncFeedLine.self, from: Data($0.utf8)) }
        #expect(lines.map(\.user.seller) == ["V02"])
        #expect(try ws.text("outbox/sync/\(last)").contains(#""seller":"V02""#))
    }
}
