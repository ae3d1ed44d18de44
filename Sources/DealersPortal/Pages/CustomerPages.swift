import DealersCore

/// A link to a customer's page.
struct CustomerLink {
    let href: String
    let document: String

    init(_ document: String) {
        href = "/users/" + HTML.pathSegment(document)
        self.document = document
    }
}

/// `/users/?q=…`: the search form and the customers found, each linked to their page
/// (template `customerSearch`).
struct CustomerSearchPage {
    struct Labels {
        let hint, search, none, notIndexed, document, name, collective, contract, end, status: String
    }

    struct Row {
        let href, document, name, collective, contract, end, status: String
    }

    let labels: Labels
    let query: String
    let nothingFound: Bool
    /// The look-up index is not written yet: the page says so instead of "no customer matches".
    let notIndexed: Bool
    let rows: [Row]
    private let text: PortalText
    private let visitor: Page.Visitor

    init(text: PortalText, format: Formatting, visitor: Page.Visitor, query: String, users: [CustomerSummary],
         indexWritten: Bool) {
        self.text = text
        self.visitor = visitor
        self.query = query
        labels = Labels(hint: text.searchHint, search: text.search, none: text.noCustomers, notIndexed: text.lookupNotWritten, document: text.documentTitle,
                        name: text.nameTitle, collective: text.collectiveTitle, contract: text.contractTitle,
                        end: text.endTitle, status: text.status)
        notIndexed = !indexWritten
        nothingFound = indexWritten && !query.isEmpty && users.isEmpty
        rows = users.map { user in
            Row(href: CustomerLink(user.document).href, document: user.document, name: user.firstName + " " + user.lastName,
                collective: user.collective, contract: user.contract ?? "", end: user.end.map(format.civil) ?? "",
                status: Self.status(user.status, text))
        }
    }

    /// A status code (`ACTIVE` …) in the page's language, as the reports write it (`ACTIVO` …).
    static func status(_ code: String?, _ text: PortalText) -> String {
        guard let code else { return "" }
        return ContractStatus(rawValue: code).map(ReportVocabulary(language: text.language).status) ?? code
    }

    var html: String {
        Page(title: text.customers, template: "customerSearch", context: self, visitor: visitor, text: text).html
    }
}

/// `/users/<document>`: one customer — contract, status, collective, holder or dependants, the
/// contract history and the payments (template `customer`).
struct CustomerPage {
    struct Labels {
        let search, date, event, contract, collective, note, source, noneYet: String
    }

    /// One line of the facts list: a value, or links to other customers.
    struct Fact {
        let label: String
        let value: String?
        let links: [CustomerLink]
    }

    struct Event {
        let date, kind, contract, collective, note, source: String
    }

    struct Section {
        let title: String
        let events: [Event]
    }

    let labels: Labels
    let facts: [Fact]
    let sections: [Section]
    private let title: String
    private let text: PortalText
    private let visitor: Page.Visitor

    init(text: PortalText, format: Formatting, visitor: Page.Visitor, customer c: CustomerRecord) {
        self.text = text
        self.visitor = visitor
        title = "\(c.firstName) \(c.lastName)"
        labels = Labels(search: text.search, date: text.dateTitle, event: text.eventTitle, contract: text.contractTitle,
                        collective: text.collectiveTitle, note: text.noteTitle, source: text.sourceTitle, noneYet: text.noneYet)
        func fact(_ label: String, _ value: String) -> Fact { Fact(label: label, value: value, links: []) }
        var facts = [
            fact(text.documentTitle, c.document),
            fact(text.collectiveTitle, c.collective + (c.collectiveName.map { " · " + $0 } ?? "")),
            fact(text.status, CustomerSearchPage.status(c.status, text)),
            fact(text.contractTitle, c.currentContract.map { "\($0.number) · \(format.civil($0.start)) – \(format.civil($0.end))" } ?? ""),
            fact(text.relationshipTitle, c.relationship),
        ]
        if let holder = c.holder { facts.append(Fact(label: text.holderTitle, value: nil, links: [CustomerLink(holder)])) }
        if !c.dependants.isEmpty { facts.append(Fact(label: text.dependantsTitle, value: nil, links: c.dependants.map(CustomerLink.init))) }
        if let email = c.email { facts.append(fact(text.email, email)) }
        if let phone = c.phone { facts.append(fact(text.phoneTitle, phone)) }
        if let seller = c.seller { facts.append(fact(text.sellerTitle, seller)) }
        self.facts = facts
        let vocabulary = ReportVocabulary(language: text.language)
        func events(_ list: [CustomerRecord.EventView]) -> [Event] {
            list.map { event in
                Event(date: format.civil(event.date), kind: EventKind(rawValue: event.kind).map(vocabulary.event) ?? event.kind, contract: event.contract ?? "", collective: event.collective,
                      note: event.note ?? "", source: event.sourceFile.map { $0 + (event.sourceLine.map { ":\($0)" } ?? "") } ?? "")
            }
        }
        sections = [Section(title: text.historyTitle, events: events(c.history)),
                    Section(title: text.paymentsTitle, events: events(c.payments))]
    }

    var html: String {
        Page(title: title, template: "customer", context: self, visitor: visitor, text: text).html
    }
}
