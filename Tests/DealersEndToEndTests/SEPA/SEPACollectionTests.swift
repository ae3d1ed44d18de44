import Foundation
import Testing
@testable import DealersCore
import DealersTestSupport

/// SEPA direct debit end to end (docs/sepa.md): a users file with mandates, `dealers collect`
/// on a date, a schema-valid pain.008, settlement by `nightly`, a camt.054 return.
@Suite("SEPA direct debit, end to end")
struct SEPACollectionTests {
    /// The values of every `<name>` element of an XML text, in order.
    func values(_ name: String, in xml: String) -> [String] {
        xml.components(separatedBy: "<\(name)").dropFirst().compactMap { part in
            guard let start = part.firstIndex(of: ">"), let end = part.range(of: "</\(name)>") else { return nil }
            return String(part[part.index(after: start)..<end.lowerBound])
        }
    }

    func validate(_ file: URL) throws {
        do {
            let problem = try SEPASchema.validate(file)
            #expect(problem == nil, "\(file.lastPathComponent) is not valid against pain.008.001.02: \(problem ?? "")")
        } catch is SEPASchema.Skip {
            print("SEPACollectionTests: SKIPPED pain.008 schema validation: needs xmllint (libxml2-utils) and python3's sepaxml (scripts/setup.sh with DEALERS_WITH_TEST_TOOLS=1)")
        }
    }

    @Test("mandate columns: a non-SEPA IBAN, a BIC of another country and a future signature are row errors; the others are stored")
    func mandateRows() throws {
        let ws = try SEPAWorkspace.make()
        defer { ws.remove() }
        #expect(try ws.run(["run", "--as-of", "2026-11-24"]).status == 65)
        let errors = try ws.text("outbox/errors/2026-11-24/usuarios.csv.errors.csv")
        #expect(errors.contains("IBAN_NOT_SEPA") && errors.contains("BIC_COUNTRY_MISMATCH") && errors.contains("MANDATE_DATE_IN_FUTURE"))
        let jose = try #require(try ws.user("12345678Z")?.mandate)
        #expect(jose == Mandate(reference: "MDT-12345678Z", iban: "ES1221000418461234567890", bic: "CAIXESBBXXX",
                                signedOn: try #require(CivilDate(iso: "2026-10-20")), address: "Calle Sol 3, Madrid"))
        #expect(try ws.user("45678901G")?.mandate?.reference == "LUC-2025/1")
        #expect(try ws.user("45678901G")?.mandate?.accountHolder == "Lucía Fernández Ruiz")
        #expect(try ws.user("23456789D")?.mandate == nil)
        #expect(try ws.run(["store", "verify"]).status == 0)
    }

