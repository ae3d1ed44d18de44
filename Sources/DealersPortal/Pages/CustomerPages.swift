import DealersCore

/// `/users/?q=…`: the search form and the customers found, each linked to their page.
struct CustomerSearchPage {
    let text: PortalText
    let format: Formatting
    let visitor: Page.Visitor
    let query: String
    let users: [CustomerSummary]

    var html: String {
        var body = """
        <form method="get" action="/users/" role="search"><label for="q">\(HTML.escape(text.searchHint))</label> \
        <input type="search" id="q" name="q" value="\(HTML.escape(query))" autocomplete="off" autofocus> \
        <button type="submit">\(HTML.escape(text.search))</button></form>
        """
        if !query.isEmpty, users.isEmpty { body += "<p>\(HTML.escape(text.noCustomers))</p>" }
        if !users.isEmpty {
            var rows = ""
            for user in users {
                rows += """
                <tr><td><a href="/users/\(HTML.pathSegment(user.document))">\(HTML.escape(user.document))</a></td>\
                <td>\(HTML.escape(user.firstName + " " + user.lastName))</td><td>\(HTML.escape(user.collective))</td>\
                <td>\(HTML.escape(user.contract ?? ""))</td><td>\(HTML.escape(user.end.map(format.civil) ?? ""))</td>\
                <td>\(HTML.escape(user.status ?? ""))</td></tr>\n
                """
            }
            body += """
            <table class="cards"><thead><tr><th>\(HTML.escape(text.documentTitle))</th><th>\(HTML.escape(text.nameTitle))</th>\
            <th>\(HTML.escape(text.collectiveTitle))</th><th>\(HTML.escape(text.contractTitle))</th>\
            <th>\(HTML.escape(text.endTitle))</th><th>\(HTML.escape(text.status))</th></tr></thead><tbody>
            \(rows)</tbody></table>
            """
        }
        return Page(title: text.customers, body: body, visitor: visitor, text: text).html
    }
}

/// `/users/<document>`: one customer — contract, status, collective, holder or dependants, the
/// contract history and the payments.
struct CustomerPage {
    let text: PortalText
    let format: Formatting
    let visitor: Page.Visitor
    let customer: CustomerRecord

    var html: String {
        let c = customer
        func customerLink(_ document: String) -> String {
            "<a href=\"/users/\(HTML.pathSegment(document))\">\(HTML.escape(document))</a>"
        }
        var facts: [(String, String)] = [
            (text.documentTitle, HTML.escape(c.document)),
            (text.collectiveTitle, HTML.escape(c.collective + (c.collectiveName.map { " · " + $0 } ?? ""))),
            (text.status, HTML.escape(c.status ?? "")),
            (text.contractTitle, HTML.escape(c.currentContract.map { "\($0.number) · \(format.civil($0.start)) – \(format.civil($0.end))" } ?? "")),
            (text.relationshipTitle, HTML.escape(c.relationship)),
        ]
        if let holder = c.holder { facts.append((text.holderTitle, customerLink(holder))) }
        if !c.dependants.isEmpty { facts.append((text.dependantsTitle, c.dependants.map(customerLink).joined(separator: ", "))) }
        if let email = c.email { facts.append((text.email, HTML.escape(email))) }
        if let phone = c.phone { facts.append((text.phoneTitle, HTML.escape(phone))) }
        if let seller = c.seller { facts.append((text.sellerTitle, HTML.escape(seller))) }
        let list = facts.map { "<dt>\(HTML.escape($0.0))</dt><dd>\($0.1)</dd>" }.joined()
        let body = """
        <p><a href="/users/">\(HTML.escape(text.search))</a></p>
        <dl>\(list)</dl>
        <h2>\(HTML.escape(text.historyTitle))</h2>
        \(events(c.history))
        <h2>\(HTML.escape(text.paymentsTitle))</h2>
        \(events(c.payments))
        """
        return Page(title: "\(c.firstName) \(c.lastName)", body: body, visitor: visitor, text: text).html
    }

    private func events(_ events: [CustomerRecord.EventView]) -> String {
        guard !events.isEmpty else { return "<p>\(HTML.escape(text.noneYet))</p>" }
        var rows = ""
        for event in events {
            let source = event.sourceFile.map { $0 + (event.sourceLine.map { ":\($0)" } ?? "") } ?? ""
            rows += """
            <tr><td>\(HTML.escape(format.civil(event.date)))</td><td>\(HTML.escape(event.kind))</td>\
            <td>\(HTML.escape(event.contract ?? ""))</td><td>\(HTML.escape(event.collective))</td>\
            <td>\(HTML.escape(event.note ?? ""))</td><td>\(HTML.escape(source))</td></tr>\n
            """
        }
        return """
        <table class="cards"><thead><tr><th>\(HTML.escape(text.dateTitle))</th><th>\(HTML.escape(text.eventTitle))</th>\
        <th>\(HTML.escape(text.contractTitle))</th><th>\(HTML.escape(text.collectiveTitle))</th>\
        <th>\(HTML.escape(text.noteTitle))</th><th>\(HTML.escape(text.sourceTitle))</th></tr></thead><tbody>
        \(rows)</tbody></table>
        """
    }
}
