extension PortalTemplates {
    /// The sign-in form. Context: ``LoginPage``.
    static let login = #"""
    {{#error}}<p class="error" role="alert">{{.}}</p>{{/error}}<form method="post" action="/login"><input type="hidden" name="csrf" value="{{csrfToken}}"><label for="name">{{labels.name}}</label><input type="text" id="name" name="name" autocomplete="username" autocapitalize="none" required><label for="password">{{labels.password}}</label><input type="password" id="password" name="password" autocomplete="current-password" required><div><button type="submit">{{labels.signIn}}</button></div></form>
    """#
}
