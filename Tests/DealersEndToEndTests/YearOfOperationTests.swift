import Foundation
import Testing
@testable import DealersCore
import DealersTestSupport

/// The four rules a simulated year of operation found broken (issue 26), each from its minimal
/// reproduction, and the silent corners decided with them (docs/rules-over-time.md).
@Suite("A year of operation: rules over time, end to end")
struct YearOfOperationTests {
    static let collectives = """
    Acción;Código;Nombre;País;Distribuidor;Precio mensual;Precio anual;Moneda;Duración;Activo\r
    ALTA;NORTE;Empresa Norte;ES;ACME;9,90;99,00;EUR;1A;sí\r
    ALTA;SUR;Asociación Sur;ES;ACME;4,95;49,50;EUR;1A;sí\r
    ALTA;MES;Mensual;ES;IBERIA;5,00;50,00;EUR;1M;sí\r

    """
    static let header = "Acción;Colectivo;Tipo documento;Nº Documento;Nombre;Apellidos;Email;Teléfono;Fecha nacimiento;Relación;Documento titular;Fecha inicio;Fecha fin;Fecha baja;Periodo\r\n"

    /// A users row in the columns of ``header`` (cells not given are empty).
    static func row(_ action: String, collective: String = "", _ document: String, first: String = "", last: String = "",
                    relationship: String = "", holder: String = "", start: String = "", end: String = "",
                    baja: String = "", period: String = "") -> String {
        [action, collective, "DNI", document, first, last, "", "", "", relationship, holder, start, end, baja, period]
            .joined(separator: ";") + "\r\n"
    }

    /// A workspace with NORTE and SUR (ACME) and MES (IBERIA) applied as of 2026-01-01.
    func workspace() throws -> TestWorkspace {
        let ws = try TestWorkspace()
        try ws.write("inbox/colectivos.csv", Self.collectives)
        try run(ws, "2026-01-01")
        return ws
    }

    /// Drops a users file (in a dealer's inbox, or the operator's) and runs as of a date.
    func drop(_ ws: TestWorkspace, _ name: String, dealer: String?, rows: [String], asOf: String) throws {
        let folder = dealer.map { "inbox/\($0)/" } ?? "inbox/"
        try ws.write(folder + name, Self.header + rows.joined())
        try run(ws, asOf)
    }

    @discardableResult
    func run(_ ws: TestWorkspace, _ asOf: String, command: String = "run") throws -> ProcessResult {
        let result = try ws.run([command, "--as-of", asOf])
        #expect(!result.signalled && result.status != 64 && result.status != 70, "\(command) \(asOf): \(result.stderr)")
        return result
    }

    /// The data lines of a report CSV that name a document.
    func lines(_ ws: TestWorkspace, _ path: String, naming document: String) throws -> [String] {
        guard ws.exists(path) else { return [] }
        return try ws.text(path).split(whereSeparator: \.isNewline).map(String.init).filter { $0.contains(document) }
    }

    @Test("1. the nightly's events of a moved customer name the collective of their date and reach only that dealer's outbox")
    func moveDoesNotLeak() throws {
        let ws = try workspace()
        defer { ws.remove() }
        try drop(ws, "usuarios-0105.csv", dealer: "IBERIA", rows: [Self.row("ALTA", collective: "MES", "00000005M", first: "Eva", last: "X", relationship: "TITULAR")], asOf: "2026-01-05")
        try drop(ws, "usuarios-0112.csv", dealer: nil, rows: [Self.row("MODIFICACION", collective: "NORTE", "00000005M")], asOf: "2026-01-12")
        try run(ws, "2026-02-06", command: "nightly")
        let iberia = try lines(ws, "outbox/IBERIA/reports/contract-history.csv", naming: "00000005M")
        #expect(!iberia.contains { $0.contains("EXPIRACIÓN") }, "IBERIA learns of a customer now ACME's: \(iberia)")
        #expect(iberia.allSatisfy { $0.contains(";MES;") })
        let acme = try lines(ws, "outbox/ACME/reports/contract-history.csv", naming: "00000005M")
        #expect(acme.contains { $0.hasPrefix("06/02/2026;00000005M;Eva X;NORTE;EXPIRACIÓN") }, "\(acme)")
        #expect(try lines(ws, "outbox/IBERIA/reports/users.csv", naming: "00000005M").isEmpty)
        #expect(try ws.run(["store", "verify"]).status == 0)
    }

