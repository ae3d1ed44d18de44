import Hummingbird

/// `GET /audit/` (`?account=NAME` to filter): the audit log, newest first, for the master only
/// (every other role gets "not found"). Scripts asking for JSON get the events as a list.
struct AuditRoutes {
    let portal: Portal

    func register(on group: RouterGroup<PortalContext>) {
        group.get("/audit") { request, context in
            let visitor = try context.requireMaster()
            let account = request.uri.queryParameters["account"].map(String.init) ?? ""
            let log = portal.auditLog
            let events = try await BlockingWork.run { try log.events() }
                .filter { account.isEmpty || $0.account.lowercased() == account.lowercased() }
                .reversed()
            if FolderRoutes.wantsJSON(request) { return Responses.json(Array(events.prefix(AuditPage.limit))) }
            return Responses.html(AuditPage(text: portal.text, format: portal.format, visitor: visitor.header(portal.text),
                                            events: Array(events), account: account).html)
        }
    }
}
