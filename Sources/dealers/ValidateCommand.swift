import ArgumentParser
import DealersCore
import Foundation

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check one file without changing anything: writes its error files, prints a summary.",
        discussion: "Rows are validated against the layout and checked against the store's current state (collectives, contracts); nothing is applied and the file stays where it is."
    )

    @OptionGroup var options: GlobalOptions

    @Option(help: ArgumentHelp("Use this layout instead of identifying one.", valueName: "name"))
    var layout: String?

    @Option(help: ArgumentHelp("Check as this dealer (rules of dealer isolation).", valueName: "code"))
    var dealer: String?

    @Argument(help: "The file to check.")
    var file: String

    func run() throws {
        try guarded {
            let workspace = try options.workspace()
            let url = URL(fileURLWithPath: file)
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw DealersError(.noInput, path: url.path, "no such file")
            }
            let catalog = try LayoutCatalog(folder: workspace.layouts)
            var chosen: Layout?
            if let layout {
                guard let found = catalog.layout(named: layout) else {
                    throw DealersError(.usage, "no layout named \"\(layout)\"; known: \(catalog.layouts.map(\.name).joined(separator: ", "))")
                }
                chosen = found
            }
            let logger = options.logger()
            let store = try DocumentStore.openReadOnly(directory: workspace.store, logger: logger)
            defer { store.close() }
            let processor = FileProcessor(context: RunContext(workspace: workspace, asOf: options.date(workspace), logger: logger), catalog: catalog)
            let receipt = try processor.process(url, dealer: dealer, store: store, layout: chosen, dryRun: true)
            print(receipt.summary)
            for output in receipt.outputs { print("  \(workspace.outbox(dealer: dealer).appendingPathComponent(output).path)") }
            return receipt.rows.rejected > 0 || receipt.layout == nil || receipt.errors > 0 && receipt.rows.read == 0 ? 65 : 0
        }
    }
}
