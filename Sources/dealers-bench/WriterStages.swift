import CXLSXWriter
import DealersCore
import Foundation

/// Stages `xlsx-floor`, `xlsx` and `csv-writer`: the same contract-history rows written by raw
/// libxlsxwriter in constant-memory mode, by the project's ``XLSXWriter`` (constant memory) and
/// by its ``CSVWriter``.
enum WriterStages {
    /// Rows written: the stage's N, within one worksheet (Excel's limit less the header).
    static func rows(_ n: Int) -> Int { min(n, 1_048_575) }

    static func outputFolder(_ root: URL) throws -> URL {
        let folder = root.appendingPathComponent("out")
        try FileSystem.createDirectory(folder.path)
        return folder
    }

    /// The floor: libxlsxwriter called directly, header in bold, dates as date cells.
    static func floor(root: URL, n: Int, seed: UInt64) throws -> StageResult {
        let table = ContractHistoryRows(seed: seed)
        let url = try outputFolder(root).appendingPathComponent("floor.xlsx")
        let count = rows(n)
        let ((), seconds) = try Measure.time {
            var options = lxw_workbook_options(constant_memory: 1, tmpdir: nil, use_zip64: 0)
            guard let workbook = url.path.withCString({ workbook_new_opt($0, &options) }),
                  let sheet = workbook_add_worksheet(workbook, "Historial"),
                  let bold = workbook_add_format(workbook), let date = workbook_add_format(workbook) else {
                throw BenchError("libxlsxwriter could not start \(url.path)")
            }
            format_set_bold(bold)
            format_set_bottom(bold, UInt8(LXW_BORDER_THIN.rawValue))
            format_set_num_format(date, "dd/mm/yyyy")
            for (c, header) in ContractHistoryRows.headers.enumerated() {
                worksheet_write_string(sheet, 0, UInt16(c), header, bold)
            }
            worksheet_freeze_panes(sheet, 1, 0)
            func day(_ d: CivilDate) -> lxw_datetime {
                lxw_datetime(year: Int32(d.year), month: Int32(d.month), day: Int32(d.day), hour: 0, min: 0, sec: 0)
            }
            var failed = false
            for i in 0..<count {
                let r = table.pool[i % table.pool.count]
                let row = UInt32(i + 1)
                var e = day(r.eventDate), s = day(r.start), f = day(r.end)
                var result = worksheet_write_string(sheet, row, 0, r.document, nil).rawValue
                result |= worksheet_write_string(sheet, row, 1, r.name, nil).rawValue
                result |= worksheet_write_datetime(sheet, row, 2, &e, date).rawValue
                result |= worksheet_write_string(sheet, row, 3, r.event, nil).rawValue
                result |= worksheet_write_datetime(sheet, row, 4, &s, date).rawValue
                result |= worksheet_write_datetime(sheet, row, 5, &f, date).rawValue
                result |= worksheet_write_string(sheet, row, 6, r.contract, nil).rawValue
                result |= worksheet_write_number(sheet, row, 7, Double(365 + i % 31), nil).rawValue
                if result != 0 { failed = true; break }
            }
            let closed = workbook_close(workbook)
            guard !failed, closed == LXW_NO_ERROR else { throw BenchError("libxlsxwriter failed writing \(url.path)") }
        }
        return StageResult(stage: Stage.xlsxFloor.rawValue, rows: count, seconds: seconds,
                           peakMiB: Measure.peakResidentMiB(), note: "raw libxlsxwriter, \(size(url))")
    }

    /// The project's XLSX writer, constant-memory mode.
    static func xlsx(root: URL, n: Int, seed: UInt64) throws -> StageResult {
        let table = ContractHistoryRows(seed: seed)
        let url = try outputFolder(root).appendingPathComponent("project.xlsx")
        let count = rows(n)
        let ((), seconds) = try Measure.time {
            let writer = try XLSXWriter(url: url, constantMemory: true, dateFormat: "dd/mm/yyyy")
            let sheet = try writer.addSheet(name: "Historial", columns: ContractHistoryRows.headers.map { OutputColumn($0) })
            for i in 0..<count { try sheet.append(table.outputRow(i)) }
            try writer.close()
        }
        return StageResult(stage: Stage.xlsx.rawValue, rows: count, seconds: seconds,
                           peakMiB: Measure.peakResidentMiB(), note: "XLSXWriter, \(size(url))")
    }

    /// The project's CSV writer (Spanish Excel dialect).
    static func csv(root: URL, n: Int, seed: UInt64) throws -> StageResult {
        let table = ContractHistoryRows(seed: seed)
        let url = try outputFolder(root).appendingPathComponent("project.csv")
        let count = rows(n)
        let ((), seconds) = try Measure.time {
            let writer = try CSVWriter(url: url, dialect: .spanishExcel)
            try writer.appendRaw(ContractHistoryRows.headers)
            for i in 0..<count { try writer.append(table.outputRow(i)) }
            try writer.close()
        }
        return StageResult(stage: Stage.csvWriter.rawValue, rows: count, seconds: seconds,
                           peakMiB: Measure.peakResidentMiB(), note: "CSVWriter, \(size(url))")
    }

    /// The size of a file in MiB, for the note.
    static func size(_ url: URL) -> String {
        let bytes = (try? FileSystem.info(at: url.path, followingLinks: false))?.size ?? 0
        return String(format: "%.1f MiB", Double(bytes) / 1_048_576)
    }
}
