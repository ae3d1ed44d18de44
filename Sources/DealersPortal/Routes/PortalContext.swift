import DealersCore
import Hummingbird

/// The request context: Hummingbird's core context and, once resolved, who is asking.
public struct PortalContext: RequestContext {
    /// Hummingbird's own per-request storage (logger, route parameters).
    public var coreContext: CoreRequestContextStorage
    /// The signed-in visitor (`nil` until ``VisitorMiddleware`` has found one).
    var visitor: Visitor?
    /// The address the request came from (the audit log's `source`).
    let sourceAddress: String?

    /// A context for a new request, with no visitor yet.
    public init(source: Source) {
        coreContext = .init(source: source)
        sourceAddress = source.channel.remoteAddress?.ipAddress
    }
}

/// Who is asking, and how they proved it.
struct Visitor: Sendable {
    /// The account.
    var account: PortalAccount
    /// The session's cookie token and CSRF token; `nil` for HTTP Basic (scripts: no CSRF needed,
    /// because nothing a browser holds is sent automatically).
    var session: (token: String, csrf: String)?

    /// What the visitor's role may see and do.
    var access: Access { account.access }
    /// The account as its uploads' notes name it (with the seller code of a seller).
    var uploader: DoneMarkers.Uploader { DoneMarkers.Uploader(account: account.name, seller: access.seller) }

    /// The folders this visitor reaches: its own (a dealer's, a seller's cut, or the operator's).
    func scope(_ portal: Portal) -> PortalScope {
        PortalScope(workspace: portal.workspace, access: access, dealer: account.scopeDealer)
    }

    /// The folders a reading request looks at: the visitor's own, or for a master who asks
    /// with `?dealer=CODE`, that declared dealer's. `nil` — answered as "not found" — for any
    /// other role that names any dealer (its own included) and for an undeclared code.
    func scope(_ portal: Portal, for request: Request) -> PortalScope? {
        guard let asked = request.uri.queryParameters["dealer"].map(String.init) else { return scope(portal) }
        guard access.looksAtEveryDealer, portal.workspace.settings.dealers.contains(asked) else { return nil }
        var scope = PortalScope(workspace: portal.workspace, access: access, dealer: asked)
        scope.linkQuery = "?dealer=" + HTML.queryValue(asked)
        return scope
    }

    /// For the page header.
    func header(_ text: PortalText) -> Page.Visitor {
        Page.Visitor(name: account.name, scope: text.scope(of: account), csrfToken: session?.csrf, access: access)
    }

    /// Whether a form's `csrf` value is this session's token (always true for HTTP Basic).
    func acceptsForm(csrf: String?) -> Bool {
        guard let session else { return true }
        return RandomToken.equal(csrf ?? "", session.csrf)
    }
}

extension PortalContext {
    /// The visitor, when its role may upload; "not found" for the others (a route a role may not
    /// use answers as one that does not exist).
    func requireUploader() throws -> Visitor {
        let visitor = try requireVisitor()
        guard visitor.access.mayUpload else { throw HTTPError(.notFound) }
        return visitor
    }

    /// The visitor, when it is a master; "not found" for every other role.
    func requireMaster() throws -> Visitor {
        let visitor = try requireVisitor()
        guard visitor.access.managesAccounts else { throw HTTPError(.notFound) }
        return visitor
    }
}
