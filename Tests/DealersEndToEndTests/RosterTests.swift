import Foundation
import Testing
@testable import DealersCore
import DealersTestSupport

/// Roster files (issue 32, docs/layouts.md "Roster files") through the built binary: a dealer's
/// complete listing of a collective in, the altas, bajas, changes and moves computed against the
/// store, the brake on mass cancellations and its confirmation, the safety of rejected rows, and
/// the isolation between dealers.
@Suite("Roster files: changes computed from a full listing, end to end")
struct RosterTests {
    static let asOf = ["--as-of", "2026-11-24"]
    static let today = CivilDate(iso: "2026-11-24")!
    static let header = "Colectivo;Nº Documento;Nombre;Apellidos;Email;Relación;Documento titular\n"

    /// A valid DNI from a number.
    static func dni(_ n: Int) -> String {
        let letters = Array("TRWAGMYFPDXBNJZSQVHLCKE")
        return String(format: "%08d", n) + String(letters[n % 23])
    }

    /// NORTE's twenty holders.
    static let people = (0..<20).map { dni(10_000_000 + $0) }
    static let holder = dni(20_000_001)
    static let dependant = dni(20_000_002)
    static let sara = dni(20_000_003)
    static let pablo = dni(20_000_004)
    static let newcomer = dni(20_000_005)

    /// A roster row of NORTE's person `i` as the store has them.
    static func personRow(_ i: Int, collective: String = "NORTE", email: String = "") -> String {
        "\(collective);\(people[i]);Persona\(i);Norte;\(email);TITULAR;\n"
    }

    /// A workspace where ACME has NORTE (twenty holders, a holder with a spouse: 22 current
    /// contracts) and SUR (Sara), and IBERIA has PYME (Pablo).
    func seeded() throws -> TestWorkspace {
        let ws = try TestWorkspace()
        try ws.write("inbox/colectivos.csv", """
        Acción;Código;Nombre;País;Distribuidor;Precio mensual;Precio anual;Moneda;Duración;Activo
        ALTA;NORTE;Empresa Norte;ES;ACME;9,90;99,00;EUR;1A;sí
        ALTA;SUR;Empresa Sur;ES;ACME;9,90;99,00;EUR;1A;sí
        ALTA;PYME;Pequeñas Empresas;ES;IBERIA;9,90;99,00;EUR;1A;sí

        """)
        try #require(try ws.run(["run"] + Self.asOf).status == 0)
        var users = "Acción;Colectivo;Nº Documento;Nombre;Apellidos;Relación;Documento titular\n"
        for (i, document) in Self.people.enumerated() { users += "ALTA;NORTE;\(document);Persona\(i);Norte;TITULAR;\n" }
        users += "ALTA;NORTE;\(Self.holder);Hugo;Familia;TITULAR;\n"
        users += "ALTA;NORTE;\(Self.dependant);Dora;Familia;CONYUGE;\(Self.holder)\n"
        users += "ALTA;SUR;\(Self.sara);Sara;Sur;TITULAR;\n"
        try ws.write("inbox/ACME/usuarios-inicio.csv", users)
        try ws.write("inbox/IBERIA/usuarios-iberia.csv",
                     "Acción;Colectivo;Nº Documento;Nombre;Apellidos;Relación;Documento titular\nALTA;PYME;\(Self.pablo);Pablo;Pyme;TITULAR;\n")
        try #require(try ws.run(["run"] + Self.asOf).status == 0)
        return ws
    }

    /// NORTE's roster: person 0 with an e-mail, Sara moved in from SUR, a newcomer, the family absent.
    static var norteRoster: String {
        var text = header + personRow(0, email: "p0@example.com")
        for i in 1..<20 { text += personRow(i) }
        text += "NORTE;\(sara);Sara;Sur;;TITULAR;\n"
        text += "NORTE;\(newcomer);Nuria;Nueva;;TITULAR;\n"
        return text
    }

    func isCurrent(_ ws: TestWorkspace, _ document: String) throws -> Bool {
        try #require(try ws.user(document)).currentContract(asOf: Self.today) != nil
    }

