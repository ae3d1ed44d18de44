/// The one answer for everything a visitor cannot see: a missing file, another dealer's file,
/// a traversal, an unknown route. Always the same bytes (no name, no path echoed back).
struct NotFoundPage {
    let text: PortalText

    var html: String {
        MessagePage.html(title: text.notFound, message: text.notFoundText, isError: false,
                         link: MessagePage.Link(href: "/", label: text.portal), visitor: nil, text: text)
    }
}
