import ArgumentParser
import DealersCore
import Foundation

struct Watch: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Process files as they are dropped into the inbox, until SIGTERM or SIGINT.",
        discussion: """
        Reacts to files closed, moved in or created in inbox/ and each declared dealer's folder \
        (inotify; --poll, or when inotify is unavailable, scans every pollSeconds instead: use it \
        on network file systems). A file is taken once it is complete: temporary names (.part, .tmp, \
        ~$…, .crdownload) are skipped, and its size and mtime must stay unchanged for stabilitySeconds \
        (or, with requireDoneMarker, a <file>.done marker must exist). Files are processed like in run, \
        in the same order. On SIGTERM or SIGINT the file in hand is finished, then the command exits 0; \
        files not yet taken stay in the inbox for the next start.
        """
    )

    @OptionGroup var options: GlobalOptions

    @OptionGroup var metrics: MetricsOptions

    @Flag(help: "Scan every pollSeconds (dealers.json) instead of using inotify.")
    var poll = false

    func run() throws {
        try guarded {
            let workspace = try options.workspace()
            let logger = options.logger()
            let fixed = options.asOf.flatMap { CivilDate(iso: $0) }
            let zone = workspace.settings.timeZone
            let watcher = try Watcher(workspace: workspace, mode: poll ? .polling : .inotify,
                                      asOf: { fixed ?? CivilDate(Date(), in: zone) }, logger: logger,
                                      progress: options.progress(logger))
            let location = try StoreLocation.of(workspace)
            if case .postgres = location {
                watcher.storeOpener = { _ in try location.openForWriting(wait: true, logger: logger) }
            }
            if let port = metrics.port {
                _ = try MetricsListener.startWaiting(host: metrics.host, port: port, logger: logger,
                                                    refresh: MetricsListener.workspaceGauges(workspace, location: location, logger: logger))
            }
            try watcher.run()
            return 0
        }
    }
}
