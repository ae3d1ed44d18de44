/// The sign-in form (template `login`).
struct LoginPage {
    /// The form's labels.
    struct Labels {
        let name: String
        let password: String
        let signIn: String
    }

    let labels: Labels
    /// The form's CSRF token (also in the `dealers_login` cookie).
    let csrfToken: String
    /// An error to show above the form.
    let error: String?
    private let text: PortalText

    init(text: PortalText, csrfToken: String, error: String? = nil) {
        self.text = text
        self.csrfToken = csrfToken
        self.error = error
        labels = Labels(name: text.accountName, password: text.password, signIn: text.signIn)
    }

    var html: String {
        Page(title: text.signIn, template: "login", context: self, visitor: nil, text: text).html
    }
}
