/// Every processing of the dealer's inputs (the dated receipts), newest first, with status,
/// counts and links to the receipt and its error files (template `receipts`).
struct ReceiptsPage {
    let labels: ReceiptRow.Labels
    let switcher: DealerSwitch
    let rows: [ReceiptRow]
    private let pageTitle: String
    private let visitor: Page.Visitor
    private let text: PortalText

    /// - Parameters:
    ///   - receipts: newest first, each with the error files that exist.
    ///   - scope: whose folder this is (for the links' `?dealer=`).
    ///   - dealers: for an operator, the dealers it may switch to.
    init(text: PortalText, format: Formatting, visitor: Page.Visitor, receipts: [ShownReceipt], scope: PortalScope, dealers: [String]) {
        self.text = text
        self.visitor = visitor
        labels = ReceiptRow.Labels(text)
        switcher = DealerSwitch(text: text, path: "/receipts/", current: scope.dealer, dealers: dealers)
        pageTitle = switcher.title(text.receipts)
        rows = receipts.map { ReceiptRow($0, query: scope.linkQuery, text: text, format: format, confirmToken: visitor.csrfToken) }
    }

    var html: String {
        Page(title: pageTitle, template: "receipts", context: self, visitor: visitor, text: text).html
    }
}
