import Mustache

/// The portal's page templates (Mustache, HTML-escaped by default: `{{x}}` is escaped,
/// `{{{x}}}` is markup the portal built itself). Each template is a Swift string constant in a
/// file named after it (`LayoutTemplate.swift` holds `layout`), so the binary needs no file
/// next to it at run time. docs/portal.md, "Adding a page", tells how a page is added.
enum PortalTemplates {
    /// Every template, by the name pages render it with.
    static let sources: [String: String] = [
        "layout": layout,
        "login": login,
        "reports": reports,
        "dealerSwitch": dealerSwitch,
        "receipt": receipt,
        "dashboard": dashboard,
        "dashboardChart": dashboardChart,
        "receiptRow": receiptRow,
        "receipts": receipts,
        "upload": upload,
        "uploadStatus": uploadStatus,
        "audit": audit,
        "cellTable": cellTable,
        "message": message,
        "accounts": accounts,
        "accountFields": accountFields,
        "customerSearch": customerSearch,
        "customer": customer,
    ]

    /// The parsed templates (parsed once; a template that does not parse is a bug the
    /// `TemplateTests` suite catches, and renders as the empty library's nothing).
    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        for (name, source) in sources {
            do {
                try library.register(source, named: name)
            } catch {
                assertionFailure("template \(name) does not parse: \(error)")
            }
        }
        return library
    }()

    /// One template rendered with a context (a struct whose stored properties the template
    /// names, arrays for sections, optionals and `Bool`s for conditions); `""` for an unknown name.
    static func render(_ name: String, _ context: Any) -> String {
        library.render(context, withTemplate: name) ?? ""
    }
}
