import DealersCore
import Foundation

/// Building blocks of the portal's pages: escaping and the page frame.
enum HTML {
    /// Text made safe for element content and quoted attribute values.
    static func escape(_ text: String) -> String { MarkupEscaping.escape(text) }

    /// A path segment percent-encoded for a link (`/reports/<this>`).
    static func pathSegment(_ name: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/;?#%")
        return name.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    /// A query value percent-encoded.
    static func queryValue(_ value: String) -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+;#%")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}

/// One page: the frame (head, header with navigation, main) around a body.
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
        let lang = text.language.rawValue
        let refresh = refreshSeconds.map { "<meta http-equiv=\"refresh\" content=\"\($0)\">" } ?? ""
        var header = "<header><strong>\(HTML.escape(text.portal))</strong>"
        if let visitor {
            var links = [("/reports/", text.reports), ("/receipts/", text.receipts), ("/users/", text.customers)]
            if visitor.access?.mayUpload ?? true { links.append(("/upload", text.upload)) }
            if visitor.access?.managesAccounts == true { links.append(("/accounts/", text.accounts)) }
            if visitor.access?.approvesReversals == true { links.append(("/reversals/", text.reversals)) }
            if visitor.access?.readsAudit == true { links.append(("/audit/", text.audit)) }
            let nav = links.map { "<a href=\"\($0.0)\">\(HTML.escape($0.1))</a>" }.joined(separator: " ")
            header += """
            <nav>\(nav)</nav>\
            <div class="who">\(HTML.escape(text.signedInAs(visitor.name, visitor.scope)))
            """
            if let token = visitor.csrfToken {
                header += """
                <form method="post" action="/logout" class="inline"><input type="hidden" name="csrf" value="\(HTML.escape(token))">\
                <button type="submit">\(HTML.escape(text.signOut))</button></form>
                """
            }
            header += "</div>"
        }
        header += "</header>"
        return """
        <!DOCTYPE html>
        <html lang="\(lang)"><head><meta charset="utf-8">\
        <meta name="viewport" content="width=device-width, initial-scale=1">\(refresh)\
        <title>\(HTML.escape(title)) · \(HTML.escape(text.portal))</title>\
        <link rel="stylesheet" href="/portal.css"></head>
        <body>\(header)<main><h1>\(HTML.escape(title))</h1>
        \(body)
        </main></body></html>

        """
    }
}
