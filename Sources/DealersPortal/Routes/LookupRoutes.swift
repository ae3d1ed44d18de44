import DealersCore
import Foundation
import Hummingbird

/// The customer look-up: `GET /api/users?q=TEXT&limit=N`, `GET /api/users/<document>` (JSON, for
/// scripts and pages alike) and the pages `GET /users/?q=TEXT` (a search form and its results)
/// and `GET /users/<document>` (the customer). Every role may look up the customers of its scope.
struct LookupRoutes {
    let portal: Portal

    func register(on router: RouterGroup<PortalContext>) {
        router.get("/api/users") { request, context in
            let visitor = try context.requireVisitor()
            guard let (query, limit) = Self.query(request) else {
                return Responses.json(ScriptError(error: "BAD_LIMIT", message: Self.badLimit), status: .badRequest)
            }
            let found = try await portal.searchCustomers(query, limit: limit, visitor: visitor)
            return Responses.json(SearchAnswer(query: query, users: found))
        }
        router.get("/api/users/{document}") { _, context in
            let visitor = try context.requireVisitor()
            guard let customer = try await portal.customer(try context.parameters.require("document"), visitor: visitor) else {
                throw HTTPError(.notFound)
            }
            return Responses.json(customer)
        }
        router.get("/users/") { request, context in
            let visitor = try context.requireVisitor()
            let (query, limit) = Self.query(request) ?? (Self.text(request), CustomerLookup.defaultLimit)
            let found = query.isEmpty ? [] : try await portal.searchCustomers(query, limit: limit, visitor: visitor)
            let page = CustomerSearchPage(text: portal.text, format: portal.format, visitor: visitor.header(portal.text),
                                          query: query, users: found,
                                          indexWritten: LookupIndex(workspace: portal.workspace).isWritten)
            return Responses.html(page.html)
        }
        router.get("/users/{document}") { _, context in
            let visitor = try context.requireVisitor()
            guard let customer = try await portal.customer(try context.parameters.require("document"), visitor: visitor) else {
                throw HTTPError(.notFound)
            }
            return Responses.html(CustomerPage(text: portal.text, format: portal.format, visitor: visitor.header(portal.text),
                                               customer: customer).html)
        }
    }

    /// `q` (trimmed, at most 200 characters) and `limit` (1…100, default 20); `nil` for a limit
    /// that is not one (the API answers 400 `BAD_LIMIT`, the page uses the default).
    static func query(_ request: Request) -> (String, Int)? {
        guard let raw = request.uri.queryParameters["limit"] else { return (text(request), CustomerLookup.defaultLimit) }
        guard let limit = Int(raw), (1...CustomerLookup.maximumLimit).contains(limit) else { return nil }
        return (text(request), limit)
    }

    /// The search text: `q`, trimmed, at most 200 characters.
    static func text(_ request: Request) -> String {
        String((request.uri.queryParameters["q"].map(String.init) ?? "").trimmingCharacters(in: .whitespaces).prefix(200))
    }

    static let badLimit = "limit: expected a whole number 1…\(CustomerLookup.maximumLimit)"

    /// The answer of a search.
    struct SearchAnswer: Encodable {
        var query: String
        var users: [CustomerSummary]
    }
}

extension Portal {
    /// The customers a visitor may see whose keys start with `query`, read off the event loop.
    func searchCustomers(_ query: String, limit: Int, visitor: Visitor) async throws -> [CustomerSummary] {
        let lookup = customerLookup, access = visitor.access
        return try await BlockingWork.run { try lookup.search(query, limit: limit, access: access) }
    }

    /// One customer, when the visitor may see them, read off the event loop.
    func customer(_ document: String, visitor: Visitor) async throws -> CustomerRecord? {
        let lookup = customerLookup, access = visitor.access
        return try await BlockingWork.run { try lookup.customer(document, access: access) }
    }
}
