import CXLSXWriter
import DealersCore
import Foundation
import Logging

/// Stage `reports-floor`: what raw libxlsxwriter (constant memory) costs to write the XLSX
/// files of the reports of the big store, the floor of `reports-big`.
///
/// The approximation: the store is scanned first (not timed) to count, per dealer, the rows of
/// the users report (one per user) and of the contract history (one per event up to the as-of
/// date), and to keep up to 4,096 real rows of each as pools of cells. The timed part then
/// writes, for each report, the operator's workbook (every row, with the dealer column) and each
/// dealer's (their rows, without it): title, subtitle, bold header, frozen pane, autofilter,
/// text, date and number cells, a new sheet past Excel's row limit; the pools are cycled to
/// reach the counted rows. Collective status gets its one row per collective (no chart) and
/// payments its header (the bench store has no ledger). Left out, and so part of what
/// `reports-big` pays above the floor: reading and decoding the store, the sort of the history,
/// the CSV twin of every file and the sync feed.
enum ReportsFloorStage {
    /// One cell, ready for libxlsxwriter.
    enum Cell {
        case text(String)
        case date(lxw_datetime)
        case number(Double)
        case empty
    }

    /// One report: its columns and, per dealer (`""` for none), how many rows and a pool of them.
    struct Report {
        var name: String
        var headers: [String]
        var dealerColumn: Int
        var counts: [String: Int] = [:]
        var pools: [String: [[Cell]]] = [:]

        mutating func add(dealer: String, _ row: @autoclosure () -> [Cell]) {
            counts[dealer, default: 0] += 1
            if pools[dealer, default: []].count < ReportsFloorStage.poolSize { pools[dealer, default: []].append(row()) }
        }

        var total: Int { counts.values.reduce(0, +) }
    }

    static let poolSize = 4096
    static let maxRows = 1_048_576

    static func run(data: DataSet, layouts: URL) throws -> StageResult {
        let workspace = try ApplyStages.bigWorkspace(data: data, layouts: layouts)
        let reports = try scan(workspace)
        let dealers = ["ACME", "IBERIA"]   // BenchWorkspace.settings
        let folder = try WriterStages.outputFolder(data.root).appendingPathComponent("reports-floor")
        try FileSystem.createDirectory(folder.path)
        let (written, seconds) = try Measure.time { () throws -> Int in
            var written = 0
            for report in reports {
                written += try write(report, dealer: nil, to: folder)
                for dealer in dealers { written += try write(report, dealer: dealer, to: folder) }
            }
            return written
        }
        let counts = reports.map { "\($0.name) \(ResultTable.grouped($0.total))" }.joined(separator: ", ")
        return StageResult(stage: Stage.reportsFloor.rawValue, rows: data.rows, seconds: seconds,
                           peakMiB: Measure.peakResidentMiB(),
                           note: "raw libxlsxwriter, \(reports.count * (dealers.count + 1)) workbooks, "
                               + "\(ResultTable.grouped(written)) rows (\(counts)), no CSV, no sort, no sync feed")
    }

    /// Counts the rows of each report in the store and keeps pools of real rows (not timed).
    static func scan(_ workspace: BenchWorkspace) throws -> [Report] {
        guard let asOf = BenchWorkspace.asOf else { throw BenchError("bad as-of date") }
        let logger = Logger(label: "dealers-bench") { _ in SwiftLogNoOpLogHandler() }
        let store = try DocumentStore.openReadOnly(directory: workspace.root.appendingPathComponent("store"), logger: logger)
        var collectives: [String: Collective] = [:]
        for key in try store.keys(under: "collectives") {
            if let c = try store.readJSON(Collective.self, key) { collectives[c.code] = c }
        }
        var users = Report(name: "users", headers: ["Documento", "Tipo", "Nombre", "Apellidos", "Email", "Teléfono",
                                                    "Colectivo", "Distribuidor", "Relación", "Titular", "Contrato",
                                                    "Inicio", "Fin", "Estado"], dealerColumn: 7)
        var history = Report(name: "contract-history", headers: ["Fecha", "Documento", "Nombre", "Colectivo",
                                                                 "Distribuidor", "Evento", "Contrato", "Fin anterior",
                                                                 "Fin nuevo", "Fichero", "Línea", "Nota"], dealerColumn: 4)
        var status = Report(name: "collective-status", headers: ["Colectivo", "Nombre", "País", "Distribuidor", "Activo",
                                                                 "Activos", "Programados", "Vencidos", "Cancelados",
                                                                 "Vencen en 30 días", "Pagos últimos 30 días"],
                            dealerColumn: 3)
        var payments = Report(name: "payments", headers: ["Estado", "Id", "Fecha", "Documento", "Contrato", "Colectivo",
                                                          "Distribuidor", "Importe", "Método", "Periodo", "Fin antes",
                                                          "Fin después", "Motivo", "Detalle", "Fichero", "Línea"],
                              dealerColumn: 6)
        payments.counts[""] = 0
        for c in collectives.values.sorted(by: { $0.code < $1.code }) {
            status.add(dealer: c.dealer ?? "", [.text(c.code), .text(c.name), .text(c.country), text(c.dealer),
                                                .number(1), .number(1), .number(0), .number(0), .number(0), .number(0),
                                                .number(0)])
        }
        for key in try store.keys(under: "users") {
            guard let user = try store.readJSON(User.self, key) else { continue }
            let dealer = collectives[user.collective]?.dealer
            let contract = user.latestContract
            users.add(dealer: dealer ?? "", [
                .text(user.document), text(user.documentType), .text(user.firstName), .text(user.lastName),
                text(user.email), text(user.phone), .text(user.collective), text(dealer),
                .text(user.relationship.rawValue), text(user.holder), text(contract?.number),
                date(contract?.start), date(contract?.end), text(contract?.status(asOf: asOf).rawValue),
            ])
            let name = [user.firstName, user.lastName].filter { !$0.isEmpty }.joined(separator: " ")
            for event in user.history where event.date <= asOf {
                let eventDealer = collectives[event.collective]?.dealer
                history.add(dealer: eventDealer ?? "", [
                    date(event.date), .text(event.document), .text(name), .text(event.collective), text(eventDealer),
                    .text(event.kind.rawValue), text(event.contract), date(event.endBefore), date(event.endAfter),
                    .text(event.sourceFile), event.sourceLine.map { .number(Double($0)) } ?? .empty, text(event.note),
                ])
            }
        }
        return [users, history, status, payments]
    }

