import Foundation
import Logging

extension Portal {
    /// Appends an event about a visitor (or a name that failed to sign in) to the audit log, off
    /// the event loop. A log that cannot be written is reported in the server's log and does not
    /// fail the request it is about.
    func audit(_ action: AuditEvent.Action, account: PortalAccount?, name: String? = nil, object: String?,
               context: PortalContext) async {
        let event = AuditEvent(time: AuditLog.stamp(now), account: account?.name ?? name ?? "", role: account?.role.rawValue,
                               dealer: account?.scopeDealer, action: action, object: object, source: context.sourceAddress)
        let log = auditLog
        do { try await BlockingWork.run { try log.append(event) } } catch {
            context.logger.error("cannot write the audit log", metadata: ["error": "\(error)"])
        }
    }
}

extension Portal {
    /// A file's path relative to the workspace (`outbox/ACME/reports/users.csv`), for the audit log.
    func workspacePath(_ url: URL) -> String {
        let root = workspace.root.standardizedFileURL.path
        let path = url.standardizedFileURL.path
        return path.hasPrefix(root + "/") ? String(path.dropFirst(root.count + 1)) : url.lastPathComponent
    }
}