    @Test("2. a dependant's personal data change is applied once the holder left or expired; the row names no holder")
    func dependantChangeAfterHolderLeft() throws {
        let ws = try workspace()
        defer { ws.remove() }
        try drop(ws, "usuarios-0105.csv", dealer: "ACME", rows: [
            Self.row("ALTA", collective: "NORTE", "00000001R", first: "Ana", last: "X", relationship: "TITULAR"),
            Self.row("ALTA", collective: "NORTE", "00000002W", first: "Bea", last: "X", relationship: "HIJO", holder: "00000001R"),
        ], asOf: "2026-01-05")
        try drop(ws, "usuarios-0112.csv", dealer: "ACME", rows: [Self.row("BAJA", "00000001R")], asOf: "2026-01-12")
        try drop(ws, "usuarios-0119.csv", dealer: "ACME", rows: [Self.row("MODIFICACION", "00000002W", first: "Beatriz", last: "X")], asOf: "2026-01-19")
        let receipt = try ws.receipt("outbox/ACME/receipts/usuarios-0119.csv.json")
        #expect(receipt.status == .applied, "\(receipt.errorCodes)")
        #expect(try ws.user("00000002W")?.firstName == "Beatriz")
        #expect(try ws.user("00000002W")?.holder == "00000001R")
        // The holder only EXPIRED (a monthly collective, a nightly past its end).
        try drop(ws, "usuarios-0120.csv", dealer: "IBERIA", rows: [
            Self.row("ALTA", collective: "MES", "00000003A", first: "Carla", last: "Y", relationship: "TITULAR"),
            Self.row("ALTA", collective: "MES", "00000004G", first: "Dani", last: "Y", relationship: "HIJO", holder: "00000003A"),
        ], asOf: "2026-01-20")
        try run(ws, "2026-02-21", command: "nightly")
        try drop(ws, "usuarios-0222.csv", dealer: "IBERIA", rows: [Self.row("MODIFICACION", "00000004G", first: "Daniel")], asOf: "2026-02-22")
        #expect(try ws.receipt("outbox/IBERIA/receipts/usuarios-0222.csv.json").status == .applied)
        #expect(try ws.user("00000004G")?.firstName == "Daniel")
        #expect(try ws.run(["store", "verify"]).status == 0)
    }

    @Test("3. EXTENSIÓN (or its alias RENOVACION) of an EXPIRED contract restarts it on the extension's date, as a payment does")
    func renewExpired() throws {
        let ws = try workspace()
        defer { ws.remove() }
        try drop(ws, "usuarios-0105.csv", dealer: "IBERIA", rows: [Self.row("ALTA", collective: "MES", "00000003A", first: "Carla", last: "Y", relationship: "TITULAR")], asOf: "2026-01-05")
        #expect(try ws.user("00000003A")?.contracts.last?.end == CivilDate(iso: "2026-02-05"))
        try run(ws, "2026-02-06", command: "nightly")
        try drop(ws, "usuarios-0209.csv", dealer: "IBERIA", rows: [Self.row("RENOVACION", "00000003A", period: "1M")], asOf: "2026-02-09")
        let receipt = try ws.receipt("outbox/IBERIA/receipts/usuarios-0209.csv.json")
        #expect(receipt.status == .applied, "\(receipt.errorCodes)")
        let contract = try #require(try ws.user("00000003A")?.contracts.last)
        #expect(contract.start == CivilDate(iso: "2026-02-09") && contract.end == CivilDate(iso: "2026-03-09"))
        let users = try lines(ws, "outbox/IBERIA/reports/users.csv", naming: "00000003A")
        #expect(users.first?.hasSuffix(";09/02/2026;09/03/2026;ACTIVO") == true, "\(users)")
        #expect(try ws.run(["store", "verify"]).status == 0)
    }

