import Foundation

/// The stages of the benchmark, in the order the parent runs them (each in its own child process).
enum Stage: String, CaseIterable {
    case csvFloor = "csv-floor"
    case validate
    case applyEmpty = "apply-empty"
    case apply1kOnSmall = "apply-1k-on-small"
    case apply1kOnBig = "apply-1k-on-big"
    case reportsBig = "reports-big"
    case xlsxFloor = "xlsx-floor"
    case xlsx
    case csvWriter = "csv-writer"
    case validate4x = "validate-4x"

    /// Runs the stage in this process, generating the data it needs first (not timed).
    func run(options: BenchOptions) throws -> StageResult {
        let data = DataSet(root: options.directory, rows: options.rows)
        switch self {
        case .csvFloor:
            return try CSVFloorStage.run(file: try data.users(data.rows), rows: data.rows)
        case .validate:
            return try ValidateStage.run(stage: self, file: try data.users(data.rows), rows: data.rows, layouts: options.layouts)
        case .validate4x:
            return try ValidateStage.run(stage: self, file: try data.users(4 * data.rows), rows: 4 * data.rows,
                                         layouts: options.layouts)
        case .applyEmpty:
            return try ApplyStages.applyEmpty(data: data, layouts: options.layouts)
        case .apply1kOnSmall, .apply1kOnBig:
            return try ApplyStages.applyChanges(stage: self, data: data, layouts: options.layouts)
        case .reportsBig:
            return try ApplyStages.reportsBig(data: data, layouts: options.layouts)
        case .xlsxFloor:
            return try WriterStages.floor(root: options.directory, n: data.rows, seed: data.seed)
        case .xlsx:
            return try WriterStages.xlsx(root: options.directory, n: data.rows, seed: data.seed)
        case .csvWriter:
            return try WriterStages.csv(root: options.directory, n: data.rows, seed: data.seed)
        }
    }

    /// Generates every input file the full run needs, so children only read them.
    static func generateData(options: BenchOptions) throws {
        let data = DataSet(root: options.directory, rows: options.rows)
        _ = try data.collectives()
        _ = try data.users(DataSet.changeRows)
        _ = try data.changes()
        _ = try data.users(data.rows)
        if !options.skipping(.validate4x) { _ = try data.users(4 * data.rows) }
    }
}
