/// One page: a page template inside the `layout` template (head, header with navigation, main, footer).
struct Page {
    /// The page title.
    var title: String
    /// The body (already escaped HTML).
    var body: String
    /// The header's navigation, for a signed-in visitor.
    var visitor: Visitor?
    /// The texts.
    var text: PortalText
    /// Seconds after which the page reloads itself (a `<meta http-equiv="refresh">`: no script).
    var refreshSeconds: Int?

    /// A page whose body is the template `name` rendered with `context` (docs/portal.md, "Adding a page").
    init(title: String, template name: String, context: Any, visitor: Visitor?, text: PortalText, refreshSeconds: Int? = nil) {
        self.init(title: title, body: PortalTemplates.render(name, context), visitor: visitor, text: text, refreshSeconds: refreshSeconds)
    }

    /// A page around markup a template already rendered.
    init(title: String, body: String, visitor: Visitor?, text: PortalText, refreshSeconds: Int? = nil) {
        self.title = title
        self.body = body
        self.visitor = visitor
        self.text = text
        self.refreshSeconds = refreshSeconds
    }

    /// The signed-in visitor shown in the header.
    struct Visitor {
        var name: String
        var scope: String
        /// The session's CSRF token (for the sign-out form); `nil` for HTTP Basic.
        var csrfToken: String?
        /// What the visitor may do: which links the navigation shows.
        var access: Access?
    }

    /// The whole document.
    var html: String {
        PortalTemplates.render("layout", Layout(page: self))
    }
}

/// The `layout` template's context.
struct Layout {
    struct Link {
        let href: String
        let label: String
    }

    struct Header {
        let navigation: String
        let links: [Link]
        let who: String
        let csrfToken: String?
        let signOut: String
    }

    let lang: String
    let portal: String
    let title: String
    let refreshSeconds: Int?
    let visitor: Header?
    let body: String

    init(page: Page) {
        let text = page.text
        lang = text.language.rawValue
        portal = text.portal
        title = page.title
        refreshSeconds = page.refreshSeconds
        body = page.body
        visitor = page.visitor.map { visitor in
            var links = [Link(href: "/dashboard", label: text.dashboard), Link(href: "/reports/", label: text.reports), Link(href: "/receipts/", label: text.receipts)]
            if visitor.access?.mayUpload ?? true { links.append(Link(href: "/upload", label: text.upload)) }
            if visitor.access?.managesAccounts == true { links.append(Link(href: "/accounts/", label: text.accounts)) }
            if visitor.access?.approvesReversals == true { links.append(Link(href: "/reversals/", label: text.reversals)) }
            if visitor.access?.readsAudit == true { links.append(Link(href: "/audit/", label: text.audit)) }
            return Header(navigation: text.navigation, links: links, who: text.signedInAs(visitor.name, visitor.scope),
                          csrfToken: visitor.csrfToken, signOut: text.signOut)
        }
    }
}
