extension PortalTemplates {
    /// The dashboard's SVG chart (a partial). Context: ``DashboardChart``.
    static let dashboardChart = #"""
    <figure class="chart"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {{width}} {{height}}" role="img" aria-labelledby="chart-title"><title id="chart-title">{{title}}</title>{{#bars}}<g><text x="0" y="{{textY}}" class="axis">{{label}}</text>{{#segments}}<rect class="{{kind}}" x="{{x}}" y="{{y}}" width="{{width}}" height="22"><title>{{label}}: {{value}}</title></rect>{{/segments}}<text x="{{totalX}}" y="{{textY}}" class="total">{{total}}</text></g>{{/bars}}{{#legend}}<rect class="{{kind}}" x="{{x}}" y="{{legendY}}" width="14" height="14"></rect><text x="{{x}}" dx="18" y="{{legendTextY}}" class="axis">{{label}}</text>{{/legend}}</svg><figcaption>{{title}}</figcaption></figure>
    """#
}
