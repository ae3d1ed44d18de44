extension PortalTemplates {
    /// The receipts list. Context: ``ReceiptsPage``.
    static let receipts = #"""
    {{#switcher}}{{>dealerSwitch}}{{/switcher}}
    {{#rows}}{{#first()}}<table class="cards"><thead><tr><th>{{labels.input}}</th><th>{{labels.status}}</th><th class="num">{{labels.read}}</th><th class="num">{{labels.applied}}</th><th class="num">{{labels.rejected}}</th><th class="num">{{labels.errors}}</th><th>{{labels.files}}</th></tr></thead><tbody>
    {{/first()}}{{>receiptRow}}{{#last()}}</tbody></table>{{/last()}}{{/rows}}{{^rows}}<p>{{labels.none}}</p>{{/rows}}
    """#
}
