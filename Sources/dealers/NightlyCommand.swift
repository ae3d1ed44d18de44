import ArgumentParser
import DealersCore

struct Nightly: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The nightly job: expire, start and cancel contracts by date; refresh reports and the sync feed.",
        discussion: """
        As of the date (--as-of, default today): records once each an EXPIRACION for every contract \
        whose end date passed, an INICIO for every scheduled contract that started, and a \
        BAJA_EFECTIVA for every baja recorded in advance that took effect; notes the run in \
        store/nightly/<date>.json; regenerates the reports and the sync feed; deletes archived \
        inputs older than archiveRetentionDays. Running it again for the same date changes nothing.
        """
    )

    @OptionGroup var options: GlobalOptions

    @OptionGroup var waiting: WaitOption

    func run() throws {
        try guarded {
            try options.withStore(wait: waiting.wait) { workspace, store, logger in
                _ = try DealersCore.Nightly(context: RunContext(workspace: workspace, asOf: options.date(workspace), logger: logger)).run(store: store)
                return 0
            }
        }
    }
}
