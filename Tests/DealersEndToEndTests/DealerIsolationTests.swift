import Foundation
import Testing
@testable import DealersCore
import DealersTestSupport

/// Two dealers played against each other through the built binary (§3.5, §7; issue 14): ACME's
/// files refer to every kind of IBERIA's data, and the same files refer to data that does not
/// exist; ACME's outbox must not tell the two apart, nor hold anything of IBERIA's.
@Suite("Dealer isolation: no existence oracle across dealers, end to end")
struct DealerIsolationTests {
    static let asOf = ["--as-of", "2026-11-24"]

    /// IBERIA's data, and the same-length references to nothing ACME uses in its place.
    struct References {
        var document = "12345678Z"     // IBERIA's holder (CENTRO)
        var collective = "PYME"        // IBERIA's collective
        var contract = ""              // the holder's contract number, read from the store
        var payment = "PB-0001"        // IBERIA's payment

        static let missing = References(document: "87654321X", collective: "NADA", contract: "C99999999", payment: "PZ-0009")

        /// Each reference → the placeholder both outboxes are compared with.
        var placeholders: [(String, String)] {
            [(document, "«DOC»"), (collective, "«COL»"), (contract, "«CONTRACT»"), (payment, "«PAY»")]
        }
    }

    /// What IBERIA has that ACME never writes in any file: none of it may reach ACME's outbox.
    static let neverSent = ["IBERIA", "CENTRO", "Centro Reservado", "Pequeñas Empresas", "Bernardo", "Reservad", "Berta",
                            "23456789D", "iberia-"]

    /// A workspace where the operator created ACME's NORTE and IBERIA's PYME and CENTRO, IBERIA
    /// enrolled a holder and a dependant in CENTRO and paid the holder's contract (PB-0001), and
    /// ACME enrolled Ana in NORTE and paid hers (PA-0001).
    func seeded() throws -> (TestWorkspace, iberiaContract: String, iberiaDependantContract: String, acmeContract: String) {
        let ws = try TestWorkspace()
        try ws.write("inbox/colectivos.csv", """
        Acción;Código;Nombre;País;Distribuidor;Precio mensual;Precio anual;Moneda;Duración;Activo
        ALTA;NORTE;Empresa Norte;ES;ACME;9,90;99,00;EUR;1A;sí
        ALTA;PYME;Pequeñas Empresas;ES;IBERIA;9,90;99,00;EUR;1A;sí
        ALTA;CENTRO;Centro Reservado;ES;IBERIA;9,90;99,00;EUR;1A;sí

        """)
        try #require(try ws.run(["run"] + Self.asOf).status == 0)
        try ws.write("inbox/IBERIA/iberia-altas.csv", """
        Acción;Colectivo;Nº Documento;Nombre;Apellidos;Relación;Documento titular;Fecha inicio
        ALTA;CENTRO;12345678Z;Bernardo;Reservado;TITULAR;;01/11/2026
        ALTA;CENTRO;23456789D;Berta;Reservada;CÓNYUGE;12345678Z;01/11/2026

        """)
        try #require(try ws.run(["run"] + Self.asOf).status == 0)
        try ws.write("inbox/ACME/acme-altas.csv", """
        Acción;Colectivo;Nº Documento;Nombre;Apellidos;Relación;Documento titular;Fecha inicio
        ALTA;NORTE;11111111H;Ana;Propia;TITULAR;;01/11/2026

        """)
        try #require(try ws.run(["run"] + Self.asOf).status == 0)
        let iberia = try #require(try ws.user("12345678Z")?.contracts.last?.number)
        let dependant = try #require(try ws.user("23456789D")?.contracts.last?.number)
        let acme = try #require(try ws.user("11111111H")?.contracts.last?.number)
        let header = "Id pago;Fecha;Contrato;Nº Documento;Importe;Moneda;Método;Periodo;Tipo;Pago original\n"
        // One run each, so that both workspaces number their changes alike.
        try ws.write("inbox/IBERIA/iberia-pagos.csv", header + "PB-0001;20/11/2026;\(iberia);;9,90;EUR;;;;\n")
        try #require(try ws.run(["run"] + Self.asOf).status == 0)
        try ws.write("inbox/ACME/acme-pagos.csv", header + "PA-0001;20/11/2026;\(acme);;9,90;EUR;;;;\n")
        try #require(try ws.run(["run"] + Self.asOf).status == 0)
        return (ws, iberia, dependant, acme)
    }

