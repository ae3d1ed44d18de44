import Foundation
import Testing
@testable import DealersCore
import DealersTestSupport

/// The documents to sign (docs/sepa.md): the mandate form and the contract's conditions as PDFs,
/// read back with a PDF reader (`pdftotext`, Debian `poppler-utils`).
@Suite("SEPA documents to sign, end to end")
struct SEPADocumentsTests {
    /// The text of a PDF, or `nil` (the check is skipped and says so) without pdftotext.
    func text(of pdf: URL) throws -> String? {
        guard let tool = PythonModule.executable(named: ["pdftotext"]) else {
            print("SEPADocumentsTests: SKIPPED reading the PDFs: needs pdftotext (poppler-utils; scripts/setup.sh with DEALERS_WITH_TEST_TOOLS=1)")
            return nil
        }
        return try PythonModule.runProgram(tool, ["-enc", "UTF-8", pdf.path, "-"]).stdout
    }

    @Test("a new mandate gets the Spanish SEPA mandate form and a new contract its conditions from templates/; made once; an amendment makes a new form")
    func mandateAndConditions() throws {
        let ws = try SEPAWorkspace.make()
        defer { ws.remove() }
        try ws.write("templates/condiciones.txt", """
        # Condiciones del contrato {{contrato}}

        Cliente: {{nombre}}, con documento {{documento}}, del colectivo {{colectivo.nombre}} ({{colectivo}}).
        Cuota: {{precio.mensual}} al mes o {{precio.anual}} al año. Vigencia del {{inicio}} al {{fin}}.

        """)
        _ = try ws.run(["run", "--as-of", "2026-11-24"])
        let folder = "outbox/ACME/documents/2026-11-24"
        let mandate = ws.url("\(folder)/mandato-MDT-12345678Z.pdf")
        #expect(ws.exists("\(folder)/mandato-MDT-12345678Z.pdf") && ws.exists("\(folder)/condiciones-C00000001.pdf"))
        #expect(try Data(contentsOf: mandate).starts(with: Data("%PDF-".utf8)))
        if let form = try text(of: mandate) {
            for expected in ["Orden de domiciliación de adeudo directo SEPA", "MDT-12345678Z", "ES11000B12345674",
                             "Acme Telecom, S.L.", "Calle Mayor 1, 28013 Madrid", "José Núñez", "Calle Sol 3, Madrid",
                             "ES12 2100 0418 4612 3456 7890", "CAIXESBBXXX", "Pago recurrente", "Firma del deudor",
                             "ocho semanas"] {
                #expect(form.contains(expected), "the mandate form lacks \(expected)")
            }
        }
        if let conditions = try text(of: ws.url("\(folder)/condiciones-C00000001.pdf")) {
            for expected in ["Condiciones del contrato C00000001", "José Núñez", "12345678Z", "Empresa Norte (NORTE)",
                             "99,00 EUR", "2026-11-01", "2026-12-01", "Firma del cliente"] {
                #expect(conditions.contains(expected), "the conditions lack \(expected)")
            }
        }
        // Nothing again for the same mandates and contracts; a changed IBAN is a new form.
        try ws.write("inbox/usuarios-cambio.csv", "Acción;Nº Documento;IBAN\r\nM;12345678Z;ES0921000418405555555555\r\n")
        _ = try ws.run(["run", "--as-of", "2026-12-20"])
        #expect(ws.exists("outbox/ACME/documents/2026-12-20/mandato-MDT-12345678Z.pdf"))
        #expect(!ws.exists("outbox/ACME/documents/2026-12-20/condiciones-C00000001.pdf"))
        #expect(try ws.run(["store", "verify"]).status == 0)
    }

    @Test("watch makes the documents to sign when it regenerates the reports, as run does")
    func watchMakesDocuments() throws {
        let ws = try SEPAWorkspace.make(settings: SEPAWorkspace.settings().replacingOccurrences(
            of: #""stabilitySeconds": 0"#, with: #""stabilitySeconds": 0, "reportIntervalSeconds": 0"#))
        defer { ws.remove() }
        let watch = try ws.start(["watch", "--as-of", "2026-11-24"])
        defer { watch.kill() }
        let made = eventually(timeout: .seconds(120)) { ws.exists("outbox/ACME/documents/2026-11-24/mandato-MDT-12345678Z.pdf") }
        watch.kill(SIGTERM)
        #expect(made, "no mandate form from watch")
        #expect(watch.wait().status == 0)
        #expect(try Data(contentsOf: ws.url("outbox/ACME/documents/2026-11-24/mandato-MDT-12345678Z.pdf")).starts(with: Data("%PDF-".utf8)))
    }
}
