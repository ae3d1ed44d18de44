import DealersCore
import Foundation
import HTTPTypes
import Hummingbird

/// The receipts API for scripts (docs/portal.md, "The receipts API"), with the same accounts
/// (HTTP Basic or a session) and the same scoping as the pages:
///
/// - `GET /api/receipts`: every dated receipt, newest first;
/// - `GET /api/receipts/{date}/{name}`: one processing with a page of its errors and rejected
///   rows (`?offset=&limit=`);
/// - `POST /api/receipts/{date}/{name}/corrections`: corrected rows back into the inbox.
///
/// A processing the visitor may not see is the same 404 as one that does not exist.
struct ReceiptAPIRoutes {
    let portal: Portal

    /// Rows (and errors) per answer unless `limit` says otherwise, and the most it may say.
    static let defaultLimit = 200
    static let maxLimit = 10_000

    /// The body of a correction.
    struct CorrectionRequest: Decodable {
        var rows: [CorrectedRow]
    }

    /// The listing.
    struct ReceiptList: Encodable {
        var receipts: [APIReceipt]
    }

    func register(on group: RouterGroup<PortalContext>) {
        group.get("/api/receipts") { request, context in
            let visitor = try context.requireVisitor()
            let scope = try FolderRoutes.scope(portal, visitor, request)
            let receipts = try await BlockingWork.run { ReceiptShelf(scope: scope).all() }
            return Responses.json(ReceiptList(receipts: receipts.compactMap { APIReceipt($0, query: scope.linkQuery) }))
        }
        group.get("/api/receipts/{date}/{name}") { request, context in
            let (_, processing) = try await Self.processing(portal, request, context)
            let (offset, limit) = Self.paging(request)
            let portal = self.portal
            let answer = try await BlockingWork.run {
                let errors = try processing.errors(dialect: portal.workspace.settings.csvDialect, offset: offset, limit: limit)
                let rejected = try processing.rejected(portal, offset: offset, limit: limit)
                return APIReceiptDetail(processing, query: processing.scope.linkQuery, errors: errors, rejected: rejected, offset: offset, limit: limit)
            }
            return Responses.json(answer)
        }
        group.post("/api/receipts/{date}/{name}/corrections") { request, context in
            let (visitor, processing) = try await Self.processing(portal, request, context)
            guard visitor.access.mayUpload else { throw HTTPError(.notFound) }
            let result: Result<InboxDrop.Stored, CorrectionSender.Failure>
            if !visitor.acceptsForm(csrf: request.headers[.csrfToken]) {
                result = .failure(.staleForm)
            } else {
                switch await Self.readRows(request, limit: portal.configuration.uploads.maxFileBytes) {
                case .success(let rows):
                    result = try await CorrectionSender(portal: portal).send(processing, rows: rows, visitor: visitor, context: context)
                case .failure(let failure):
                    result = .failure(failure)
                }
            }
            switch result {
            case .success(let stored):
                return Responses.json(CorrectionAnswer(inbox: stored.name, status: UploadRoutes.statusPath(name: stored.name, checksum: stored.checksum, scope: processing.scope),
                                                       checksum: stored.checksum), status: .accepted)
            case .failure(let failure):
                return Responses.json(ScriptError(error: CorrectionSender.code(failure), message: portal.text.correctionFailure(failure)),
                                      status: CorrectionSender.status(failure))
            }
        }
    }

    /// The visitor and the processing the route's `{date}` and `{name}` name in its scope;
    /// "not found" for every reason alike.
    /// (The page's routes share `/receipts/{first}/{file}` with the downloads, hence the names.)
    static func processing(_ portal: Portal, _ request: Request, _ context: PortalContext,
                           parameters: (date: String, name: String) = ("date", "name")) async throws -> (Visitor, Processing) {
        let visitor = try context.requireVisitor()
        let scope = try FolderRoutes.scope(portal, visitor, request)
        guard let date = context.parameters.get(parameters.date), let name = context.parameters.get(parameters.name),
              let processing = try await BlockingWork.run({ Processing(scope: scope, date: date, archived: name) }) else {
            throw HTTPError(.notFound)
        }
        return (visitor, processing)
    }

    /// `?offset=&limit=`: from 0, 200 rows unless asked, at most 10,000.
    static func paging(_ request: Request) -> (offset: Int, limit: Int) {
        let offset = request.uri.queryParameters["offset"].flatMap { Int($0) } ?? 0
        let limit = request.uri.queryParameters["limit"].flatMap { Int($0) } ?? defaultLimit
        return (max(0, offset), min(max(1, limit), maxLimit))
    }

    /// The rows of a JSON body `{"rows": [...]}`, at most `limit` bytes.
    static func readRows(_ request: Request, limit: Int) async -> Result<[CorrectedRow], CorrectionSender.Failure> {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit { return .failure(.tooLarge(limit: limit)) }
        var request = request
        guard let body = try? await request.collectBody(upTo: limit) else { return .failure(.tooLarge(limit: limit)) }
        guard let decoded = try? JSONDecoder().decode(CorrectionRequest.self, from: Data(buffer: body)) else { return .failure(.badJSON) }
        return .success(decoded.rows)
    }
}

extension HTTPField.Name {
    /// `X-CSRF-Token`: a session's token on a script-like request made from a signed-in page.
    static var csrfToken: Self { Self("X-CSRF-Token")! }
}