    /// ACME's files, every row naming one of `r`'s references.
    func referringFiles(_ r: References, in ws: TestWorkspace) throws {
        try ws.write("inbox/ACME/usuarios-ref.csv", """
        Acción;Colectivo;Nº Documento;Nombre;Apellidos;Relación;Documento titular;Periodo
        BAJA;;\(r.document);;;;;
        EXTENSION;;\(r.document);;;;;1M
        MODIFICACION;;\(r.document);Otro;;;;
        ALTA;NORTE;45678901G;Nuevo;Dependiente;CÓNYUGE;\(r.document);
        ALTA;\(r.collective);56789012B;Nueva;Persona;TITULAR;;
        MODIFICACION;\(r.collective);11111111H;;;;;
        MODIFICACION;;11111111H;;;CÓNYUGE;\(r.document);

        """)
        try ws.write("inbox/ACME/pagos-ref.csv", """
        Id pago;Fecha;Contrato;Nº Documento;Importe;Moneda;Método;Periodo;Tipo;Pago original
        PA-0101;21/11/2026;\(r.contract);;9,90;EUR;;;;
        PA-0102;21/11/2026;;\(r.document);9,90;EUR;;;;
        PA-0103;21/11/2026;;;9,90;EUR;;;DEVOLUCION;\(r.payment)
        PA-0104;21/11/2026;\(r.contract);;9,90;EUR;;;DEVOLUCION;\(r.payment)
        PA-0105;21/11/2026;\(r.contract);\(r.document);99,00;EUR;;;;

        """)
        let collectivesHeader = "Acción;Código;Nombre;País;Distribuidor;Precio mensual;Precio anual;Moneda;Duración;Activo\n"
        try ws.write("inbox/ACME/colectivos-cambio.csv", collectivesHeader + "MODIFICACION;\(r.collective);Cambiado;;;;;;;\n")
        try ws.write("inbox/ACME/colectivos-baja.csv", collectivesHeader + "BAJA;\(r.collective);;;;;;;;\n")
    }