    /// Writes one workbook of a report: the operator's (`dealer` nil: every row) or a dealer's.
    /// Returns the data rows written.
    static func write(_ report: Report, dealer: String?, to folder: URL) throws -> Int {
        let url = folder.appendingPathComponent((dealer.map { "\($0)-" } ?? "") + report.name + ".xlsx")
        var options = lxw_workbook_options(constant_memory: 1, tmpdir: nil, use_zip64: 0)
        guard let workbook = url.path.withCString({ workbook_new_opt($0, &options) }),
              let bold = workbook_add_format(workbook), let titleFormat = workbook_add_format(workbook),
              let dateFormat = workbook_add_format(workbook) else {
            throw BenchError("libxlsxwriter could not start \(url.path)")
        }
        format_set_bold(titleFormat)
        format_set_font_size(titleFormat, 14)
        format_set_bold(bold)
        format_set_bottom(bold, UInt8(LXW_BORDER_THIN.rawValue))
        format_set_num_format(dateFormat, "dd/mm/yyyy")
        var headers = report.headers
        if dealer != nil { headers.remove(at: report.dealerColumn) }
        let rows: Int
        let pool: [[Cell]]
        if let dealer {
            rows = report.counts[dealer] ?? 0
            pool = report.pools[dealer] ?? []
        } else {
            rows = report.total
            pool = report.pools.keys.sorted().flatMap { report.pools[$0] ?? [] }
        }
        var sheet: UnsafeMutablePointer<lxw_worksheet>?
        var row: UInt32 = 0
        var sheets = 0
        var failed = false
        func startSheet() {
            sheets += 1
            sheet = workbook_add_worksheet(workbook, sheets == 1 ? "Hoja" : "Hoja \(sheets)")
            worksheet_write_string(sheet, 0, 0, report.name, titleFormat)
            worksheet_write_string(sheet, 1, 0, "A 24/11/2026", nil)
            for (c, header) in headers.enumerated() { worksheet_write_string(sheet, 2, UInt16(c), header, bold) }
            worksheet_freeze_panes(sheet, 3, 0)
            row = 3
        }
        func endSheet() {
            if row > 3 { worksheet_autofilter(sheet, 2, 0, row - 1, UInt16(headers.count - 1)) }
        }
        startSheet()
        for i in 0..<rows where !pool.isEmpty {
            if row >= maxRows {
                endSheet()
                startSheet()
            }
            var cells = pool[i % pool.count]
            if dealer != nil { cells.remove(at: report.dealerColumn) }
            var result: UInt32 = 0
            for (c, cell) in cells.enumerated() {
                let column = UInt16(c)
                switch cell {
                case .text(let s): result |= worksheet_write_string(sheet, row, column, s, nil).rawValue
                case .date(var d): result |= worksheet_write_datetime(sheet, row, column, &d, dateFormat).rawValue
                case .number(let n): result |= worksheet_write_number(sheet, row, column, n, nil).rawValue
                case .empty: break
                }
            }
            if result != 0 { failed = true; break }
            row += 1
        }
        endSheet()
        let closed = workbook_close(workbook)
        guard !failed, closed == LXW_NO_ERROR else { throw BenchError("libxlsxwriter failed writing \(url.path)") }
        return rows
    }

    private static func text(_ value: String?) -> Cell { value.map(Cell.text) ?? .empty }

    private static func date(_ value: CivilDate?) -> Cell {
        guard let d = value else { return .empty }
        return .date(lxw_datetime(year: Int32(d.year), month: Int32(d.month), day: Int32(d.day), hour: 0, min: 0, sec: 0))
    }
}
