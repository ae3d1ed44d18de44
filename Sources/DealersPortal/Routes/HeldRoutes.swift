import Foundation
import DealersCore
import Hummingbird

/// `POST /receipts/confirm` (fields `date`, `receipt`, `csrf`; `?dealer=` for an operator looking
/// at a dealer's folders): confirms a held roster (``HeldConfirmation``) and goes back to the
/// receipts. The receipts page shows a held file's preview among its files and this form beside it.
///
/// Who may confirm: whoever may send a roster (``RosterAuthority``).
struct HeldRoutes {
    let portal: Portal

    func register(on group: RouterGroup<PortalContext>) {
        group.post("/receipts/confirm") { request, context in
            let visitor = try context.requireVisitor()
            let scope = try FolderRoutes.scope(portal, visitor, request)
            let form = try await FormFields.read(request)
            guard visitor.acceptsForm(csrf: form["csrf"]) else { return refused(visitor, portal.text.staleForm, .forbidden) }
            guard RosterAuthority.speaksForCollectives(visitor.account) else {
                return refused(visitor, portal.text.refusal(.rosterNeedsAdmin), .forbidden)
            }
            let asked = DatedName(date: form["date"], name: form["receipt"] ?? "")
            let drop = InboxDrop(inbox: scope.inbox, layouts: portal.workspace.layouts, limits: portal.configuration.uploads,
                                 requireDoneMarker: portal.workspace.settings.requireDoneMarker)
            do {
                _ = try await BlockingWork.run { try HeldConfirmation(scope: scope).confirm(asked, drop: drop) }
            } catch is HeldConfirmation.Refusal {
                return refused(visitor, portal.text.notHeld, .notFound)
            } catch let refusal as UploadRefusal {
                return refused(visitor, portal.text.refusal(refusal), UploadRoutes.status(refusal))
            }
            return Responses.redirect("/receipts/" + scope.linkQuery)
        }
    }

    private func refused(_ visitor: Visitor, _ message: String, _ status: HTTPResponse.Status) -> Response {
        Responses.html(MessagePage.html(title: portal.text.confirmHeld, message: message, isError: true,
                                        visitor: visitor.header(portal.text), text: portal.text), status: status)
    }
}
