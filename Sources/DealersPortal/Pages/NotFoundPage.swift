/// The one answer for everything a visitor cannot see: a missing file, another dealer's file,
/// a traversal, an unknown route. Always the same bytes (no name, no path echoed back).
struct NotFoundPage {
    let text: PortalText

    var html: String {
        Page(title: text.notFound, body: "<p>\(HTML.escape(text.notFoundText))</p><p><a href=\"/\">\(HTML.escape(text.portal))</a></p>",
             visitor: nil, text: text).html
    }
}