    @Test("4. a BAJA before a scheduled start cancels at once: CANCELADO from its date, its event recorded, no INICIO later")
    func bajaBeforeStart() throws {
        let ws = try workspace()
        defer { ws.remove() }
        try drop(ws, "usuarios-0105.csv", dealer: "ACME", rows: [Self.row("ALTA", collective: "NORTE", "00000004G", first: "Dani", last: "Z", relationship: "TITULAR", start: "01/03/2026")], asOf: "2026-01-05")
        try drop(ws, "usuarios-0112.csv", dealer: "ACME", rows: [Self.row("BAJA", "00000004G")], asOf: "2026-01-12")
        let users = try lines(ws, "outbox/ACME/reports/users.csv", naming: "00000004G")
        #expect(users.first?.hasSuffix(";CANCELADO") == true, "\(users)")
        let history = try lines(ws, "outbox/ACME/reports/contract-history.csv", naming: "00000004G")
        #expect(history.contains { $0.hasPrefix("12/01/2026;00000004G;Dani Z;NORTE;BAJA") }, "\(history)")
        try ws.write("inbox/ACME/pagos-0113.csv", """
        Id pago;Fecha;Contrato;Nº Documento;Importe;Moneda;Método;Periodo;Tipo;Pago original\r
        P1;13/01/2026;;00000004G;99,00;EUR;tarjeta;;;\r

        """)
        try run(ws, "2026-01-13")
        #expect(try ws.receipt("outbox/ACME/receipts/pagos-0113.csv.json").errorCodes == ["CONTRACT_CANCELLED": 1])
        try run(ws, "2026-03-02", command: "nightly")
        let after = try lines(ws, "outbox/ACME/reports/contract-history.csv", naming: "00000004G")
        #expect(!after.contains { $0.contains("INICIO") || $0.contains("BAJA EFECTIVA") }, "\(after)")
        #expect(try ws.run(["store", "verify"]).status == 0)
    }

    @Test("an EXTENSIÓN of a contract with a later-dated BAJA is refused CONTRACT_CANCELLED, as a payment is, and changes nothing")
    func extensionAfterFutureBaja() throws {
        let ws = try workspace()
        defer { ws.remove() }
        try drop(ws, "usuarios-0105.csv", dealer: "ACME", rows: [Self.row("ALTA", collective: "NORTE", "00000001R", first: "Ana", last: "X", relationship: "TITULAR")], asOf: "2026-01-05")
        try drop(ws, "usuarios-0112.csv", dealer: "ACME", rows: [Self.row("BAJA", "00000001R", baja: "30/06/2026")], asOf: "2026-01-12")
        let before = try #require(try ws.user("00000001R")?.contracts.last)
        try drop(ws, "usuarios-0119.csv", dealer: "ACME", rows: [Self.row("EXTENSION", "00000001R", period: "1A")], asOf: "2026-01-19")
        let receipt = try ws.receipt("outbox/ACME/receipts/usuarios-0119.csv.json")
        #expect(receipt.status == .rejected && receipt.errorCodes == ["CONTRACT_CANCELLED": 1])
        #expect(try ws.user("00000001R")?.contracts.last == before)
        #expect(try ws.user("00000001R")?.history.contains { $0.kind == .extension } == false)
    }

