/// The sign-in form.
struct LoginPage {
    let text: PortalText
    /// The form's CSRF token (also in the `dealers_login` cookie).
    let csrfToken: String
    /// An error to show above the form.
    var error: String?

    var html: String {
        let message = error.map { "<p class=\"error\" role=\"alert\">\(HTML.escape($0))</p>" } ?? ""
        let body = """
        \(message)<form method="post" action="/login">\
        <input type="hidden" name="csrf" value="\(HTML.escape(csrfToken))">\
        <label for="name">\(HTML.escape(text.accountName))</label>\
        <input type="text" id="name" name="name" autocomplete="username" autocapitalize="none" required>\
        <label for="password">\(HTML.escape(text.password))</label>\
        <input type="password" id="password" name="password" autocomplete="current-password" required>\
        <div><button type="submit">\(HTML.escape(text.signIn))</button></div></form>
        """
        return Page(title: text.signIn, body: body, visitor: nil, text: text).html
    }
}
