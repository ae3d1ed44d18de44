extension PortalTemplates {
    /// The audit log. Context: ``AuditPage``.
    static let audit = #"""
    <form method="get" action="/audit/"><label for="account">{{labels.account}}</label><input type="text" id="account" name="account" value="{{account}}"><div><button type="submit">{{labels.filter}}</button></div></form>
    {{#rows}}{{#first()}}<table class="cards" id="audit"><thead><tr>{{#labels.columns}}<th>{{.}}</th>{{/labels.columns}}</tr></thead><tbody>
    {{/first()}}<tr>{{#cells}}<td data-label="{{label}}">{{value}}</td>{{/cells}}</tr>
    {{#last()}}</tbody></table>{{/last()}}{{/rows}}{{^rows}}<p>{{labels.none}}</p>{{/rows}}
    """#
}