    @Test("each computed action: ALTA, MODIFICACIÓN of what differs, a move, BAJA of the absent with the dependant; the unchanged untouched")
    func computedActions() throws {
        let ws = try seeded()
        defer { ws.remove() }
        let before = try #require(try ws.user(Self.people[1]))
        try ws.write("inbox/ACME/plantilla-norte.csv", Self.norteRoster)
        let result = try ws.run(["run"] + Self.asOf)
        #expect(result.status == 0, "\(result.stderr)")

        let receipt = try ws.receipt("outbox/ACME/receipts/plantilla-norte.csv.json")
        #expect(receipt.layout == "roster")
        #expect(receipt.status == .applied)
        #expect(receipt.rows.read == 22 && receipt.rows.applied == 22 && receipt.rows.rejected == 0)
        #expect(receipt.actions == ["ALTA": 1, "MODIFICACION": 1, "CAMBIO_COLECTIVO": 1, "BAJA": 2])

        // ALTA as of the as-of date, naming the roster file and its line.
        let newcomer = try #require(try ws.user(Self.newcomer))
        #expect(newcomer.collective == "NORTE" && newcomer.contracts.last?.start == Self.today)
        #expect(newcomer.history.last?.kind == .alta && newcomer.history.last?.sourceFile == "plantilla-norte.csv"
                && newcomer.history.last?.sourceLine == 23)
        // MODIFICACIÓN of what differs.
        let changed = try #require(try ws.user(Self.people[0]))
        #expect(changed.email == "p0@example.com")
        #expect(changed.history.last?.kind == .modificacion && changed.history.last?.sourceLine == 2)
        // A move within the dealer, history kept.
        let sara = try #require(try ws.user(Self.sara))
        #expect(sara.collective == "NORTE" && sara.history.last?.kind == .cambioColectivo && sara.history.count == 2)
        // The absent holder and spouse: BAJA as of the as-of date, "absent from roster", no line.
        for document in [Self.holder, Self.dependant] {
            let gone = try #require(try ws.user(document))
            #expect(gone.contracts.last?.cancelledOn == Self.today)
            #expect(gone.history.last?.kind == .baja && gone.history.last?.note == RosterRules.absentNote
                    && gone.history.last?.sourceLine == nil && gone.history.last?.sourceFile == "plantilla-norte.csv")
        }
        // Unchanged: nothing, no event.
        #expect(try ws.user(Self.people[1]) == before)
        // SUR is not named: nobody there is touched; the contract-history report names the absence.
        let history = try ws.text("outbox/ACME/reports/contract-history.csv")
        #expect(history.contains(RosterRules.absentNote))
    }

    @Test("a roster saved as a workbook is read the same way")
    func workbookRoster() throws {
        let ws = try seeded()
        defer { ws.remove() }
        let writer = try XLSXWriter(url: ws.url("inbox/ACME/censo-norte.xlsx"))
        let columns = Self.header.split(separator: "\n")[0].split(separator: ";", omittingEmptySubsequences: false).map { OutputColumn(String($0)) }
        let sheet = try writer.addSheet(name: "Hoja1", columns: columns)
        for line in Self.norteRoster.split(separator: "\n").dropFirst() {
            try sheet.append(line.split(separator: ";", omittingEmptySubsequences: false).map { $0.isEmpty ? .empty : .text(String($0)) })
        }
        try writer.close()
        #expect(try ws.run(["run"] + Self.asOf).status == 0)
        let receipt = try ws.receipt("outbox/ACME/receipts/censo-norte.xlsx.json")
        #expect(receipt.layout == "roster" && receipt.status == .applied)
        #expect(receipt.actions == ["ALTA": 1, "MODIFICACION": 1, "CAMBIO_COLECTIVO": 1, "BAJA": 2])
    }

    @Test("the brake holds a roster that cancels too many, with its preview; a confirmed re-drop applies against the store as it then is")
    func brakeAndConfirmation() throws {
        let ws = try seeded()
        defer { ws.remove() }
        var text = Self.header
        for i in 0..<15 { text += Self.personRow(i) }   // 5 holders and the family absent: 7 of 22
        try ws.write("inbox/ACME/plantilla.csv", text)
        #expect(try ws.run(["run"] + Self.asOf).status == 65)

        let held = try ws.receipt("outbox/ACME/receipts/plantilla.csv.json")
        #expect(held.status == .held)
        #expect(held.rows.applied == 0 && held.actions.isEmpty)
        #expect(held.errorCodes["ROSTER_CANCELS_TOO_MANY"] == 1)
        #expect(held.message?.contains("NORTE: 7/22") == true)
        #expect(try isCurrent(ws, Self.people[15]) && isCurrent(ws, Self.holder), "nothing of a held file is applied")
        let errors = try ws.text(ws.output(of: "plantilla.csv", dealer: "ACME", endingWith: ".errors.csv"))
        #expect(errors.contains("ROSTER_CANCELS_TOO_MANY") && errors.contains("7 bajas de 22"))
        let preview = try ws.text(ws.output(of: "plantilla.csv", dealer: "ACME", endingWith: ".changes.csv"))
        #expect(held.outputs.contains("errors/2026-11-24/plantilla.csv.changes.csv"))
        #expect(held.outputs.contains("errors/2026-11-24/plantilla.csv.changes.xlsx"))
        #expect(preview.contains("Acción;Documento;Nombre;Campo;Antes;Después"))
        #expect(preview.components(separatedBy: "BAJA;").count - 1 == 7)
        #expect(preview.contains("BAJA;\(Self.people[15]);Persona15 Norte;Colectivo;NORTE;"))
        #expect(ws.exists("archive/ACME/2026-11-24/plantilla.csv"))

        // Meanwhile an ordinary BAJA of one of them.
        try ws.write("inbox/ACME/bajas.csv", "Acción;Nº Documento\nBAJA;\(Self.people[15])\n")
        #expect(try ws.run(["run"] + Self.asOf).status == 0)
        // Confirmed: the same file dropped again with its marker.
        try ws.write("inbox/ACME/plantilla.csv", text)
        try ws.write("inbox/ACME/plantilla.csv.confirmar", "")
        #expect(try ws.run(["run"] + Self.asOf).status == 0)
        let applied = try ws.receipt("outbox/ACME/receipts/plantilla.csv.json")
        #expect(applied.status == .applied)
        #expect(applied.actions == ["BAJA": 6], "computed against the store at that moment")
        #expect(!ws.exists("inbox/ACME/plantilla.csv.confirmar"), "the marker goes with its file")
        #expect(try !isCurrent(ws, Self.people[16]) && !isCurrent(ws, Self.holder) && isCurrent(ws, Self.people[14]))
        #expect(try ws.user(Self.people[15])?.history.last?.note == nil, "the earlier BAJA stays as it was")
    }

    @Test("a rejected row counts as present, a person listed twice has both rows refused and stays; nobody is cancelled by a typo")
    func rejectedRowsCountAsPresent() throws {
        let ws = try seeded()
        defer { ws.remove() }
        var text = Self.header
        for i in 0..<20 where i != 3 { text += Self.personRow(i) }
        text += Self.personRow(3, email: "p3@")            // invalid e-mail: rejected, present
        text += Self.personRow(4, email: "p4@example.com") // listed twice
        text += "NORTE;\(Self.holder);Hugo;Familia;;TITULAR;\n"
        text += "NORTE;\(Self.dependant);Dora;Familia;;CONYUGE;\(Self.holder)\n"
        try ws.write("inbox/ACME/censo.csv", text)
        #expect(try ws.run(["run"] + Self.asOf).status == 65)
        let receipt = try ws.receipt("outbox/ACME/receipts/censo.csv.json")
        #expect(receipt.status == .partial)
        #expect(receipt.rows.rejected == 3 && receipt.errorCodes["DUPLICATE_IN_FILE"] == 2)
        #expect(receipt.actions["BAJA"] == nil)
        for i in [3, 4] { #expect(try isCurrent(ws, Self.people[i])) }
        #expect(try ws.user(Self.people[4])?.email == nil, "neither of the duplicate rows is applied")

        // A document written wrong names nobody for sure: no BAJA is computed for its collective.
        var typo = Self.header
        for i in 0..<20 where i != 7 { typo += Self.personRow(i) }
        typo += "NORTE;\(String(Self.people[7].dropLast()))A;Persona7;Norte;;TITULAR;\n"
        try ws.write("inbox/ACME/censo-typo.csv", typo)   // the family is absent too
        #expect(try ws.run(["run"] + Self.asOf).status == 65)
        #expect(try ws.receipt("outbox/ACME/receipts/censo-typo.csv.json").actions["BAJA"] == nil)
        #expect(try isCurrent(ws, Self.people[7]) && isCurrent(ws, Self.holder))
    }

    @Test("an empty roster, or one whose rows are all rejected, or one without a collective column, applies nothing")
    func nothingAccepted() throws {
        let ws = try seeded()
        defer { ws.remove() }
        try ws.write("inbox/ACME/plantilla-vacia.csv", Self.header)
        var bad = Self.header
        for i in 0..<3 { bad += Self.personRow(i, email: "mal@") }
        try ws.write("inbox/ACME/plantilla-mala.csv", bad)
        try ws.write("inbox/ACME/plantilla-sin-colectivo.csv", "Nº Documento;Nombre\n\(Self.people[0]);Persona0\n")
        #expect(try ws.run(["run"] + Self.asOf).status == 65)
        for name in ["plantilla-vacia.csv", "plantilla-mala.csv", "plantilla-sin-colectivo.csv"] {
            let receipt = try ws.receipt("outbox/ACME/receipts/\(name).json")
            #expect(receipt.status == .rejected, "\(name)")
            #expect(receipt.actions.isEmpty, "\(name)")
        }
        #expect(try ws.receipt("outbox/ACME/receipts/plantilla-vacia.csv.json").errorCodes["EMPTY_FILE"] == 1)
        #expect(try ws.receipt("outbox/ACME/receipts/plantilla-sin-colectivo.csv.json").errorCodes["MISSING_COLUMN"] == 1)
        for document in Self.people + [Self.holder, Self.dependant] { #expect(try isCurrent(ws, document)) }
    }

    @Test("another dealer's collective is answered as unknown and none of its members is cancelled")
    func isolation() throws {
        let ws = try seeded()
        defer { ws.remove() }
        try ws.write("inbox/ACME/roster-pyme.csv", Self.header + "PYME;\(Self.newcomer);Nuria;Nueva;;TITULAR;\n")
        #expect(try ws.run(["run"] + Self.asOf).status == 65)
        let receipt = try ws.receipt("outbox/ACME/receipts/roster-pyme.csv.json")
        #expect(receipt.status == .rejected && receipt.errorCodes == ["UNKNOWN_COLLECTIVE": 1])
        #expect(try isCurrent(ws, Self.pablo))
        #expect(try ws.user(Self.newcomer) == nil)
    }

    @Test("dealers validate on a roster writes the changes it would make and counts them, changing nothing")
    func validatePreview() throws {
        let ws = try seeded()
        defer { ws.remove() }
        let file = try ws.write("plantilla-norte.csv", Self.norteRoster)
        let result = try ws.run(["validate", file.path, "--dealer", "ACME"] + Self.asOf)
        #expect(result.status == 0, "\(result.stderr)")
        let receipt = try ws.receipt("outbox/ACME/validate/plantilla-norte.csv.json")
        #expect(receipt.status == .validated)
        #expect(receipt.actions == ["ALTA": 1, "MODIFICACION": 1, "CAMBIO_COLECTIVO": 1, "BAJA": 2])
        #expect(receipt.outputs.contains("validate/plantilla-norte.csv.changes.csv"))
        let preview = try ws.text("outbox/ACME/validate/plantilla-norte.csv.changes.csv")
        let lines = preview.split(whereSeparator: \.isNewline).map(String.init)
        #expect(lines.count == 6)
        #expect(lines.contains("ALTA;\(Self.newcomer);Nuria Nueva;Colectivo;;NORTE"))
        #expect(lines.contains("MODIFICACIÓN;\(Self.people[0]);Persona0 Norte;Email;;p0@example.com"))
        #expect(lines.contains("CAMBIO DE COLECTIVO;\(Self.sara);Sara Sur;Colectivo;SUR;NORTE"))
        #expect(lines.contains("BAJA;\(Self.holder);Hugo Familia;Colectivo;NORTE;"))
        #expect(lines.contains("BAJA;\(Self.dependant);Dora Familia;Colectivo;NORTE;"))
        #expect(ws.exists("outbox/ACME/validate/plantilla-norte.csv.changes.xlsx"))
        #expect(try isCurrent(ws, Self.holder) && ws.user(Self.newcomer) == nil, "validate changes nothing")
    }
}
