import Foundation
import DealersDomain
import DealersDomainStore
import DealersModel
import DealersStore
import DealersSupport
import DealersWorkspace

/// What the reports in the outbox were built from, written next to them
/// (`outbox/reports/.built.json`) by every full regeneration of `run`, `watch` and `nightly`
/// and removed before any regeneration starts: the as-of date, the store's ``DataVersion``, the
/// settings (a SHA-256 of `dealers.json`) and the program's version. A nightly run leaves the
/// reports as they are when none of these changed but the date, and the date moved nothing
/// into them (``isCurrent(store:asOf:)``); docs/outbox.md, "When the reports are written".
package struct ReportStamp: Codable, Equatable {
    /// The as-of date of the reports.
    package var asOf: CivilDate
    /// The store's data version they were built from.
    package var dataVersion: Int
    /// SHA-256 of `dealers.json` (empty without one).
    package var settings: String
    /// `DealersVersion.current` of the program that wrote them.
    package var program: String

    /// The stamp's file.
    package static func url(_ workspace: Workspace) -> URL {
        workspace.outbox(dealer: nil).appendingPathComponent("reports").appendingPathComponent(".built.json")
    }

    /// The stamp of reports built now, as of `asOf`, from `store`.
    package init(workspace: Workspace, store: any DocumentReading, asOf: CivilDate) throws {
        self.asOf = asOf
        dataVersion = try DataVersion.current(store)
        settings = try Self.settingsDigest(workspace)
        program = DealersVersion.current
    }

    private static func settingsDigest(_ workspace: Workspace) throws -> String {
        guard let data = try FileSystem.readIfPresent(workspace.root.appendingPathComponent("dealers.json").path) else { return "" }
        return Checksum.sha256(text: String(decoding: data, as: UTF8.self))
    }

    /// The stamp in the outbox, if any (one that does not decode counts as none).
    package static func read(_ workspace: Workspace) throws -> ReportStamp? {
        guard let data = try FileSystem.readIfPresent(url(workspace).path) else { return nil }
        return try? JSONDecoder().decode(ReportStamp.self, from: data)
    }

    /// Writes the stamp (atomically).
    package func write(_ workspace: Workspace) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try AtomicFile.write(encoder.encode(self), to: Self.url(workspace))
    }

    /// Removes the stamp: the reports are about to change.
    package static func remove(_ workspace: Workspace) throws {
        _ = try FileSystem.remove(url(workspace).path)
    }

    /// Whether every report a regeneration always writes is there, for the operator and each
    /// dealer (one removed by hand is written again).
    private static func filesPresent(_ workspace: Workspace) throws -> Bool {
        let always: [ReportKind] = [.contractHistory, .collectiveStatus, .users, .payments, .conflicts, .pendingReversals]
        for dealer in [nil] + workspace.settings.dealers.map(Optional.some) {
            let folder = workspace.outbox(dealer: dealer).appendingPathComponent("reports")
            for kind in always where dealer == nil || kind.isForDealers {
                for ext in ["xlsx", "csv"] {
                    if try !FileSystem.exists(folder.appendingPathComponent("\(kind.rawValue).\(ext)").path) { return false }
                }
            }
        }
        return true
    }

    /// Whether reports built with this stamp are what a regeneration as of `asOf` from `store`
    /// would write (but for the date in the workbooks' subtitles): the same data, settings and
    /// program, an as-of date not earlier, and no date between the two in the store's date
    /// index — no user's status, history up to the date or window of collective-status changed
    /// by the calendar (``DateIndex``, ``ReportCalendar``).
    package func isCurrent(workspace: Workspace, store: any DocumentBackend, asOf: CivilDate) throws -> Bool {
        let now = try ReportStamp(workspace: workspace, store: store, asOf: asOf)
        guard now.dataVersion == dataVersion, now.settings == settings, now.program == program,
              self.asOf <= asOf, try DateIndex.isBuilt(store), try Self.filesPresent(workspace) else { return false }
        guard self.asOf < asOf else { return true }
        let window = ReportCalendar.windowDays + 1
        // A status changing (a due event, also one that can no longer be added); a report's
        // calendar date; an uncancelled contract entering the expiring-soon window, which it
        // does `window` days before its pending EXPIRACION.
        return try !DateIndex.hasEntries(in: store, folder: DateIndex.dueFolder, after: self.asOf, through: asOf)
            && !DateIndex.hasEntries(in: store, folder: DateIndex.calendarFolder, after: self.asOf, through: asOf)
            && !DateIndex.hasEntries(in: store, folder: DateIndex.dueFolder, after: self.asOf.adding(days: window),
                                     through: asOf.adding(days: window))
    }
}