    @Test("every reference to another dealer's user, holder, collective, contract or payment answers byte for byte as a reference to nothing")
    func answersEqualUnknown() throws {
        let (foreignWS, iberiaContract, dependantContract, _) = try seeded()
        defer { foreignWS.remove() }
        let (missingWS, sameContract, _, _) = try seeded()
        defer { missingWS.remove() }
        #expect(iberiaContract == sameContract)
        var foreign = References()
        foreign.contract = iberiaContract

        try referringFiles(foreign, in: foreignWS)
        try referringFiles(References.missing, in: missingWS)
        let one = try foreignWS.run(["run"] + Self.asOf), two = try missingWS.run(["run"] + Self.asOf)
        #expect(one.status == 65 && two.status == 65, "\(one.stderr)\n\(two.stderr)")

        // ACME's whole outbox (errors, rejected rows, workbooks, receipts, reports, sync feed) is
        // the same file for file once each reference is replaced by the same placeholder.
        let seen = try OutboxContents(foreignWS.url("outbox/ACME")).normalised(foreign.placeholders)
        let expected = try OutboxContents(missingWS.url("outbox/ACME")).normalised(References.missing.placeholders)
        #expect(seen.count == expected.count)
        for (a, b) in zip(seen, expected) where a != b {
            Issue.record("outbox/ACME differs:\n--- other dealer's data\n\(a.prefix(3000))\n--- nothing\n\(b.prefix(3000))")
        }
        let errors = try #require(seen.first { $0.hasPrefix("== errors/") && $0.contains("usuarios-ref") && $0.contains(".errors.csv") })
        #expect(errors.contains("UNKNOWN_USER") && errors.contains("HOLDER_NOT_FOUND") && errors.contains("UNKNOWN_COLLECTIVE"))
        #expect(!errors.contains("DEALER_FORBIDDEN") && !errors.contains("HOLDER_IN_OTHER_COLLECTIVE"))
        let payments = try #require(seen.first { $0.hasPrefix("== errors/") && $0.contains("pagos-ref") && $0.contains(".errors.csv") })
        // A dealer's reversal waits for the master whatever it names (issue 29): it tells nothing.
        #expect(payments.contains("UNKNOWN_REFERENCE") && payments.contains("REVERSAL_NEEDS_MASTER") && !payments.contains("UNKNOWN_PAYMENT"))

        // Nothing of IBERIA's that ACME did not write itself is anywhere in ACME's outbox.
        let outbox = try OutboxContents(foreignWS.url("outbox/ACME"))
        for secret in Self.neverSent + [dependantContract] {
            #expect(outbox.files(containing: secret).isEmpty, "\(secret) in \(outbox.files(containing: secret))")
        }

        // IBERIA's data is untouched.
        #expect(try foreignWS.user("12345678Z")?.contracts.last?.end == missingWS.user("12345678Z")?.contracts.last?.end)
        #expect(try foreignWS.user("12345678Z")?.firstName == "Bernardo")
        #expect(try foreignWS.user("11111111H")?.collective == "NORTE")
        #expect(try foreignWS.store().readJSON(LedgerEntry.self, StoreLayout.payment("PB-0001"))?.reversedBy == nil)
        #expect(try foreignWS.store().readJSON(Collective.self, StoreLayout.collective("PYME"))?.active == true)

        // The operator is told, with everything: who, which file and line, whose data.
        let conflicts = try foreignWS.text("outbox/reports/conflicts.csv")
        for row in ["ACME;usuarios-ref.csv;2;", "ACME;usuarios-ref.csv;5;", "ACME;pagos-ref.csv;2;", "ACME;colectivos-baja.csv;2;"] {
            #expect(conflicts.contains(row), "\(row) in\n\(conflicts)")
        }
        #expect(conflicts.contains("IBERIA;CENTRO;12345678Z") && conflicts.contains(";TITULAR;"))
        #expect(foreignWS.exists("outbox/reports/conflicts.xlsx"))
        #expect(!foreignWS.exists("outbox/ACME/reports/conflicts.csv") && !foreignWS.exists("outbox/IBERIA/reports/conflicts.csv"))
        let none = try missingWS.text("outbox/reports/conflicts.csv")
        #expect(none.split(whereSeparator: \.isNewline).count == 1, "\(none)")
    }

