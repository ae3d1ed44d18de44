extension PortalTemplates {
    /// One processing: its receipt, its errors grouped by row, its rejected rows in a form grid.
    /// Context: ``ReceiptPage``.
    static let receipt = #"""
    <dl class="receipt">
    <dt>{{labels.status}}</dt><dd><span class="status {{statusCode}}">{{statusWord}}</span></dd>
    {{#facts}}<dt>{{label}}</dt><dd>{{value}}</dd>
    {{/facts}}{{#corrects}}<dt>{{labels.corrects}}</dt><dd><a href="{{href}}">{{name}}</a></dd>{{/corrects}}
    </dl>
    {{#message}}<p class="error" role="alert">{{.}}</p>{{/message}}
    <h2>{{labels.errors}}</h2>
    {{#groups}}{{#first()}}<table class="cards errors"><thead><tr><th scope="col">{{labels.line}}</th><th scope="col">{{labels.column}}</th><th scope="col">{{labels.field}}</th><th scope="col">{{labels.value}}</th><th scope="col">{{labels.code}}</th><th scope="col">{{labels.message}}</th></tr></thead>
    {{/first()}}<tbody>{{#errors}}<tr>{{#first()}}<th scope="rowgroup" rowspan="{{span}}" data-label="{{labels.line}}">{{line}}</th>{{/first()}}<td data-label="{{labels.column}}">{{column}}</td><td data-label="{{labels.field}}">{{field}}</td><td data-label="{{labels.value}}">{{value}}</td><td data-label="{{labels.code}}">{{code}}</td><td data-label="{{labels.message}}">{{text}}</td></tr>{{/errors}}</tbody>
    {{#last()}}</table>{{/last()}}{{/groups}}{{^groups}}<p>{{labels.noErrors}}</p>{{/groups}}
    {{#grid}}<h2>{{labels.rejectedRows}}</h2>
    <p>{{labels.correctHelp}}</p>
    <form method="post" action="{{action}}" class="grid"><input type="hidden" name="csrf" value="{{csrfToken}}">
    <div class="scroll"><table class="grid"><thead><tr><th scope="col">{{labels.line}}</th>{{#columns}}<th scope="col">{{.}}</th>{{/columns}}</tr></thead><tbody>
    {{#rows}}<tr><th scope="row">{{line}}</th>{{#cells}}<td><input type="text" name="c.{{line}}.{{index}}" value="{{value}}" aria-label="{{label}}" maxlength="{{maxLength}}"><input type="hidden" name="o.{{line}}.{{index}}" value="{{value}}"></td>{{/cells}}</tr>
    {{/rows}}</tbody></table></div>
    <button type="submit">{{labels.send}}</button></form>{{/grid}}
    {{#pager}}<nav class="pager">{{#previous}}<a href="{{.}}">{{labels.previous}}</a> · {{/previous}}{{shown}}{{#next}} · <a href="{{.}}">{{labels.next}}</a>{{/next}}</nav>{{/pager}}
    """#
}
