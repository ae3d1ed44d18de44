import ArgumentParser
import DealersCore

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Process every complete file in the inbox once, then refresh the reports.",
        discussion: """
        Files are taken in the order collectives, users, payments; then by modification time and name. \
        Each file gets a receipt in outbox/receipts/ and, when rows are rejected, error files in \
        outbox/errors/; then it is moved to archive/<dealer>/<date>/.
        """
    )

    @OptionGroup var options: GlobalOptions

    @OptionGroup var waiting: WaitOption

    func run() throws {
        try guarded {
            try options.withStore(wait: waiting.wait) { workspace, store, logger in
                let runner = Runner(context: RunContext(workspace: workspace, asOf: options.date(workspace), logger: logger))
                let summary = try runner.run(store: store, progress: options.progress(logger))
                if summary.receipts.isEmpty { logger.info("nothing to process in \(workspace.inbox.path)") }
                return summary.exitCode
            }
        }
    }
}
