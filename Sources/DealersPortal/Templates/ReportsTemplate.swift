extension PortalTemplates {
    /// The list of reports. Context: ``ReportsPage``.
    static let reports = #"""
    {{#switcher}}{{>dealerSwitch}}{{/switcher}}
    {{#reports}}{{#first()}}<table class="cards"><thead><tr><th>{{labels.report}}</th><th>{{labels.download}}</th><th>{{labels.date}}</th></tr></thead><tbody>
    {{/first()}}<tr><td data-label="{{labels.report}}">{{#reportTitle}}<strong>{{.}}</strong><br><small class="name">{{name}}</small>{{/reportTitle}}{{^reportTitle}}<strong>{{name}}</strong>{{/reportTitle}}</td><td data-label="{{labels.download}}">{{#files}}{{^first()}} · {{/first()}}<a href="{{href}}" download="{{name}}">{{kind}}</a> <small>{{size}}</small>{{/files}}</td><td data-label="{{labels.date}}">{{modified}}</td></tr>
    {{#last()}}</tbody></table>{{/last()}}{{/reports}}{{^reports}}<p>{{labels.none}}</p>{{/reports}}
    """#
}