    @Test("collect writes one schema-valid pain.008 with right sums and sequence types; a rerun writes nothing; nightly settles and collects RCUR")
    func collectSettleAndRecur() throws {
        let ws = try SEPAWorkspace.make()
        defer { ws.remove() }
        _ = try ws.run(["run", "--as-of", "2026-11-24"])
        let first = try ws.run(["collect", "--as-of", "2026-11-28"])
        #expect(first.status == 0)
        let path = "outbox/ACME/sepa/2026-11-28/adeudos-2026-11-28-1.xml"
        #expect(first.stdout.contains(path))
        try validate(ws.url(path))
        let xml = try ws.text(path)
        // José's and María's contracts end on 1 December (Tuesday, a TARGET day), both paid by
        // José's mandate: FRST; Lucía's ends on 10 December, beyond the 5 lead days; Pedro's
        // collective has no Forma de pago.
        #expect(values("NbOfTxs", in: xml) == ["2", "2"])
        #expect(values("CtrlSum", in: xml) == ["19.80", "19.80"])
        #expect(values("SeqTp", in: xml) == ["FRST"])
        #expect(values("ReqdColltnDt", in: xml) == ["2026-12-01"])
        #expect(values("EndToEndId", in: xml) == ["SDD-C00000001-20261201", "SDD-C00000002-20261201"])
        #expect(values("MndtId", in: xml) == ["MDT-12345678Z", "MDT-12345678Z"])
        #expect(values("Nm", in: xml).contains("Jose Nunez"))
        #expect(ws.documentCount(under: "collections") == 2)
        // Again for the same date: nothing new.
        let again = try ws.run(["collect", "--as-of", "2026-11-28"])
        #expect(again.status == 0 && again.stdout.isEmpty)
        #expect(!ws.exists("outbox/ACME/sepa/2026-11-28/adeudos-2026-11-28-2.xml"))
        // On the due date nightly applies both as direct-debit payments.
        #expect(try ws.run(["nightly", "--as-of", "2026-12-01"]).status == 0)
        #expect(try ws.user("12345678Z")?.contracts.last?.end == CivilDate(iso: "2027-01-01"))
        #expect(try ws.user("12345678Z")?.history.last?.kind == .pago)
        // Lucía: annual price, her own reference, FRST, due on 10 December (Thursday).
        #expect(try ws.run(["nightly", "--as-of", "2026-12-05"]).status == 0)
        let lucia = try ws.text("outbox/ACME/sepa/2026-12-05/adeudos-2026-12-05-1.xml")
        #expect(values("InstdAmt", in: lucia) == ["49.50"] && values("SeqTp", in: lucia) == ["FRST"])
        #expect(values("MndtId", in: lucia) == ["LUC-2025/1"] && values("Nm", in: lucia).contains("Lucia Fernandez Ruiz"))
        // José changes his IBAN: the next collection is an amendment (RCUR, original account).
        try ws.write("inbox/usuarios-cambio.csv", "Acción;Nº Documento;IBAN\r\nM;12345678Z;ES0921000418405555555555\r\n")
        _ = try ws.run(["run", "--as-of", "2026-12-20"])
        #expect(try ws.run(["nightly", "--as-of", "2026-12-28"]).status == 0)
        let recur = ws.url("outbox/ACME/sepa/2026-12-28/adeudos-2026-12-28-1.xml")
        try validate(recur)
        let rcur = try ws.text("outbox/ACME/sepa/2026-12-28/adeudos-2026-12-28-1.xml")
        // 1 January is a TARGET holiday: due on 31 December.
        #expect(values("SeqTp", in: rcur) == ["RCUR"] && values("ReqdColltnDt", in: rcur) == ["2026-12-31"])
        #expect(values("AmdmntInd", in: rcur) == ["true", "true"])
        #expect(values("IBAN", in: rcur).filter { $0 == "ES1221000418461234567890" }.count == 2)
        #expect(try ws.run(["store", "verify"]).status == 0)
    }

