import Foundation
import Metrics
import DealersLayouts
import DealersModel
import DealersStore
import DealersWorkspace

/// The pipeline's metrics, by name (docs/scaling.md, "Metrics"), recorded through swift-metrics'
/// facade: without a backend bootstrapped (`--metrics-port` not given) they cost a no-op call.
/// No state of its own: the backend keeps the values.
package enum PipelineMetrics {
    /// Files this process took to process (claimed, when workers share the store).
    package static let filesClaimed = "dealers_files_claimed_total"
    /// Files answered, by receipt `status`.
    package static let files = "dealers_files_total"
    /// Rows applied, by `action`.
    package static let rows = "dealers_rows_total"
    /// Seconds from a file's start to its receipt (a histogram).
    package static let applySeconds = "dealers_apply_seconds"
    /// Times a file was applied again after meeting a concurrent transaction.
    package static let retries = "dealers_file_retries_total"
    /// Files in an `inbox` folder (ready or still settling).
    package static let filesWaiting = "dealers_files_waiting"
    /// The Unix time the latest nightly on record ran.
    package static let lastNightly = "dealers_last_nightly_success_timestamp_seconds"

    /// The buckets of ``applySeconds``, in seconds: a small file takes milliseconds, 100,000 rows a minute or more.
    package static let applySecondsBuckets: [Double] = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600]

    /// Registers the counters and the histogram at zero, so that a scrape shows them (and
    /// `increase()` starts from 0) before the first file; `alsoCounters` are other targets' counters.
    package static func declare(alsoCounters: [String] = []) {
        for name in [filesClaimed, retries] + alsoCounters { Counter(label: name).increment(by: 0) }
        for status in [Receipt.Status.applied, .partial, .rejected, .duplicate, .held] {
            Counter(label: files, dimensions: [("status", status.rawValue)]).increment(by: 0)
        }
        _ = Metrics.Timer(label: applySeconds)
    }

    /// A file was taken by this process.
    package static func claimed() {
        Counter(label: filesClaimed).increment()
    }

    /// A file was applied again after a ``StoreConflict``.
    package static func retried() {
        Counter(label: retries).increment()
    }

    /// A file was answered: its status, the rows by action and the time its receipt gives.
    package static func answered(_ receipt: Receipt) {
        Counter(label: files, dimensions: [("status", receipt.status.rawValue)]).increment()
        for (action, count) in receipt.actions where count > 0 {
            Counter(label: rows, dimensions: [("action", action)]).increment(by: count)
        }
        Metrics.Timer(label: applySeconds).recordNanoseconds(Int64((receipt.durationSeconds * 1e9).rounded()))
    }

    /// Counts the files waiting in `inbox/` and each declared dealer's folder (zero included,
    /// so that a folder emptied reads 0), labelled `inbox` (`inbox`, `inbox/ACME`).
    package static func observeInboxes(of workspace: Workspace, now: Date) throws {
        let catalog = try? LayoutCatalog(folder: workspace.layouts)
        let scan = try InboxScanner(workspace: workspace, now: now, markerLayouts: catalog?.layouts ?? []).scan()
        var waiting = ["inbox": 0]
        for dealer in workspace.settings.dealers { waiting["inbox/\(dealer)"] = 0 }
        for entry in scan.ready { waiting[entry.dealer.map { "inbox/\($0)" } ?? "inbox", default: 0] += 1 }
        // Settling or unmarked files are named `name` or `DEALER/name`.
        for name in scan.unstable + scan.awaitingMarker {
            let parts = name.split(separator: "/", maxSplits: 1)
            waiting[parts.count == 2 ? "inbox/\(parts[0])" : "inbox", default: 0] += 1
        }
        for (inbox, count) in waiting {
            Gauge(label: filesWaiting, dimensions: [("inbox", inbox)]).record(count)
        }
    }

    /// Sets ``lastNightly`` from the latest nightly record in the store (unset while there is none).
    package static func observeLastNightly(in store: any DocumentBackend) throws {
        var latest: StoreKey?
        try store.forEachKey(under: "nightly/") { key in
            if latest.map({ $0.path < key.path }) ?? true { latest = key }
        }
        guard let latest, let summary = try store.readJSON(Nightly.Summary.self, latest),
              let ranAt = Receipt.date(summary.ranAt) else { return }
        Gauge(label: lastNightly).record(ranAt.timeIntervalSince1970)
    }
}
