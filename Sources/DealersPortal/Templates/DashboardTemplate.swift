extension PortalTemplates {
    /// The dashboard. Context: ``DashboardPage``.
    static let dashboard = #"""
    {{#switcher}}{{>dealerSwitch}}{{/switcher}}
    {{^hasFigures}}<p>{{labels.noFigures}}</p>{{/hasFigures}}{{#hasFigures}}<p class="asof">{{labels.asOf}}</p>{{/hasFigures}}
    {{#collectives}}{{#first()}}<section aria-labelledby="h-collectives"><h2 id="h-collectives">{{labels.collectives}}</h2>
    <table class="cards" id="collectives"><thead><tr><th>{{labels.collective}}</th><th class="num">{{labels.active}}</th><th class="num">{{labels.scheduled}}</th><th class="num">{{labels.expired}}</th><th class="num">{{labels.cancelled}}</th><th class="num">{{labels.expiring30}}</th></tr></thead><tbody>
    {{/first()}}<tr data-collective="{{code}}"><td data-label="{{labels.collective}}"><strong>{{code}}</strong>{{^empty(name)}} <small class="name">{{name}}</small>{{/empty(name)}}</td><td class="num" data-label="{{labels.active}}">{{active}}</td><td class="num" data-label="{{labels.scheduled}}">{{scheduled}}</td><td class="num" data-label="{{labels.expired}}">{{expired}}</td><td class="num" data-label="{{labels.cancelled}}">{{cancelled}}</td><td class="num" data-label="{{labels.expiring30}}">{{expiring30}}</td></tr>
    {{#last()}}</tbody></table>{{/last()}}{{/collectives}}{{#chart}}{{>dashboardChart}}{{/chart}}{{#collectives}}{{#last()}}</section>{{/last()}}{{/collectives}}
    {{#payments}}<section aria-labelledby="h-payments"><h2 id="h-payments">{{labels.payments}}</h2><dl class="figures" id="payments"><div class="applied"><dt>{{labels.applied}}</dt><dd>{{applied}}</dd></div><div class="unmatched"><dt>{{labels.unmatched}}</dt><dd>{{unmatched}}</dd></div><div class="reversed"><dt>{{labels.reversed}}</dt><dd>{{reversed}}</dd></div></dl></section>{{/payments}}
    <section aria-labelledby="h-files"><h2 id="h-files">{{labels.lastFiles}}</h2>
    {{#files}}{{#first()}}<table class="cards" id="last-files"><thead><tr><th>{{labels.input}}</th><th>{{labels.status}}</th><th class="num">{{labels.read}}</th><th class="num">{{labels.rowsApplied}}</th><th class="num">{{labels.rejected}}</th></tr></thead><tbody>
    {{/first()}}<tr><td data-label="{{labels.input}}"><a href="{{href}}" download>{{input}}</a><br><small>{{when}}</small></td><td data-label="{{labels.status}}"><span class="status {{statusClass}}">{{status}}</span></td><td class="num" data-label="{{labels.read}}">{{read}}</td><td class="num" data-label="{{labels.rowsApplied}}">{{applied}}</td><td class="num" data-label="{{labels.rejected}}">{{rejected}}</td></tr>
    {{#last()}}</tbody></table>{{/last()}}{{/files}}{{^files}}<p>{{labels.noFiles}}</p>{{/files}}</section>
    """#
}
