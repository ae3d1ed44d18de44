import ArgumentParser
import DealersCore

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Process every complete file in the inbox once, then refresh the reports.",
        discussion: """
        Files still being written (changed within stabilitySeconds) are waited for, at most that \
        long; then the whole batch is taken in the order collectives, users, payments; then by \
        modification time and name. Each file gets a receipt in outbox/receipts/<date>/ and, when \
        rows are rejected, error files in outbox/errors/<date>/, named after its archived copy \
        (docs/outbox.md); then it is moved to archive/<dealer>/<date>/. A file left in the inbox is \
        named, with the reason, in the last log line.
        """
    )

    @OptionGroup var options: GlobalOptions

    @OptionGroup var waiting: WaitOption

    func run() throws {
        try guarded {
            try options.withStore(wait: waiting.wait) { workspace, store, logger in
                let runner = Runner(context: RunContext(workspace: workspace, asOf: options.date(workspace), logger: logger))
                let summary = try runner.run(store: store, progress: options.progress(logger))
                let left = !summary.unstable.isEmpty || !summary.awaitingMarker.isEmpty || !summary.failed.isEmpty
                logger.log(level: left ? .warning : .info, "\(summary.line)", metadata: ["inbox": "\(workspace.inbox.path)"])
                return summary.exitCode
            }
        }
    }
}
