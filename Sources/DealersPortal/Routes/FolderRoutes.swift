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
            let entries = visitor.scope(portal).reports.entries()
            if Self.wantsJSON(request) { return Responses.json(entries.map(ListedFile.init)) }
            return Responses.html(ReportsPage(text: portal.text, format: portal.format, visitor: visitor.header(portal.text), entries: entries).html)
        }
        group.get("/reports/{file}") { _, context in
            try download(context, \.reports)
        }
        group.get("/receipts") { request, context in
            let visitor = try context.requireVisitor()
            let receipts = Self.receipts(in: visitor.scope(portal))
            if Self.wantsJSON(request) { return Responses.json(receipts.map { ListedReceipt($0.summary, errorFiles: $0.errorFiles) }) }
            return Responses.html(ReceiptsPage(text: portal.text, format: portal.format, visitor: visitor.header(portal.text), receipts: receipts).html)
        }
        group.get("/receipts/{file}") { _, context in
            try download(context, \.receipts)
        }
        group.get("/errors/{file}") { _, context in
            try download(context, \.errors)
        }
    }

    private func download(_ context: PortalContext, _ folder: KeyPath<PortalScope, ReadableFolder>) throws -> Response {
        let visitor = try context.requireVisitor()
        let readable = visitor.scope(portal)[keyPath: folder]
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

    init(_ entry: FolderEntry) {
        name = entry.name
        size = entry.size
        modified = ISO8601DateFormatter().string(from: entry.modified)
        url = "/reports/" + HTML.pathSegment(entry.name)
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

    init(_ summary: ReceiptSummary, errorFiles: [String]) {
        file = summary.fileName
        url = "/receipts/" + HTML.pathSegment(summary.fileName)
        input = summary.input
        status = summary.status
        startedAt = summary.startedAt
        rows = ["read": summary.rows?.read, "applied": summary.rows?.applied, "rejected": summary.rows?.rejected]
            .compactMapValues { $0 }
        errors = summary.errors
        self.errorFiles = errorFiles.map { "/errors/" + HTML.pathSegment($0) }
    }
}

extension PortalContext {
    /// The visitor (routes behind ``RequireVisitorMiddleware`` always have one).
    func requireVisitor() throws -> Visitor {
        guard let visitor else { throw HTTPError(.unauthorized) }
        return visitor
    }
}
