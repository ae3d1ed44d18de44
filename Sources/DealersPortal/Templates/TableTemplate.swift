extension PortalTemplates {
    /// A message above a table of labelled cells with an optional form per row (the pending
    /// reversals). Context: ``CellTable``.
    static let cellTable = #"""
    {{#note}}<p class="{{kind}}" role="alert">{{text}}</p>{{/note}}{{#help}}<p>{{.}}</p>{{/help}}
    {{#rows}}{{#first()}}<table class="cards" id="{{tableID}}"><thead><tr>{{#columns}}<th>{{.}}</th>{{/columns}}</tr></thead><tbody>
    {{/first()}}<tr>{{#cells}}<td data-label="{{label}}">{{value}}</td>{{/cells}}{{#action}}<td><form method="post" action="{{path}}" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="{{field}}" value="{{value}}"><button type="submit">{{label}}</button></form></td>{{/action}}</tr>
    {{#last()}}</tbody></table>{{/last()}}{{/rows}}{{^rows}}<p>{{empty}}</p>{{/rows}}
    """#

    /// A page with one message and a link (the 404, a refused form). Context: ``MessagePage``.
    static let message = #"""
    <p{{#isError}} class="error"{{/isError}}>{{text}}</p>{{#link}}<p><a href="{{href}}">{{label}}</a></p>{{/link}}
    """#
}
