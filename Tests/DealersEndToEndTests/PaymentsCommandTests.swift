import Foundation
import Testing
@testable import DealersCore
import DealersTestSupport

/// A one-account Norma 43 statement of credits (cents, reference), totals right unless told.
private func statement(_ credits: [(Int, String)], declaredTotal: Int? = nil) -> String {
    func r(_ s: String) -> String { s.padding(toLength: 80, withPad: " ", startingAt: 0) }
    func n(_ v: Int, _ w: Int) -> String { String(repeating: "0", count: max(0, w - String(v).count)) + String(v) }
    var lines = [r("11999900010123456789261101261130200000000000000978" + "3ACME")]
    for (cents, ref) in credits {
        lines.append(r("22    0001261120261120040072" + n(cents, 14) + n(0, 10) + ref))
        lines.append(r("2301TRANSFERENCIA"))
    }
    lines.append(r("33999900010123456789" + n(0, 5) + n(0, 14) + n(credits.count, 5)
                   + n(declaredTotal ?? credits.map(\.0).reduce(0, +), 14) + "2" + n(0, 14) + "978"))
    lines.append(r("88" + String(repeating: "9", count: 18) + n(lines.count, 6)))
    return lines.joined(separator: "\r\n") + "\r\n"
}

@Suite("Payments and statements, end to end")
struct PaymentsCommandTests {
    func seeded() throws -> TestWorkspace {
        let ws = try TestWorkspace()
        try ws.write("inbox/colectivos.csv", Samples.collectives, windows1252: true)
        try ws.write("inbox/usuarios.csv", Samples.users, windows1252: true)
        _ = try ws.run(["run", "--as-of", "2026-11-24"])
        #expect(try ws.user("12345678Z")?.contracts.last?.number == "C00000001")
        return ws
    }

    @Test("a payments file: payments extend, a reversal undoes, refused rows carry their reason; verify agrees; report written")
    func paymentsFile() throws {
        let ws = try seeded()
        defer { ws.remove() }
        try ws.write("inbox/pagos.csv", """
        Id pago;Fecha;Contrato;Nº Documento;Importe;Moneda;Método;Periodo;Tipo;Pago original
        P1;20/11/2026;C00000001;;99,00;EUR;tarjeta;;;
        P2;21/11/2026;;12345678Z;9,90;EUR;efectivo;1M;;
        P3;22/11/2026;C00000001;;12,00;EUR;;;;
        P4;22/11/2026;C00000999;;9,90;EUR;;;;
        P5;22/11/2026;C00000001;;9,90;USD;;;;
        R1;23/11/2026;;;99,00;EUR;;;DEVOLUCIÓN;P1
        R2;23/11/2026;;;9,90;EUR;;;DEV;NOPE

        """)
        let result = try ws.run(["run", "--as-of", "2026-11-24"])
        #expect(result.status == 65)
        let receipt = try ws.receipt("outbox/receipts/pagos.csv.json")
        #expect(receipt.rows.applied == 3 && receipt.rows.rejected == 4)
        #expect(receipt.errorCodes == ["AMOUNT_MISMATCH": 1, "UNKNOWN_REFERENCE": 1, "CURRENCY_MISMATCH": 1, "UNKNOWN_PAYMENT": 1])
        // 2027-11-01 + 1 year (P1) + 1 month (P2), then P1 reversed: 2027-12-01.
        #expect(try ws.user("12345678Z")?.contracts.last?.end == CivilDate(iso: "2027-12-01"))
        let kinds = try ws.user("12345678Z")?.history.map(\.kind.rawValue) ?? []
        #expect(kinds.suffix(3) == ["PAGO", "PAGO", "DEVOLUCION"])
        #expect(try ws.run(["store", "verify"]).status == 0)
        #expect(ws.exists("outbox/reports/payments.csv") && ws.exists("outbox/ACME/reports/payments.xlsx"))
        let report = try ws.text("outbox/reports/payments.csv")
        #expect(report.contains("DEVUELTO") && report.contains("AMOUNT_MISMATCH") && report.contains("UNKNOWN_PAYMENT"))
        // Methods and periods in Spanish words; the store keeps the codes.
        #expect(report.contains(";TARJETA;1 año;") && report.contains(";EFECTIVO;1 mes;"), "\(report)")
        #expect(!report.contains(";CARD;") && !report.contains(";1A;"))
    }

