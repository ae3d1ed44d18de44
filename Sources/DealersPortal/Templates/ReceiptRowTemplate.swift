extension PortalTemplates {
    /// One processing as a table row (a partial of the receipts and upload-status pages). Context: ``ReceiptRow``.
    static let receiptRow = #"""
    <tr><td data-label="{{labels.input}}">{{#pageHref}}<a href="{{.}}">{{input}}</a>{{/pageHref}}{{^pageHref}}{{input}}{{/pageHref}}<br><small>{{when}}</small></td><td data-label="{{labels.status}}"><span class="status {{statusClass}}">{{status}}</span>{{#message}}<br><small>{{.}}</small>{{/message}}</td><td class="num" data-label="{{labels.read}}">{{read}}</td><td class="num" data-label="{{labels.applied}}">{{applied}}</td><td class="num" data-label="{{labels.rejected}}">{{rejected}}</td><td class="num" data-label="{{labels.errors}}">{{errors}}</td><td data-label="{{labels.files}}"><a href="{{receiptHref}}" download>{{labels.receiptJSON}}</a>{{#errorFiles}}<br><a href="{{href}}" download>{{name}}</a>{{/errorFiles}}{{#held}}<form method="post" action="/receipts/confirm{{query}}"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="date" value="{{date}}"><input type="hidden" name="receipt" value="{{receipt}}"><small>{{labels.confirmHelp}}</small><br><button type="submit">{{labels.confirm}}</button></form>{{/held}}</td></tr>

    """#
}