    @Test("a camt.054 return reverses the applied collection like a DEVOLUCIÓN; an unknown one goes to reconciliation; the same return again changes nothing")
    func camtReturn() throws {
        let ws = try SEPAWorkspace.make()
        defer { ws.remove() }
        _ = try ws.run(["run", "--as-of", "2026-11-24"])
        _ = try ws.run(["collect", "--as-of", "2026-11-28"])
        _ = try ws.run(["nightly", "--as-of", "2026-12-01"])
        #expect(try ws.user("12345678Z")?.contracts.last?.end == CivilDate(iso: "2027-01-01"))
        try ws.write("inbox/ACME/camt054-devoluciones.xml", SEPAWorkspace.returns("SDD-C00000001-20261201", amount: "9.90"))
        #expect(try ws.run(["run", "--as-of", "2026-12-04"]).status == 65)
        let receipt = try ws.receipt("outbox/ACME/receipts/camt054-devoluciones.xml.json")
        #expect(receipt.rows.applied == 1 && receipt.rows.rejected == 1)
        #expect(receipt.errorCodes == ["UNKNOWN_COLLECTION": 1])
        #expect(try ws.user("12345678Z")?.contracts.last?.end == CivilDate(iso: "2026-12-01"))
        #expect(try ws.user("12345678Z")?.history.last?.kind == .devolucion)
        let store = try ws.store()
        let returned = try #require(try store.readJSON(SEPACollection.self, CollectionKeys.collection("SDD-C00000001-20261201")))
        store.close()
        #expect(returned.status == .returned && returned.returnCode == "AM04" && returned.returnReason == "fondos insuficientes")
        let payments = try ws.text("outbox/ACME/reports/payments.csv")
        #expect(payments.contains("DEVUELTO") && payments.contains("AM04 fondos insuficientes"))
        let collections = try ws.text("outbox/ACME/reports/collections.csv")
        #expect(collections.contains("DEVUELTO;SDD-C00000001-20261201") && collections.contains("AM04;fondos insuficientes"))
        #expect(collections.contains("COBRADO;SDD-C00000002-20261201"))
        let iberia = ws.exists("outbox/IBERIA/reports/collections.csv") ? try ws.text("outbox/IBERIA/reports/collections.csv") : ""
        #expect(!iberia.contains("SDD-"))
        // The same return in another file: nothing changes.
        try ws.write("inbox/ACME/camt054-otra-vez.xml", SEPAWorkspace.returns("SDD-C00000001-20261201", amount: "9.90")
            .replacingOccurrences(of: "NTF-1", with: "NTF-2"))
        _ = try ws.run(["run", "--as-of", "2026-12-05"])
        let twice = try ws.receipt("outbox/ACME/receipts/camt054-otra-vez.xml.json")
        #expect(twice.rows.applied == 0 && twice.errorCodes["ALREADY_RETURNED"] == 1)
        #expect(try ws.user("12345678Z")?.contracts.last?.end == CivilDate(iso: "2026-12-01"))
        #expect(try ws.run(["store", "verify"]).status == 0)
    }

    @Test("a pain.002 rejection (by its namespace) marks a PENDING collection RETURNED; it is never applied on its due date")
    func pain002Rejection() throws {
        let ws = try SEPAWorkspace.make()
        defer { ws.remove() }
        _ = try ws.run(["run", "--as-of", "2026-11-24"])
        _ = try ws.run(["collect", "--as-of", "2026-11-28"])
        try ws.write("inbox/ACME/estado-adeudos.xml", SEPAWorkspace.rejection("SDD-C00000001-20261201", amount: "9.90"))
        #expect(try ws.run(["run", "--as-of", "2026-11-30"]).status == 0)
        let receipt = try ws.receipt("outbox/ACME/receipts/estado-adeudos.xml.json")
        #expect(receipt.rows.applied == 1 && receipt.rows.read == 1)
        _ = try ws.run(["nightly", "--as-of", "2026-12-01"])
        // The rejected one was not applied; the accepted one was.
        #expect(try ws.user("12345678Z")?.contracts.last?.end == CivilDate(iso: "2026-12-01"))
        #expect(try ws.user("23456789D")?.contracts.last?.end == CivilDate(iso: "2027-01-01"))
        let collections = try ws.text("outbox/ACME/reports/collections.csv")
        #expect(collections.contains("DEVUELTO;SDD-C00000001-20261201") && collections.contains("MS03"))
        #expect(try ws.run(["store", "verify"]).status == 0)
    }

    @Test("a creditor identifier or IBAN that fails its check stops collect at start, exit 78, naming the key")
    func badCreditor() throws {
        let badId = SEPAWorkspace.creditor.replacingOccurrences(of: "ES11000B12345674", with: "ES12000B12345674")
        let ws = try SEPAWorkspace.make(settings: SEPAWorkspace.settings(creditor: badId))
        defer { ws.remove() }
        let result = try ws.run(["collect", "--as-of", "2026-11-28"])
        #expect(result.status == 78)
        #expect(result.stderr.contains("sepa.creditors.ACME.creditorId") && result.stderr.contains("11"))
        let badIBAN = SEPAWorkspace.creditor.replacingOccurrences(of: "ES9121000418450200051332", with: "ES9121000418450200051333")
        try ws.write("dealers.json", SEPAWorkspace.settings(creditor: badIBAN))
        let iban = try ws.run(["collect", "--as-of", "2026-11-28"])
        #expect(iban.status == 78 && iban.stderr.contains("sepa.creditors.ACME.iban"))
    }
}
