import ArgumentParser
import DealersCore

struct CollectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collect",
        abstract: "Write the SEPA direct-debit files (pain.008) of the contracts whose period ends soon.",
        discussion: """
        As of the date (--as-of, default today): every ACTIVE contract of a collective whose \
        "Forma de pago" is direct debit (DOMICILIACION), with a mandate (the user's, else the \
        holder's), whose end date is within sepa.leadDays days and whose next period was not \
        collected yet, is collected for the plan's price of its last period (FRST for a mandate's \
        first collection, RCUR after; due the contract's end date or the TARGET business day \
        before). One file per creditor: outbox/<DEALER>/sepa/<date>/adeudos-<date>-<n>.xml. \
        Every collection is recorded PENDING with the file's manifest in one transaction; running \
        it again for the same date writes nothing. `nightly` runs it too, and settles collections \
        on their due date. Creditors are declared in dealers.json under "sepa" (docs/sepa.md); a \
        bad creditor identifier or IBAN stops it at start, exit 78, naming the key.
        """
    )

    @OptionGroup var options: GlobalOptions

    @OptionGroup var waiting: WaitOption

    @Option(name: .customLong("dealer"), help: "Collect only this dealer's collectives.")
    var dealer: String?

    func run() throws {
        try guarded {
            try options.withStore(wait: waiting.wait) { workspace, store, logger in
                if let dealer, !workspace.settings.dealers.contains(dealer) {
                    throw DealersError(.usage, path: "--dealer", "\"\(dealer)\" is not a dealer of dealers.json")
                }
                let summary = try DealersCore.Collect(context: RunContext(workspace: workspace, asOf: options.date(workspace), logger: logger),
                                                      dealer: dealer).run(store: store)
                for file in summary.files { print(file) }
                return 0
            }
        }
    }
}
