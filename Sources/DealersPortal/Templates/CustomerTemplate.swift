extension PortalTemplates {
    /// The customer search: the form and the customers found. Context: ``CustomerSearchPage``.
    static let customerSearch = #"""
    <form method="get" action="/users/" role="search"><label for="q">{{labels.hint}}</label> <input type="search" id="q" name="q" value="{{query}}" autocomplete="off" autofocus> <button type="submit">{{labels.search}}</button></form>
    {{#notIndexed}}<p role="status">{{labels.notIndexed}}</p>{{/notIndexed}}{{#nothingFound}}<p>{{labels.none}}</p>{{/nothingFound}}
    {{#rows}}{{#first()}}<table class="cards"><thead><tr><th>{{labels.document}}</th><th>{{labels.name}}</th><th>{{labels.collective}}</th><th>{{labels.contract}}</th><th>{{labels.end}}</th><th>{{labels.status}}</th></tr></thead><tbody>
    {{/first()}}<tr><td data-label="{{labels.document}}"><a href="{{href}}">{{document}}</a></td><td data-label="{{labels.name}}">{{name}}</td><td data-label="{{labels.collective}}">{{collective}}</td><td data-label="{{labels.contract}}">{{contract}}</td><td data-label="{{labels.end}}">{{end}}</td><td data-label="{{labels.status}}">{{status}}</td></tr>
    {{#last()}}</tbody></table>{{/last()}}{{/rows}}
    """#

    /// One customer: the facts, the contract history and the payments. Context: ``CustomerPage``.
    static let customer = #"""
    <p><a href="/users/">{{labels.search}}</a></p>
    <dl>{{#facts}}<dt>{{label}}</dt><dd>{{#value}}{{.}}{{/value}}{{#links}}{{^first()}}, {{/first()}}<a href="{{href}}">{{document}}</a>{{/links}}</dd>{{/facts}}</dl>
    {{#sections}}<h2>{{title}}</h2>
    {{#events}}{{#first()}}<table class="cards"><thead><tr><th>{{labels.date}}</th><th>{{labels.event}}</th><th>{{labels.contract}}</th><th>{{labels.collective}}</th><th>{{labels.note}}</th><th>{{labels.source}}</th></tr></thead><tbody>
    {{/first()}}<tr><td data-label="{{labels.date}}">{{date}}</td><td data-label="{{labels.event}}">{{kind}}</td><td data-label="{{labels.contract}}">{{contract}}</td><td data-label="{{labels.collective}}">{{collective}}</td><td data-label="{{labels.note}}">{{note}}</td><td data-label="{{labels.source}}">{{source}}</td></tr>
    {{#last()}}</tbody></table>{{/last()}}{{/events}}{{^events}}<p>{{labels.noneYet}}</p>{{/events}}
    {{/sections}}
    """#
}
