import ArgumentParser
import DealersCore

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Regenerate reports in outbox/reports/ and outbox/<DEALER>/reports/ now.",
        discussion: """
        Writes the named reports (all when none is named) as of --as-of, for the operator (every dealer, \
        with a dealer column) and for each declared dealer: \
        \(ReportKind.allCases.map(\.rawValue).joined(separator: ", ")) (conflicts, the rows of dealers' files \
        that referred to another dealer's data, and pending-reversals, the dealers' reversals waiting for \
        a master's approval, are the operator's only). Each file is written under a \
        temporary name and renamed, so a download never gets half a file.

        The store is opened read-only: report works while watch or another process holds the store, \
        and it does not advance the sync feed (run, watch and nightly do). A report written while \
        another process commits may mix documents from just before and just after that commit.

        Examples:
          dealers report                          every report, XLSX and CSV
          dealers report users --format csv       one report, CSV only
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case xlsx, csv
    }

    @OptionGroup var options: GlobalOptions

    @Argument(help: ArgumentHelp("Reports to write: \(ReportKind.allCases.map(\.rawValue).joined(separator: ", ")).",
                                 valueName: "name"))
    var names: [String] = []

    @Option(help: "Write only this format (default: both).")
    var format: Format?

    func validate() throws {
        let known = Set(ReportKind.allCases.map(\.rawValue))
        for name in names where !known.contains(name) {
            throw ValidationError("unknown report \"\(name)\"; reports are \(known.sorted().joined(separator: ", "))")
        }
    }

    func run() throws {
        try guarded {
            let workspace = try options.workspace()
            let logger = options.logger()
            let kinds = names.isEmpty ? Set(ReportKind.allCases) : Set(names.compactMap(ReportKind.init(rawValue:)))
            let formats: ReportFormats = switch format {
            case .xlsx: .xlsx
            case .csv: .csv
            case nil: .all
            }
            let store = try options.readOnlyStore(workspace, logger: logger)
            defer { store.close() }
            try ReportGenerator(context: RunContext(workspace: workspace, asOf: options.date(workspace), logger: logger))
                .generateReports(store: store, kinds: kinds, formats: formats)
            logger.info("reports written to \(workspace.outbox(dealer: nil).appendingPathComponent("reports").path)")
            return 0
        }
    }
}
