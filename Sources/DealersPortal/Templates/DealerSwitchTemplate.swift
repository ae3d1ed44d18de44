extension PortalTemplates {
    /// The operator's dealer switch (a partial). Context: ``DealerSwitch``.
    static let dealerSwitch = #"""
    {{#shown}}<p class="switch">{{lookAt}}: {{#choices}}{{^first()}} · {{/first()}}{{#current}}<strong>{{label}}</strong>{{/current}}{{^current}}<a href="{{href}}">{{label}}</a>{{/current}}{{/choices}}</p>{{/shown}}
    """#
}