    @Test("a BAJA of an EXPIRED contract marks it CANCELADO (no payment or EXTENSIÓN restarts it), dependants following")
    func bajaOfExpired() throws {
        let ws = try workspace()
        defer { ws.remove() }
        try drop(ws, "usuarios-0105.csv", dealer: "IBERIA", rows: [
            Self.row("ALTA", collective: "MES", "00000003A", first: "Carla", last: "Y", relationship: "TITULAR"),
            Self.row("ALTA", collective: "MES", "00000004G", first: "Dani", last: "Y", relationship: "HIJO", holder: "00000003A"),
        ], asOf: "2026-01-05")
        try run(ws, "2026-02-10", command: "nightly")
        try drop(ws, "usuarios-0211.csv", dealer: "IBERIA", rows: [Self.row("BAJA", "00000003A")], asOf: "2026-02-11")
        #expect(try ws.receipt("outbox/IBERIA/receipts/usuarios-0211.csv.json").status == .applied)
        for document in ["00000003A", "00000004G"] {
            let contract = try #require(try ws.user(document)?.contracts.last)
            #expect(contract.cancelledOn == CivilDate(iso: "2026-02-11") && contract.end == CivilDate(iso: "2026-02-05"))
            #expect(try lines(ws, "outbox/IBERIA/reports/users.csv", naming: document).first?.hasSuffix(";CANCELADO") == true)
        }
        try drop(ws, "usuarios-0212.csv", dealer: "IBERIA", rows: [Self.row("EXTENSION", "00000003A", period: "1M")], asOf: "2026-02-12")
        #expect(try ws.receipt("outbox/IBERIA/receipts/usuarios-0212.csv.json").errorCodes == ["CONTRACT_CANCELLED": 1])
        #expect(try ws.run(["store", "verify"]).status == 0)
    }

    @Test("a holder who moves takes the dependants along; payments count in the collective they were paid in")
    func holderMovesWithDependants() throws {
        let ws = try workspace()
        defer { ws.remove() }
        try drop(ws, "usuarios-0105.csv", dealer: "ACME", rows: [
            Self.row("ALTA", collective: "NORTE", "00000001R", first: "Ana", last: "X", relationship: "TITULAR"),
            Self.row("ALTA", collective: "NORTE", "00000002W", first: "Bea", last: "X", relationship: "HIJO", holder: "00000001R"),
        ], asOf: "2026-01-05")
        try ws.write("inbox/ACME/pagos-0106.csv", """
        Id pago;Fecha;Contrato;Nº Documento;Importe;Moneda;Método;Periodo;Tipo;Pago original\r
        P1;06/01/2026;;00000001R;99,00;EUR;tarjeta;;;\r

        """)
        try run(ws, "2026-01-06")
        try drop(ws, "usuarios-0107.csv", dealer: "ACME", rows: [Self.row("MODIFICACION", collective: "SUR", "00000001R")], asOf: "2026-01-07")
        #expect(try ws.receipt("outbox/ACME/receipts/usuarios-0107.csv.json").status == .applied)
        #expect(try ws.user("00000001R")?.collective == "SUR")
        #expect(try ws.user("00000002W")?.collective == "SUR")
        let history = try lines(ws, "outbox/ACME/reports/contract-history.csv", naming: "00000002W")
        #expect(history.contains { $0.contains("CAMBIO DE COLECTIVO") && $0.contains("cambio del titular 00000001R") }, "\(history)")
        let status = try ws.text("outbox/ACME/reports/collective-status.csv").split(whereSeparator: \.isNewline)
        #expect(status.first { $0.hasPrefix("NORTE;") }?.hasSuffix(";1") == true, "the payment was made in NORTE: \(status)")
        #expect(status.first { $0.hasPrefix("SUR;") }?.hasSuffix(";0") == true, "\(status)")
        #expect(try ws.run(["store", "verify"]).status == 0)
    }

    @Test("store verify without --as-of judges the store as of its own latest change, not the wall clock")
    func verifyAsOfTheStore() throws {
        let ws = try workspace()
        defer { ws.remove() }
        try drop(ws, "usuarios-2098.csv", dealer: "ACME", rows: [Self.row("ALTA", collective: "NORTE", "00000001R", first: "Ana", last: "X", relationship: "TITULAR")], asOf: "2098-01-01")
        try run(ws, "2099-01-05", command: "nightly")
        try drop(ws, "usuarios-2099.csv", dealer: "ACME", rows: [Self.row("ALTA", collective: "NORTE", "00000001R", first: "Ana", last: "X")], asOf: "2099-01-05")
        #expect(try ws.user("00000001R")?.contracts.count == 2)
        // As of the wall clock (2026) both contracts would be SCHEDULED: "two current contracts".
        let result = try ws.run(["store", "verify"])
        #expect(result.status == 0, "\(result.stdout) \(result.stderr)")
        #expect(try ws.run(["store", "verify", "--as-of", "2026-12-06"]).status == 65, "--as-of still judges as of the date given")
    }
}