    @Test("a reject-file payments layout: rows that applied are undone with the file, the refused ones are kept for reconciliation, in one commit")
    func rejectFileKeepsReconciliation() throws {
        let ws = try seeded()
        defer { ws.remove() }
        let layout = try ws.text("layouts/payments.json")
        try ws.write("layouts/payments.json", layout.replacingOccurrences(of: #""errorPolicy": "reject-row""#, with: #""errorPolicy": "reject-file""#))
        let before = try ws.user("12345678Z")
        let payments = """
        Id pago;Fecha;Contrato;Nº Documento;Importe;Moneda;Método;Periodo;Tipo;Pago original
        P1;20/11/2026;C00000001;;99,00;EUR;tarjeta;;;
        P3;22/11/2026;C00000001;;12,00;EUR;;;;

        """
        try ws.write("inbox/pagos.csv", payments)
        #expect(try ws.run(["run", "--as-of", "2026-11-24"]).status == 65)
        let receipt = try ws.receipt("outbox/receipts/pagos.csv.json")
        #expect(receipt.status == .rejected && receipt.rows.applied == 0 && receipt.rows.rejected == 2)
        #expect(receipt.message?.contains("reject-file") == true)
        // P1 applied by its rule, then went with the file: no payment, no longer contract.
        #expect(try ws.user("12345678Z") == before)
        #expect(ws.documentCount(under: "payments") == 0)
        // P3 was refused: it is kept for reconciliation, and the report says why.
        #expect(ws.documentCount(under: "reconciliation") == 1)
        #expect(try ws.text("outbox/reports/payments.csv").contains("AMOUNT_MISMATCH"))
        #expect(try ws.run(["store", "verify"]).status == 0)
        // A rejected file is not remembered: dropped again, it is processed again, not a duplicate.
        try ws.write("inbox/pagos.csv", payments)
        _ = try ws.run(["run", "--as-of", "2026-11-24"])
        #expect(try ws.receipt("outbox/receipts/pagos.csv.json").status == .rejected)
    }

    @Test("a statement pays the contracts its credits name, once: dropped twice or overlapping, nothing is paid twice")
    func statementTwice() throws {
        let ws = try seeded()
        defer { ws.remove() }
        let first = statement([(990, "C00000001"), (1234, "DESCONOCIDO")])
        try ws.write("inbox/extracto-1.n43", first)
        #expect(try ws.run(["run", "--as-of", "2026-11-24"]).status == 65)
        let r1 = try ws.receipt("outbox/receipts/extracto-1.n43.json")
        #expect(r1.layout == "norma43" && r1.rows.applied == 1 && r1.errorCodes["UNKNOWN_REFERENCE"] == 1)
        #expect(try ws.user("12345678Z")?.contracts.last?.end == CivilDate(iso: "2027-12-01"))

        try ws.write("inbox/extracto-1-otra-vez.n43", first)
        _ = try ws.run(["run", "--as-of", "2026-11-24"])
        #expect(try ws.receipt("outbox/receipts/extracto-1-otra-vez.n43.json").status == .duplicate)

        // An overlapping statement: the same movement and one more for the same contract.
        try ws.write("inbox/extracto-2.n43", statement([(990, "C00000001"), (1234, "DESCONOCIDO"), (9900, "C00000001")]))
        _ = try ws.run(["run", "--as-of", "2026-11-24"])
        let r2 = try ws.receipt("outbox/receipts/extracto-2.n43.json")
        #expect(r2.rows.applied == 1 && r2.errorCodes["DUPLICATE_PAYMENT"] == 1)
        #expect(try ws.user("12345678Z")?.contracts.last?.end == CivilDate(iso: "2028-12-01"))
        #expect(try ws.run(["store", "verify"]).status == 0)
    }

    @Test("a Norma 43 file whose totals do not match is rejected whole with a clear error")
    func totalsMismatch() throws {
        let ws = try seeded()
        defer { ws.remove() }
        try ws.write("inbox/extracto.n43", statement([(990, "C00000001")], declaredTotal: 1000))
        #expect(try ws.run(["run", "--as-of", "2026-11-24"]).status == 65)
        let receipt = try ws.receipt("outbox/receipts/extracto.n43.json")
        #expect(receipt.status == .rejected && receipt.rows.applied == 0)
        let errors = try ws.text(ws.output(of: "extracto.n43", endingWith: ".errors.csv"))
        #expect(errors.contains("STATEMENT_TOTALS_MISMATCH") && errors.contains("10,00") && errors.contains("9,90"))
        #expect(try ws.user("12345678Z")?.contracts.last?.end == CivilDate(iso: "2027-11-01"))
    }

    @Test("the real samples: Norma 43 without totals is rejected naming what is missing; camt credits go to reconciliation")
    func samples() throws {
        let ws = try seeded()
        defer { ws.remove() }
        let fixtures = TestWorkspace.repository.appendingPathComponent("Tests/DealersCoreTests/Fixtures")
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent("norma43-sequra-example2.n43"), to: ws.url("inbox/example2.n43"))
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent("camt-genkgo-camt054.v8.xml"), to: ws.url("inbox/camt054.xml"))
        _ = try ws.run(["run", "--as-of", "2026-11-24"])
        let n43 = try ws.receipt("outbox/receipts/example2.n43.json")
        #expect(n43.status == .rejected && n43.errorCodes["STATEMENT_INCOMPLETE"] == 1)
        #expect(try ws.text(ws.output(of: "example2.n43", endingWith: ".errors.csv")).contains("33"))
        let camt = try ws.receipt("outbox/receipts/camt054.xml.json")
        #expect(camt.layout == "camt" && camt.rows.read == 1 && camt.rows.applied == 0)
        #expect(try ws.text("outbox/reports/payments.csv").contains("camt054.xml"))
    }
}
