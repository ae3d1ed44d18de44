import Foundation
import Hummingbird

/// `GET /reports/`, `/reports/{file}`, `/receipts/`, `/receipts/{date}/{file}`, `/receipts/{file}`
/// (a latest view), `/errors/{date}/{file}`: the visitor's own folders only. A date is looked up
/// among the folder's listed date folders and a name among the listed files, never used as a
/// path: whatever is not listed (another dealer's file, `..`, an encoded slash, a link, a hidden
/// or guessed name) is the same 404 as a missing file.
struct FolderRoutes {
    let portal: Portal

    func register(on group: RouterGroup<PortalContext>) {
        group.get("/reports") { request, context in
            let visitor = try context.requireVisitor()
            let scope = try Self.scope(portal, visitor, request)
            let entries = try await BlockingWork.run { scope.reports.entries() }
            if Self.wantsJSON(request) { return Responses.json(entries.map { ListedFile($0, query: scope.linkQuery) }) }
            return Responses.html(ReportsPage(text: portal.text, format: portal.format, visitor: visitor.header(portal.text),
                                              entries: entries, scope: scope, dealers: Self.dealerChoice(portal, visitor)).html)
        }
        group.get("/reports/{file}") { request, context in
            try await download(request, context, \.reports)
        }
        group.get("/receipts") { request, context in
            let visitor = try context.requireVisitor()
            let scope = try Self.scope(portal, visitor, request)
            let receipts = try await BlockingWork.run { ReceiptShelf(scope: scope).all() }
            if Self.wantsJSON(request) { return Responses.json(receipts.map { ListedReceipt($0, query: scope.linkQuery) }) }
            return Responses.html(ReceiptsPage(text: portal.text, format: portal.format, visitor: visitor.header(portal.text),
                                               receipts: receipts, scope: scope, dealers: Self.dealerChoice(portal, visitor)).html)
        }
        // The router takes one name per position: `{first}` is the date before a file, or the
        // file itself (a latest view) when it is the last segment.
        group.get("/receipts/{first}/{file}") { request, context in
            // `/receipts/<date>/<archived name>` (no `.json`): the processing's page.
            if let file = context.parameters.get("file"), !file.hasSuffix(".json") {
                return try await ReceiptPageRoutes(portal: portal).page(request, context)
            }
            return try await download(request, context, \.receipts)
        }
        group.get("/receipts/{first}") { request, context in
            try await download(request, context, \.receipts)
        }
        group.get("/errors/{first}/{file}") { request, context in
            try await download(request, context, \.errors)
        }
    }

    /// The visitor's scope for this request; "not found" when it may not look there.
    static func scope(_ portal: Portal, _ visitor: Visitor, _ request: Request) throws -> PortalScope {
        guard let scope = visitor.scope(portal, for: request) else { throw HTTPError(.notFound) }
        return scope
    }

    /// For a master, the declared dealers it may switch to.
    static func dealerChoice(_ portal: Portal, _ visitor: Visitor) -> [String] {
        visitor.access.looksAtEveryDealer ? portal.workspace.settings.dealers : []
    }

    /// `/<folder>/{file}` (reports, a latest view) or `/<folder>/{first}/{file}` (a dated file).
    private func download(_ request: Request, _ context: PortalContext, _ folder: KeyPath<PortalScope, ReadableFolder>) async throws -> Response {
        let visitor = try context.requireVisitor()
        let readable = try Self.scope(portal, visitor, request)[keyPath: folder]
        let first = context.parameters.get("first"), file = context.parameters.get("file")
        let asked = file.map { DatedName(date: first, name: $0) } ?? first.map { DatedName(date: nil, name: $0) }
        guard let asked, let found = try await BlockingWork.run({ () -> (file: DownloadFile, folder: URL)? in
            guard let found = readable.lookUp(asked), let opened = DownloadFile(found.entry, in: found.folder) else { return nil }
            return (opened, found.folder.url)
        }) else { throw HTTPError(.notFound) }
        let opened = found.file
        await portal.audit(.download, account: visitor.account, object: portal.workspacePath(found.folder.appendingPathComponent(opened.entry.name)),
                           context: context)
        return Responses.download(opened)
    }

    /// Whether a script asked for JSON (`Accept: application/json`, and not HTML).
    static func wantsJSON(_ request: Request) -> Bool {
        let accept = request.headers[.accept] ?? ""
        return accept.contains("application/json") && !accept.contains("text/html")
    }
}

/// A file in a JSON listing.
struct ListedFile: Encodable {
    var name: String
    var size: Int
    var modified: String
    var url: String

    init(_ entry: FolderEntry, query: String) {
        name = entry.name
        size = entry.size
        modified = ISO8601DateFormatter().string(from: entry.modified)
        url = "/reports/" + HTML.pathSegment(entry.name) + query
    }
}

/// A receipt in a JSON listing.
struct ListedReceipt: Encodable {
    /// The receipt's date folder.
    var date: String?
    var file: String
    var url: String
    var input: String?
    var status: String?
    var startedAt: String?
    var rows: [String: Int]
    var errors: Int?
    var errorFiles: [String]
    /// The portal account that uploaded the input, when one did.
    var uploadedBy: String?

    init(_ receipt: ShownReceipt, query: String = "") {
        let summary = receipt.summary
        date = summary.file.date
        file = summary.file.name
        url = summary.file.urlPath("receipts", query: query)
        input = summary.input
        status = summary.status
        startedAt = summary.startedAt
        rows = summary.rows?.counts ?? [:]
        errors = summary.errors
        errorFiles = receipt.errorFiles.map { $0.urlPath("errors", query: query) }
        uploadedBy = receipt.summary.uploadedBy
    }
}

extension PortalContext {
    /// The visitor (routes behind ``RequireVisitorMiddleware`` always have one).
    func requireVisitor() throws -> Visitor {
        guard let visitor else { throw HTTPError(.unauthorized) }
        return visitor
    }
}
