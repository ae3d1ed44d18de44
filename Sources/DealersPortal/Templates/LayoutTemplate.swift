extension PortalTemplates {
    /// The frame of every page: head, header with navigation and the signed-in account, main
    /// (the page's own template, already rendered), footer. Context: ``Layout``.
    static let layout = #"""
    <!DOCTYPE html>
    <html lang="{{lang}}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">{{#refreshSeconds}}<meta http-equiv="refresh" content="{{.}}">{{/refreshSeconds}}<title>{{title}} · {{portal}}</title><link rel="stylesheet" href="/portal.css"></head>
    <body><header><a class="brand" href="/">{{portal}}</a>{{#visitor}}<nav aria-label="{{navigation}}">{{#links}}<a href="{{href}}">{{label}}</a> {{/links}}</nav><div class="who">{{who}}{{#csrfToken}}<form method="post" action="/logout" class="inline"><input type="hidden" name="csrf" value="{{.}}"><button type="submit">{{signOut}}</button></form>{{/csrfToken}}</div>{{/visitor}}</header>
    <main><h1>{{title}}</h1>
    {{{body}}}
    </main>
    <footer>{{portal}}</footer></body></html>

    """#
}
