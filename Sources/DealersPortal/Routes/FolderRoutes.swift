import Foundation
import Hummingbird

/// `GET /reports/`, `/reports/{file}`, `/receipts/`, `/receipts/{file}`, `/errors/{file}`: the
/// visitor's own folders only. A name is looked up among the folder's listed files, never used as
/// a path: whatever is not listed (another dealer's file, `..`, an encoded slash, a link, a hidden
/// or guessed name) is the same 404 as a missing file.
struct FolderRoutes {
    let portal: Portal

    func register(on group: RouterGroup<PortalContext>) {
        group.get("/reports") { request, context in
            let visitor = try context.requireVisitor()
            let scope = try Self.scope(portal, visitor, request)
            let entries = scope.reports.entries()
            if Self.wantsJSON(request) { return Responses.json(entries.map { ListedFile($0, query: scope.linkQuery) }) }
            return Responses.html(ReportsPage(text: portal.text, format: portal.format, visitor: visitor.header(portal.text),
                                              entries: entries, scope: scope, dealers: dealerChoice(visitor)).html)
        }
        group.get("/reports/{file}") { request, context in
            try download(request, context, \.reports)
        }
        group.get("/receipts") { request, context in
            let visitor = try context.requireVisitor()
            let scope = try Self.scope(portal, visitor, request)
            let receipts = Self.receipts(in: scope)
            if Self.wantsJSON(request) {
                return Responses.json(receipts.map { ListedReceipt($0.summary, errorFiles: $0.errorFiles, query: scope.linkQuery) })
            }
            return Responses.html(ReceiptsPage(text: portal.text, format: portal.format, visitor: visitor.header(portal.text),
                                               receipts: receipts, scope: scope, dealers: dealerChoice(visitor)).html)
        }
        group.get("/receipts/{file}") { request, context in
            try download(request, context, \.receipts)
        }
        group.get("/errors/{file}") { request, context in
            try download(request, context, \.errors)
        }
    }

    /// The visitor's scope for this request; "not found" when it may not look there.
    static func scope(_ portal: Portal, _ visitor: Visitor, _ request: Request) throws -> PortalScope {
        guard let scope = visitor.scope(portal, for: request) else { throw HTTPError(.notFound) }
        return scope
    }

    /// For an operator, the declared dealers it may switch to.
    private func dealerChoice(_ visitor: Visitor) -> [String] {
        visitor.account.role == .operator ? portal.workspace.settings.dealers : []
    }

    private func download(_ request: Request, _ context: PortalContext, _ folder: KeyPath<PortalScope, ReadableFolder>) throws -> Response {
        let visitor = try context.requireVisitor()
        let readable = try Self.scope(portal, visitor, request)[keyPath: folder]
        guard let name = context.parameters.get("file"), let entry = readable.entry(named: name),
              let response = Responses.download(entry, from: readable) else { throw HTTPError(.notFound) }
        return response
    }

    /// Every receipt in the scope's `receipts/`, newest first, each with its error files that exist.
    static func receipts(in scope: PortalScope) -> [(summary: ReceiptSummary, errorFiles: [String])] {
        let present = Set(scope.errors.entries().map(\.name))
        return scope.receipts.entries().filter { $0.name.lowercased().hasSuffix(".json") }.compactMap { entry in
            guard let data = scope.receipts.contents(of: entry),
                  var summary = try? JSONDecoder().decode(ReceiptSummary.self, from: data) else { return nil }
            summary.fileName = entry.name
            summary.modified = entry.modified
            return summary
        }
        .sorted(by: ReceiptSummary.newestFirst)
        .map { ($0, $0.errorFiles.filter(present.contains)) }
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
    var file: String
    var url: String
    var input: String?
    var status: String?
    var startedAt: String?
    var rows: [String: Int]
    var errors: Int?
    var errorFiles: [String]

    init(_ summary: ReceiptSummary, errorFiles: [String], query: String = "") {
        file = summary.fileName
        url = "/receipts/" + HTML.pathSegment(summary.fileName) + query
        input = summary.input
        status = summary.status
        startedAt = summary.startedAt
        rows = ["read": summary.rows?.read, "applied": summary.rows?.applied, "rejected": summary.rows?.rejected]
            .compactMapValues { $0 }
        errors = summary.errors
        self.errorFiles = errorFiles.map { "/errors/" + HTML.pathSegment($0) + query }
    }
}

extension PortalContext {
    /// The visitor (routes behind ``RequireVisitorMiddleware`` always have one).
    func requireVisitor() throws -> Visitor {
        guard let visitor else { throw HTTPError(.unauthorized) }
        return visitor
    }
}
