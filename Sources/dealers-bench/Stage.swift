import Foundation

/// The stages of the benchmark, in the order the parent runs them (each in its own child process).
enum Stage: String, CaseIterable {
    case csvFloor = "csv-floor"
    case validate
    case validateCommand = "validate-command"
    case applyEmpty = "apply-empty"
    case apply1kOnSmall = "apply-1k-on-small"
    case apply1kOnBig = "apply-1k-on-big"
    case reportsBig = "reports-big"
    case reportsFloor = "reports-floor"
    case storeFiles = "store-files"
    case storeRead = "store-read"
    case storeScan = "store-scan"
    case storeVerify = "store-verify"
    case runCommand = "run-command"
    case xlsxFloor = "xlsx-floor"
    case xlsx
    case csvWriter = "csv-writer"
    case validate4x = "validate-4x"
    case apply4x = "apply-4x"
    case peers
    case pgApplyEmpty = "pg-apply-empty"
    case pgApply1kOnBig = "pg-apply-1k-on-big"
    case pgReportsBig = "pg-reports-big"
    case pgWorkers = "pg-workers"
    case sepaYear = "sepa-year"
    case roster
    case lookup

    /// One line for `--help`: what the stage measures.
    var summary: String {
        switch self {
        case .csvFloor: return "floor: raw libcsv parse of the users file, no-op callbacks"
        case .validate: return "the users file through the layout, reader and RowValidator (in-process)"
        case .validateCommand: return "`dealers validate FILE --root WS` end to end (the binary next to this one)"
        case .applyEmpty: return "the users file applied to an empty store by FileProcessor"
        case .apply1kOnSmall: return "the 1,000-row change file applied to a store of 1,000 users"
        case .apply1kOnBig: return "the change file applied to the store of apply-empty"
        case .reportsBig: return "ReportGenerator over the big store (reports and sync feed)"
        case .reportsFloor: return "floor: raw libxlsxwriter writing the rows of the big store's XLSX reports"
        case .storeFiles: return "files, disk and JSON bytes of the big store"
        case .storeRead: return "floor: one sequential read(2) of every file of the big store"
        case .storeScan: return "floor: one pass over the big store's documents, every user decoded (no checks)"
        case .storeVerify: return "`dealers store verify --root WS` on the big store (the binary)"
        case .runCommand: return "`dealers run --root WS` with the users file in the inbox (apply + reports)"
        case .xlsxFloor: return "floor: raw libxlsxwriter, constant memory, contract-history-like rows"
        case .xlsx: return "the same rows through XLSXWriter"
        case .csvWriter: return "the same rows through CSVWriter"
        case .validate4x: return "validate over 4 x N rows (memory-flat check)"
        case .apply4x: return "the 4 x N users file applied to an empty store (memory-flat check)"
        case .peers: return "scripts/peers.py (DuckDB, polars, pandas) on the users file, when installed"
        case .pgApplyEmpty: return "apply-empty with the store in PostgreSQL ($DEALERS_BENCH_POSTGRES_URL)"
        case .pgApply1kOnBig: return "apply-1k-on-big with the store in PostgreSQL"
        case .pgReportsBig: return "reports-big with the store in PostgreSQL"
        case .pgWorkers: return "1, 2 and 4 `dealers run` workers on 40 files of 8 dealers, store in PostgreSQL"
        case .sepaYear: return "a year of monthly SEPA collections (collect + settlement) for 10,000 contracts"
        case .roster: return "a roster of one collective (~N/4 people) vs as many ordinary rows, on the store of the N-row file"
        case .lookup: return "the portal's customer look-up index for N users written, then 1,000 prefix searches (p95)"
        }
    }

    /// Runs the stage in this process, generating the data it needs first (not timed).
    func run(options: BenchOptions) throws -> [StageResult] {
        let data = DataSet(root: options.directory, rows: options.rows)
        switch self {
        case .csvFloor:
            return [try CSVFloorStage.run(file: try data.users(data.rows), rows: data.rows)]
        case .validate:
            return [try ValidateStage.run(stage: self, file: try data.users(data.rows), rows: data.rows,
                                          layouts: options.layouts)]
        case .validate4x:
            return [try ValidateStage.run(stage: self, file: try data.users(4 * data.rows), rows: 4 * data.rows,
                                          layouts: options.layouts)]
        case .validateCommand:
            return [try CommandStages.validate(data: data, layouts: options.layouts)]
        case .runCommand:
            return [try CommandStages.run(data: data, layouts: options.layouts)]
        case .storeVerify:
            return [try CommandStages.verify(data: data, layouts: options.layouts)]
        case .applyEmpty:
            return [try ApplyStages.applyEmpty(stage: self, data: data, layouts: options.layouts)]
        case .apply4x:
            return [try ApplyStages.applyEmpty(stage: self, data: data, layouts: options.layouts)]
        case .apply1kOnSmall, .apply1kOnBig:
            return [try ApplyStages.applyChanges(stage: self, data: data, layouts: options.layouts)]
        case .reportsBig:
            return [try ApplyStages.reportsBig(data: data, layouts: options.layouts)]
        case .reportsFloor:
            return [try ReportsFloorStage.run(data: data, layouts: options.layouts)]
        case .storeFiles:
            return [try StoreStages.files(data: data, layouts: options.layouts)]
        case .storeRead:
            return [try StoreStages.read(data: data, layouts: options.layouts)]
        case .storeScan:
            return [try StoreStages.scan(data: data, layouts: options.layouts)]
        case .xlsxFloor:
            return [try WriterStages.floor(root: options.directory, n: data.rows, seed: data.seed)]
        case .xlsx:
            return [try WriterStages.xlsx(root: options.directory, n: data.rows, seed: data.seed)]
        case .csvWriter:
            return [try WriterStages.csv(root: options.directory, n: data.rows, seed: data.seed)]
        case .peers:
            return try PeersStage.run(file: try data.users(data.rows), rows: data.rows, layouts: options.layouts)
        case .pgApplyEmpty:
            return try PostgresStages.applyEmpty(data: data, layouts: options.layouts)
        case .pgApply1kOnBig:
            return try PostgresStages.apply1kOnBig(data: data, layouts: options.layouts)
        case .pgReportsBig:
            return try PostgresStages.reportsBig(data: data, layouts: options.layouts)
        case .pgWorkers:
            return try WorkersStage.run(data: data, layouts: options.layouts)
        case .sepaYear:
            return [try SEPAStage.run(data: data, layouts: options.layouts)]
        case .roster:
            return try RosterStage.run(data: data, layouts: options.layouts)
        case .lookup:
            return try LookupStage.run(data: data)
        }
    }

    /// Generates every input file the full run needs, so children only read them.
    static func generateData(options: BenchOptions) throws {
        let data = DataSet(root: options.directory, rows: options.rows)
        _ = try data.collectives()
        _ = try data.users(DataSet.changeRows)
        _ = try data.changes()
        _ = try data.users(data.rows)
        if !options.skipping(.validate4x) || !options.skipping(.apply4x) { _ = try data.users(4 * data.rows) }
    }
}
