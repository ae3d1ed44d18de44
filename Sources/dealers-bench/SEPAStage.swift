import DealersCore
import Logging
import Foundation

/// Stage `sepa-year`: a year of monthly SEPA direct debits for 10,000 contracts — each month
/// `collect` (plan, one pain.008 of 10,000 transactions, 10,000 PENDING records in one
/// transaction) three days before the periods end, then the settlement on the due date (10,000
/// payments applied in one transaction) — on a workspace of its own; the users file is applied
/// first (not timed). The time is the twelve months' collect and settlement together.
enum SEPAStage {
    /// Contracts collected each month.
    static let contracts = 10_000

    static func run(data: DataSet, layouts: URL) throws -> StageResult {
        let root = data.root.appendingPathComponent("ws-sepa")
        let workspace = try BenchWorkspace.prepare(at: root, layouts: layouts)
        guard !workspace.hasStore else { throw BenchError("\(root.path) already has a store; use a new --keep folder") }
        try AtomicFile.write(Data(#"""
            {"dealers": ["ACME"], "stabilitySeconds": 0,
             "sepa": {"creditors": {"ACME": {"name": "Acme Telecom, S.L.", "creditorId": "ES11000B12345674",
                                             "iban": "ES9121000418450200051332", "bic": "CAIXESBBXXX"}}, "leadDays": 5}}
            """#.utf8), to: root.appendingPathComponent("dealers.json"))
        let folder = data.root.appendingPathComponent("sepa-data")
        try FileSystem.createDirectory(folder.path)
        let collectives = folder.appendingPathComponent("colectivos-sepa.csv")
        try AtomicFile.write(Data("""
            Acción;Código;Nombre;País;Distribuidor;Precio mensual;Precio anual;Moneda;Duración;Activo;Forma de pago
            ALTA;SEPA1;Domiciliados;ES;ACME;9,90;99,00;EUR;1M;sí;DOMICILIACION

            """.utf8), to: collectives)
        var rows = ["Acción;Colectivo;Nº Documento;Nombre;Relación;Fecha inicio;IBAN;Fecha firma mandato"]
        rows.reserveCapacity(contracts + 1)
        for i in 0..<contracts {
            rows.append("ALTA;SEPA1;\(DocumentNumbers.dni(20_000_000 + i));Cliente \(i);TITULAR;01/11/2026;ES1221000418461234567890;01/10/2026")
        }
        let users = folder.appendingPathComponent("usuarios-sepa.csv")
        try AtomicFile.write(Data((rows.joined(separator: "\n") + "\n").utf8), to: users)
        _ = try workspace.apply(collectives)
        _ = try workspace.apply(users)

        let settings = try Workspace(root: root)
        let logger = Logger(label: "dealers-bench") { _ in SwiftLogNoOpLogHandler() }
        let store = try workspace.openStore(settings, logger: logger)
        defer { store.close() }
        var collected = 0, applied = 0
        guard var periodEnd = CivilDate(year: 2026, month: 12, day: 1) else { throw BenchError("bad date") }
        let ((), seconds) = try Measure.time {
            for _ in 0..<12 {
                let collect = RunContext(workspace: settings, asOf: periodEnd.adding(days: -3), logger: logger)
                collected += try Collect(context: collect).run(store: store).collections
                let due = TargetCalendar.previousBusinessDay(onOrBefore: periodEnd)
                applied += try Settlement(context: RunContext(workspace: settings, asOf: due, logger: logger)).run(store: store).applied
                periodEnd = periodEnd.adding(months: 1)
            }
        }
        guard collected == 12 * contracts, applied == collected else {
            throw BenchError("expected \(12 * contracts) collections applied, found \(collected) collected, \(applied) applied")
        }
        return StageResult(stage: Stage.sepaYear.rawValue, rows: collected, seconds: seconds, peakMiB: Measure.peakResidentMiB(),
                           note: "12 monthly collect + settlement runs, \(contracts) contracts, \(collected) collections")
    }
}
