import Foundation
import Testing
@testable import DealersCore
import DealersTestSupport

/// Two sellers of one dealer played against each other through the built binary (issue 29):
/// V01's upload refers to V02's client, and the same upload in a twin workspace refers to a
/// client that does not exist; what V01 gets back must not tell the two apart, and V02's client
/// must be untouched. The upload is noted as the portal notes it (`.<name>.uploaded-by`).
@Suite("Seller isolation: no existence oracle between sellers, end to end")
struct SellerIsolationTests {
    static let asOf = ["--as-of", "2026-11-24"]
    static let others = "12345678Z"     // V02's holder
    static let missing = "87654321X"    // nobody

    /// ACME's NORTE; ACME's admin enrolled V01's Ana, V02's holder Bernardo and his spouse Berta.
    func seeded() throws -> TestWorkspace {
        let ws = try TestWorkspace()
        try ws.write("inbox/colectivos.csv", Samples.collectives)
        try #require(try ws.run(["run"] + Self.asOf).status == 0)
        try ws.write("inbox/ACME/altas.csv", """
        Acción;Colectivo;Nº Documento;Nombre;Apellidos;Relación;Documento titular;Fecha inicio;Vendedor
        ALTA;NORTE;11111111H;Ana;Propia;TITULAR;;01/11/2026;V01
        ALTA;NORTE;12345678Z;Bernardo;Reservado;TITULAR;;01/11/2026;V02
        ALTA;NORTE;23456789D;Berta;Reservada;CÓNYUGE;12345678Z;01/11/2026;V02

        """)
        try #require(try ws.run(["run"] + Self.asOf).status == 0)
        return ws
    }

    /// V01's upload, every row naming `document` or giving a client away, noted as vera's (V01).
    func upload(naming document: String, in ws: TestWorkspace) throws {
        try ws.write("inbox/ACME/vera.csv", """
        Acción;Colectivo;Nº Documento;Nombre;Apellidos;Relación;Documento titular;Periodo;Vendedor
        BAJA;;\(document);;;;;;
        EXTENSION;;\(document);;;;;1M;
        MODIFICACION;;\(document);Otro;;;;;
        ALTA;NORTE;45678901G;Nuevo;Dependiente;CÓNYUGE;\(document);;
        MODIFICACION;;11111111H;;;CÓNYUGE;\(document);;
        MODIFICACION;;11111111H;;;;;;V02
        ALTA;NORTE;56789012B;Nueva;Propia;TITULAR;;;

        """)
        try ws.write("inbox/ACME/.vera.csv.uploaded-by", DoneMarkers.Uploader(account: "vera", seller: "V01").noteText)
    }

    @Test("every reference to another seller's client, or giving a client away, answers byte for byte as a client that does not exist")
    func answersEqualUnknown() throws {
        let foreignWS = try seeded()
        defer { foreignWS.remove() }
        let missingWS = try seeded()
        defer { missingWS.remove() }
        try upload(naming: Self.others, in: foreignWS)
        try upload(naming: Self.missing, in: missingWS)
        let one = try foreignWS.run(["run"] + Self.asOf), two = try missingWS.run(["run"] + Self.asOf)
        #expect(one.status == 65 && two.status == 65, "\(one.stderr)\n\(two.stderr)")

        // What the seller reaches (their receipts, error files, reports) is the same file for file.
        let seen = try OutboxContents(foreignWS.url("outbox/ACME/sellers/V01")).normalised([(Self.others, "«DOC»")])
        let expected = try OutboxContents(missingWS.url("outbox/ACME/sellers/V01")).normalised([(Self.missing, "«DOC»")])
        #expect(seen.count == expected.count)
        for (a, b) in zip(seen, expected) where a != b {
            Issue.record("outbox/ACME/sellers/V01 differs:\n--- other seller's client\n\(a.prefix(3000))\n--- nothing\n\(b.prefix(3000))")
        }
        // So is what the dealer's own outbox says about the upload (errors, rejected rows, receipts).
        let answers = { (text: String) in text.hasPrefix("== errors/") || text.hasPrefix("== receipts/") }
        let dealerSeen = try OutboxContents(foreignWS.url("outbox/ACME")).normalised([(Self.others, "«DOC»")]).filter(answers)
        let dealerExpected = try OutboxContents(missingWS.url("outbox/ACME")).normalised([(Self.missing, "«DOC»")]).filter(answers)
        #expect(!dealerSeen.isEmpty && dealerSeen == dealerExpected)
        let errors = try #require(seen.first { $0.hasPrefix("== errors/") && $0.contains("vera") && $0.contains(".errors.csv") })
        #expect(errors.contains("UNKNOWN_USER") && errors.contains("HOLDER_NOT_FOUND"))
        #expect(!errors.contains("HOLDER_IN_OTHER_COLLECTIVE") && !errors.contains("ACTIVE_CONTRACT_EXISTS"))
        #expect(seen.contains { $0.hasPrefix("== receipts/") && $0.contains("\"status\":\"PARTIAL\"") })

        // Nothing of V02's clients reaches V01's folder.
        let folder = try OutboxContents(foreignWS.url("outbox/ACME/sellers/V01"))
        for secret in ["Bernardo", "Reservad", "Berta", "23456789D", "V02"] where secret != "V02" {
            #expect(folder.files(containing: secret).isEmpty, "\(secret) in \(folder.files(containing: secret))")
        }

        // V02's clients are untouched; V01's Ana stays V01's; the ALTA without Vendedor is V01's.
        let bernardo = try #require(try foreignWS.user(Self.others))
        #expect(bernardo.firstName == "Bernardo" && bernardo.seller == "V02" && bernardo.history.count == 1)
        #expect(try foreignWS.user("11111111H")?.seller == "V01")
        #expect(try foreignWS.user("11111111H")?.relationship == .titular)
        #expect(try foreignWS.user("56789012B")?.seller == "V01")
        #expect(try foreignWS.user("45678901G") == nil)
    }

    @Test("a seller's ALTA of another seller's client is the neutral IDENTIFIER_UNAVAILABLE; validate --seller answers as the upload would")
    func takenDocumentAndValidate() throws {
        let ws = try seeded()
        defer { ws.remove() }
        let file = try ws.write("alta-otro.csv", """
        Acción;Colectivo;Nº Documento;Nombre;Relación
        ALTA;NORTE;\(Self.others);Nuevo;TITULAR
        BAJA;;\(Self.others);;

        """)
        let validated = try ws.run(["validate", "--dealer", "ACME", "--seller", "V01", file.path])
        #expect(validated.status == 65, "\(validated.stderr)")
        let errors = try ws.text("outbox/ACME/validate/alta-otro.csv.errors.csv")
        #expect(errors.contains("IDENTIFIER_UNAVAILABLE") && errors.contains("UNKNOWN_USER"), "\(errors)")
        #expect(!errors.contains("ACTIVE_CONTRACT_EXISTS"))
        // As the dealer, the same file meets the client.
        #expect(try ws.run(["validate", "--dealer", "ACME", file.path]).status == 65)
        #expect(try ws.text("outbox/ACME/validate/alta-otro.csv.errors.csv").contains("ACTIVE_CONTRACT_EXISTS"))
        // Bad use: a seller without a dealer, a code that is not one.
        #expect(try ws.run(["validate", "--seller", "V01", file.path]).status == 64)
        #expect(try ws.run(["validate", "--dealer", "ACME", "--seller", "..", file.path]).status == 64)
    }
}