    @Test("a document, collective code or payment id another dealer holds gets one neutral answer that names nothing of theirs")
    func takenIdentifiers() throws {
        let (ws, _, dependantContract, acmeContract) = try seeded()
        defer { ws.remove() }
        try ws.write("inbox/ACME/usuarios-alta.csv", """
        Acción;Colectivo;Nº Documento;Nombre;Apellidos;Relación;Documento titular
        ALTA;NORTE;12345678Z;Intruso;Apellido;TITULAR;

        """)
        try ws.write("inbox/ACME/colectivos-alta.csv", """
        Acción;Código;Nombre;País;Distribuidor;Precio mensual;Precio anual;Moneda;Duración;Activo
        ALTA;PYME;Mi Pyme;ES;;9,90;99,00;EUR;1A;sí

        """)
        try ws.write("inbox/ACME/pagos-id.csv", """
        Id pago;Fecha;Contrato;Nº Documento;Importe;Moneda;Método;Periodo;Tipo;Pago original
        PB-0001;22/11/2026;\(acmeContract);;9,90;EUR;;;;

        """)
        #expect(try ws.run(["run"] + Self.asOf).status == 65)
        let outbox = try OutboxContents(ws.url("outbox/ACME"))
        let errors = outbox.raw.filter { $0.key.hasPrefix("errors/") && $0.key.hasSuffix(".errors.csv") }
        for (input, value) in [("usuarios-alta", "12345678Z"), ("colectivos-alta", "PYME"), ("pagos-id", "PB-0001")] {
            let text = try #require(errors.first { $0.key.contains(input) }?.value, "errors of \(input)")
            #expect(text.contains(";\(value);IDENTIFIER_UNAVAILABLE;\"«\(value)» no puede registrarse desde este buzón; consulte con el operador\""),
                    "\(text)")
        }
        for secret in Self.neverSent + [dependantContract] {
            #expect(outbox.files(containing: secret).isEmpty, "\(secret) in \(outbox.files(containing: secret))")
        }
        // Nothing was taken over: the holder, the collective and the payment stay IBERIA's.
        #expect(try ws.user("12345678Z")?.collective == "CENTRO" && ws.user("12345678Z")?.firstName == "Bernardo")
        #expect(try ws.store().readJSON(Collective.self, StoreLayout.collective("PYME"))?.dealer == "IBERIA")
        #expect(try ws.store().readJSON(LedgerEntry.self, StoreLayout.payment("PB-0001"))?.document == "12345678Z")
        let conflicts = try ws.text("outbox/reports/conflicts.csv")
        #expect(conflicts.contains("ACME;usuarios-alta.csv;2;Nº Documento;12345678Z;IDENTIFIER_UNAVAILABLE;USUARIO;IBERIA;CENTRO;12345678Z;NORTE"),
                "\(conflicts)")
        #expect(conflicts.contains("ACME;colectivos-alta.csv;2;Código;PYME;IDENTIFIER_UNAVAILABLE;COLECTIVO;IBERIA;PYME;;PYME"))
        #expect(conflicts.contains("ACME;pagos-id.csv;2;Id pago;PB-0001;IDENTIFIER_UNAVAILABLE;PAGO;IBERIA;CENTRO;12345678Z;"))
        let workbook = try OutboxContents(ws.url("outbox/reports")).raw["conflicts.xlsx"] ?? ""
        #expect(workbook.contains("usuarios-alta.csv") && workbook.contains("IBERIA"))
    }

    @Test("a bank statement in a dealer's inbox matches only that dealer's users: another's contract is an unknown reference")
    func statementsMatchOwnUsersOnly() throws {
        let (ws, iberiaContract, _, acmeContract) = try seeded()
        defer { ws.remove() }
        func n(_ v: Int, _ w: Int) -> String { String(repeating: "0", count: max(0, w - String(v).count)) + String(v) }
        func r(_ s: String) -> String { s.padding(toLength: 80, withPad: " ", startingAt: 0) }
        let credits = [(990, iberiaContract, "TRANSFERENCIA"), (990, acmeContract, "TRANSFERENCIA 12345678Z")]
        var lines = [r("11999900010123456789261101261130200000000000000978" + "3ACME")]
        for (cents, ref, concept) in credits {
            lines.append(r("22    0001261120261120040072" + n(cents, 14) + n(0, 10) + ref))
            lines.append(r("2301" + concept))
        }
        lines.append(r("33999900010123456789" + n(0, 5) + n(0, 14) + n(credits.count, 5) + n(1980, 14) + "2" + n(0, 14) + "978"))
        lines.append(r("88" + String(repeating: "9", count: 18) + n(lines.count, 6)))
        try ws.write("inbox/ACME/extracto.n43", lines.joined(separator: "\r\n") + "\r\n")
        #expect(try ws.run(["run"] + Self.asOf).status == 65)
        let outbox = try OutboxContents(ws.url("outbox/ACME"))
        let errors = try #require(outbox.raw.first { $0.key.hasPrefix("errors/") && $0.key.contains("extracto") && $0.key.hasSuffix(".errors.csv") }?.value)
        #expect(errors.contains("UNKNOWN_REFERENCE"), "\(errors)")
        // The second movement names ACME's contract and IBERIA's holder: not ambiguous, ACME's.
        #expect(try ws.user("11111111H")?.history.last?.kind == .pago)
        for secret in Self.neverSent {
            #expect(outbox.files(containing: secret).isEmpty, "\(secret) in \(outbox.files(containing: secret))")
        }
        // The operator learns whose contract the first movement named.
        let conflicts = try ws.text("outbox/reports/conflicts.csv")
        #expect(conflicts.contains("ACME;extracto.n43;2;reference;\(iberiaContract);UNKNOWN_REFERENCE;CONTRATO;IBERIA;CENTRO;12345678Z;"),
                "\(conflicts)")
    }

    @Test("the same content another dealer sent is processed as this dealer's, never a DUPLICATE naming their file")
    func sameContentAsAnotherDealer() throws {
        let (ws, _, _, _) = try seeded()
        defer { ws.remove() }
        let iberiasFile = """
        Acción;Colectivo;Nº Documento;Nombre;Apellidos;Relación;Documento titular;Fecha inicio
        ALTA;CENTRO;12345678Z;Bernardo;Reservado;TITULAR;;01/11/2026
        ALTA;CENTRO;23456789D;Berta;Reservada;CÓNYUGE;12345678Z;01/11/2026

        """
        try ws.write("inbox/ACME/copia.csv", iberiasFile)
        #expect(try ws.run(["run"] + Self.asOf).status == 65)
        let outbox = try OutboxContents(ws.url("outbox/ACME"))
        let receipt = try #require(outbox.files.first { $0.key.hasPrefix("receipts/") && $0.key.contains("copia") }?.value)
        #expect(receipt.contains("REJECTED") && !receipt.contains("DUPLICATE"), "\(receipt)")
        #expect(receipt.contains("UNKNOWN_COLLECTIVE"))
        for secret in ["IBERIA", "iberia-", "Centro Reservado"] {
            #expect(outbox.files(containing: secret).isEmpty, "\(secret) in \(outbox.files(containing: secret))")
        }
        // IBERIA's own copy of it is still a duplicate of IBERIA's file.
        try ws.write("inbox/IBERIA/otra-vez.csv", iberiasFile)
        #expect(try ws.run(["run"] + Self.asOf).status == 0)
        let again = try OutboxContents(ws.url("outbox/IBERIA"))
        #expect(again.files.first { $0.key.hasPrefix("receipts/") && $0.key.contains("otra-vez") }?.value.contains("DUPLICATE") == true)

        // The same refused payments sent by both: each keeps its own reconciliation entries.
        let refused = "Id pago;Fecha;Contrato;Nº Documento;Importe;Moneda;Método;Periodo;Tipo;Pago original\nPX-1;21/11/2026;C99999999;;9,90;EUR;;;;\n"
        try ws.write("inbox/IBERIA/iberia-sin-contrato.csv", refused)
        #expect(try ws.run(["run"] + Self.asOf).status == 65)
        try ws.write("inbox/ACME/sin-contrato.csv", refused)
        #expect(try ws.run(["run"] + Self.asOf).status == 65)
        #expect(try ws.text("outbox/IBERIA/reports/payments.csv").contains("iberia-sin-contrato.csv"))
        #expect(try ws.text("outbox/ACME/reports/payments.csv").contains("sin-contrato.csv"))
        #expect(try !ws.text("outbox/ACME/reports/payments.csv").contains("iberia-"))
    }
}
