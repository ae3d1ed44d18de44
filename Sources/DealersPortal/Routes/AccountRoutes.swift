import DealersCore
import Foundation
import Hummingbird

/// The master's account management: `GET /accounts/` (the page), `POST /accounts/add`,
/// `/accounts/change`, `/accounts/disable`, `/accounts/enable`, `/accounts/remove` (its forms).
/// Every other role gets "not found", as for a route that does not exist. The rules (roles,
/// dealers, seller codes, unique e-mails) are ``AccountBook``'s, the same as the command line's.
struct AccountRoutes {
    let portal: Portal

    func register(on group: RouterGroup<PortalContext>) {
        group.get("/accounts") { _, context in
            let visitor = try context.requireMaster()
            return try await page(visitor, error: nil, status: .ok)
        }
        for action in ["add", "change", "disable", "enable", "remove"] {
            group.post("/accounts/\(action)") { request, context in
                let visitor = try context.requireMaster()
                let form = try await FormFields.read(request)
                guard visitor.acceptsForm(csrf: form["csrf"]) else { return try await page(visitor, error: portal.text.staleForm, status: .forbidden) }
                do {
                    let (event, object) = try await apply(action, form, by: visitor)
                    await portal.audit(event, account: visitor.account, object: object, context: context)
                } catch let error as DealersError {
                    return try await page(visitor, error: error.message, status: error.kind == .noInput ? .notFound : .badRequest)
                }
                return Responses.redirect("/accounts/")
            }
        }
    }

    /// Carries out one form off the event loop (bcrypt, the accounts file).
    private func apply(_ action: String, _ form: FormFields, by visitor: Visitor) async throws -> (AuditEvent.Action, String) {
        let book = portal.accounts, name = form["name"] ?? ""
        func given(_ field: String) -> String? { form[field].flatMap { $0.isEmpty ? nil : $0 } }
        func role() throws -> Role? {
            guard let word = given("role") else { return nil }
            guard let role = Role(word: word) else { throw DealersError(.usage, "unknown role \"\(word)\" (expected \(Role.words))") }
            return role
        }
        if action == "disable" || action == "remove", name.lowercased() == visitor.account.name.lowercased() {
            throw DealersError(.usage, portal.text.ownAccount)
        }
        switch action {
        case "add":
            guard let role = try role() else { throw DealersError(.usage, "unknown role \"\" (expected \(Role.words))") }
            let details = AccountBook.Details(name: name, role: role, dealer: given("dealer"), seller: given("seller"), email: form["email"] ?? "")
            let password = form["password"] ?? ""
            let now = portal.now
            _ = try await BlockingWork.run { try book.add(details, password: password, now: now) }
            return (.accountAdd, name)
        case "change":
            let change = AccountBook.Change(role: try role(), dealer: given("dealer"), seller: given("seller"), email: given("email"))
            _ = try await BlockingWork.run { try book.change(name: name, change) }
            return (.accountChange, name)
        case "disable", "enable":
            let disabled = action == "disable"
            _ = try await BlockingWork.run { try book.setDisabled(name: name, disabled) }
            return (disabled ? .accountDisable : .accountEnable, name)
        default:
            _ = try await BlockingWork.run { try book.remove(name: name) }
            return (.accountRemove, name)
        }
    }

    private func page(_ visitor: Visitor, error: String?, status: HTTPResponse.Status) async throws -> Response {
        let book = portal.accounts
        let accounts = try await BlockingWork.run { try book.list() }
        return Responses.html(AccountsPage(text: portal.text, visitor: visitor.header(portal.text), accounts: accounts,
                                           dealers: portal.workspace.settings.dealers, csrfToken: visitor.session?.csrf ?? "",
                                           error: error).html, status: status)
    }
}
