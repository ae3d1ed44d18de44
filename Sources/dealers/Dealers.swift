import ArgumentParser
import DealersCore

@main
struct Dealers: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dealers",
        abstract: "Validate and apply dealers' user and payment files; write reports, receipts and error files.",
        discussion: """
        Files dropped into inbox/ (the operator's) or inbox/<DEALER>/ are validated against the layouts in \
        layouts/, applied to the store in one crash-safe transaction per file, and answered in outbox/ \
        with a receipt, error files for rejected rows, and refreshed reports.

        Exit codes: 0 all applied, 65 some rows or files rejected, 64 bad usage, 66 missing input, \
        73/74 cannot write, 75 store locked, 78 bad settings.
        """,
        version: DealersVersion.current,
        subcommands: [Run.self, Watch.self, Nightly.self, CollectCommand.self, Validate.self, Report.self, Layouts.self, StoreCommand.self, Init.self,
                      Serve.self, PortalCommand.self]
    )
}
