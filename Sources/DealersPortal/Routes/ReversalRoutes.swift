import DealersCore
import Foundation
import Hummingbird

/// `GET /reversals/` and `POST /reversals/approve` (the master only; "not found" for every other
/// role): the reversals dealers sent, from the operator's `pending-reversals` report, and their
/// approval — an operator payments file with the approved row, dropped into `inbox/` like any
/// upload (``InboxDrop``) and processed like any other file.
struct ReversalRoutes {
    let portal: Portal

    func register(on group: RouterGroup<PortalContext>) {
        group.get("/reversals") { _, context in
            let visitor = try context.requireMaster()
            return try await page(visitor, message: nil, status: .ok)
        }
        group.post("/reversals/approve") { request, context in
            let visitor = try context.requireMaster()
            let form = try await FormFields.read(request)
            let text = portal.text
            guard visitor.acceptsForm(csrf: form["csrf"]) else { return try await page(visitor, message: (text.staleForm, true), status: .forbidden) }
            let id = form["id"] ?? ""
            let scope = visitor.scope(portal), dialect = portal.workspace.settings.csvDialect
            guard let row = try await BlockingWork.run({ PendingReversal.all(in: scope.reports, dialect: dialect).first { $0.id == id } }) else {
                throw HTTPError(.notFound)
            }
            let approval = row.approvalFile(dialect: dialect)
            let drop = portal.inboxDrop(into: scope.inbox, for: visitor)
            do {
                let stored = try await BlockingWork.run { try drop.store(name: approval.name, data: approval.data) }
                await portal.audit(.approval, account: visitor.account, object: portal.workspacePath(scope.inbox.appendingPathComponent(stored.name)),
                                   context: context)
                return try await page(visitor, message: (text.approved(id, stored.name), false), status: .ok)
            } catch let refusal as UploadRefusal {
                return try await page(visitor, message: (text.refusal(refusal), true), status: UploadRoutes.status(refusal))
            }
        }
    }

    private func page(_ visitor: Visitor, message: (text: String, isError: Bool)?, status: HTTPResponse.Status) async throws -> Response {
        let scope = visitor.scope(portal), dialect = portal.workspace.settings.csvDialect
        let rows = try await BlockingWork.run { PendingReversal.all(in: scope.reports, dialect: dialect) }
        return Responses.html(ReversalsPage(text: portal.text, visitor: visitor.header(portal.text), rows: rows,
                                            csrfToken: visitor.session?.csrf ?? "", message: message).html, status: status)
    }
}
