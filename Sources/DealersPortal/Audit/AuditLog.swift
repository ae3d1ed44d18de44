import DealersCore
import DealersSupport
import Foundation

/// The audit log: `portal/audit/<YYYY-MM>.jsonl` in the workspace, one JSON event per line, a new
/// file each month (UTC). Lines are only ever appended (`O_APPEND`, one write per event), never
/// rewritten; the portal and the command line append to the same files.
public struct AuditLog: Sendable {
    /// `portal/audit/`.
    public let folder: URL

    /// The audit log of a workspace.
    public init(workspace: Workspace) {
        folder = workspace.portal.appendingPathComponent("audit")
    }

    /// Appends an event to its month's file.
    /// - Throws: ``DealersError`` `.io` when the file cannot be written.
    public func append(_ event: AuditEvent) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var line = try encoder.encode(event)
        line.append(0x0A)
        try AtomicFile.createDirectory(folder)
        let file = try OpenFile(folder.appendingPathComponent(Self.month(of: event.time) + ".jsonl").path, .append)
        try line.withUnsafeBytes { try file.write($0) }
        try file.close()
    }

    /// The events from `since` (a day, UTC) on, oldest first; all of them without a date.
    /// - Throws: ``DealersError`` `.io` when a month's file cannot be read, `.data` for a line that is not an event.
    public func events(since: CivilDate? = nil) throws -> [AuditEvent] {
        let start = since?.description
        let months = ((try? FileSystem.names(in: folder.path)) ?? [])
            .filter { $0.hasSuffix(".jsonl") && !$0.hasPrefix(".") }
            .filter { start == nil || String($0.dropLast(6)) >= String(start?.prefix(7) ?? "") }
            .sorted()
        var events: [AuditEvent] = []
        let decoder = JSONDecoder()
        for month in months {
            let path = folder.appendingPathComponent(month).path
            guard let data = try FileSystem.readIfPresent(path) else { continue }
            for (index, line) in data.split(separator: 0x0A).enumerated() where !line.isEmpty {
                guard let event = try? decoder.decode(AuditEvent.self, from: Data(line)) else {
                    throw DealersError(.data, path: "\(path):\(index + 1)", "not an audit event")
                }
                if let start, event.time.prefix(10) < start.prefix(10) { continue }
                events.append(event)
            }
        }
        return events
    }

    /// The month file an event time (`2026-12-07T01:02:03Z`) goes to: `2026-12`.
    static func month(of time: String) -> String {
        String(time.prefix(7))
    }

    /// A time as the log writes it: ISO 8601 in UTC, whole seconds.
    public static func stamp(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }
}
