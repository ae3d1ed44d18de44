extension PortalTemplates {
    /// The upload form. Context: ``UploadPage``.
    static let upload = #"""
    {{#error}}<p class="error" role="alert">{{.}}</p>{{/error}}<p>{{help}}</p><form method="post" action="/upload" enctype="multipart/form-data"><input type="hidden" name="csrf" value="{{csrfToken}}"><label for="file">{{fileLabel}}</label><input type="file" id="file" name="file" required><div><button type="submit">{{send}}</button></div></form>
    """#

    /// After an upload: waiting, then the receipt. Context: ``UploadStatusPage``.
    static let uploadStatus = #"""
    <p class="ok">{{stored}}</p>{{#row}}<p>{{processed}}</p><table class="cards"><tbody>
    {{>receiptRow}}</tbody></table>{{/row}}{{^row}}<p id="waiting">{{waiting}}</p>{{/row}}<p><a href="/upload">{{another}}</a></p>
    """#
}
