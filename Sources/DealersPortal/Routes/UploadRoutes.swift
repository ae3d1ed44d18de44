import Foundation
import DealersCore
import Hummingbird

/// `GET /upload` (the form), `POST /upload` (the form's target), `POST /inbox` (scripts: JSON
/// answers), `GET /upload/status?file=…&sha256=…` (waiting for, then showing, the receipt).
struct UploadRoutes {
    let portal: Portal

    func register(on group: RouterGroup<PortalContext>) {
        group.get("/upload") { _, context in
            let visitor = try context.requireUploader()
            return form(visitor, error: nil, status: .ok)
        }
        group.post("/upload") { request, context in
            let visitor = try context.requireUploader()
            switch try await receive(request, visitor, context) {
            case .success(let stored):
                return Responses.redirect(Self.statusPath(name: stored.name, checksum: stored.checksum))
            case .failure(let refusal):
                return form(visitor, error: portal.text.refusal(refusal), status: Self.status(refusal))
            }
        }
        group.post("/inbox") { request, context in
            let visitor = try context.requireUploader()
            switch try await receive(request, visitor, context) {
            case .success(let stored):
                return Responses.json(StoredAnswer(file: stored.name, layout: stored.layout, checksum: stored.checksum,
                                                   status: Self.statusPath(name: stored.name, checksum: stored.checksum)), status: .created)
            case .failure(let refusal):
                return Responses.json(ScriptError(error: Self.code(refusal), message: portal.text.refusal(refusal)), status: Self.status(refusal))
            }
        }
        group.get("/upload/status") { request, context in
            let visitor = try context.requireUploader()
            let name = request.uri.queryParameters["file"].map(String.init) ?? ""
            let checksum = request.uri.queryParameters["sha256"].map(String.init) ?? ""
            // A status asked for without the name and checksum an upload answered waits for nothing.
            guard !name.isEmpty, Checksum.isSHA256Hex(checksum) else { throw HTTPError(.badRequest) }
            let scope = try FolderRoutes.scope(portal, visitor, request)
            let receipt = try await BlockingWork.run { ReceiptShelf(scope: scope).processing(of: name, checksum: checksum) }
            if FolderRoutes.wantsJSON(request) {
                if let receipt { return Responses.json(ListedReceipt(receipt)) }
                return Responses.json(ScriptError(error: "WAITING"), status: .accepted)
            }
            return Responses.html(UploadStatusPage(text: portal.text, format: portal.format, visitor: visitor.header(portal.text),
                                                   name: name, receipt: receipt, query: scope.linkQuery).html)
        }
    }

    /// Reads the multipart body, checks the CSRF token (sessions only), and stores the one file.
    private func receive(_ request: Request, _ visitor: Visitor, _ context: PortalContext) async throws -> Result<InboxDrop.Stored, UploadRefusal> {
        let limits = portal.configuration.uploads
        let ceiling = limits.maxFileBytes + 64 * 1024
        if let length = request.headers[.contentLength].flatMap(Int.init), length > ceiling {
            return .failure(.tooLarge(limit: limits.maxFileBytes))
        }
        var request = request
        let body: ByteBuffer
        do { body = try await request.collectBody(upTo: ceiling) } catch {
            return .failure(.tooLarge(limit: limits.maxFileBytes))
        }
        guard let boundary = request.headers[.contentType].flatMap(MultipartForm.boundary(contentType:)),
              let form = MultipartForm(body: Data(buffer: body), boundary: boundary) else { return .failure(.notOneFile) }
        guard visitor.acceptsForm(csrf: form.text("csrf")) else { return .failure(.staleForm) }
        guard form.files.count == 1, let file = form.files.first, let fileName = file.fileName else { return .failure(.notOneFile) }
        let drop = portal.inboxDrop(into: visitor.scope(portal).inbox, for: visitor)
        do {
            let data = file.data
            let mayRoster = RosterAuthority.speaksForCollectives(visitor.account)
            let stored = try await BlockingWork.run { try drop.store(name: fileName, data: data, allowsRoster: mayRoster) }
            await portal.audit(.upload, account: visitor.account, object: portal.workspacePath(drop.inbox.appendingPathComponent(stored.name)),
                               context: context)
            return .success(stored)
        } catch let refusal as UploadRefusal {
            return .failure(refusal)
        }
    }

    private func form(_ visitor: Visitor, error: String?, status: HTTPResponse.Status) -> Response {
        Responses.html(UploadPage(text: portal.text, visitor: visitor.header(portal.text), csrfToken: visitor.session?.csrf ?? "",
                                  error: error).html, status: status)
    }

    /// The status page of a stored file; `scope`'s `?dealer=` (a master's file in a dealer's
    /// inbox) goes along, so the page looks for the receipt in that dealer's folders.
    static func statusPath(name: String, checksum: String, scope: PortalScope? = nil) -> String {
        let dealer = (scope?.linkQuery).map { $0.replacingOccurrences(of: "?", with: "&") } ?? ""
        return "/upload/status?file=\(HTML.queryValue(name))&sha256=\(checksum)\(dealer)"
    }

    static func status(_ refusal: UploadRefusal) -> HTTPResponse.Status {
        switch refusal {
        case .staleForm: return .forbidden
        case .notOneFile, .badName: return .badRequest
        case .tooLarge: return .contentTooLarge
        case .tooManyWaiting: return .tooManyRequests
        case .alreadyWaiting: return .conflict
        case .unknownLayout: return .unprocessableContent
        case .layoutNotAllowed: return .forbidden
        case .rosterNeedsAdmin: return .forbidden
        }
    }

    static func code(_ refusal: UploadRefusal) -> String {
        switch refusal {
        case .staleForm: return "STALE_FORM"
        case .notOneFile: return "NOT_ONE_FILE"
        case .badName: return "BAD_FILE_NAME"
        case .tooLarge: return "TOO_LARGE"
        case .tooManyWaiting: return "TOO_MANY_WAITING"
        case .alreadyWaiting: return "ALREADY_WAITING"
        case .unknownLayout: return "UNKNOWN_LAYOUT"
        case .layoutNotAllowed: return "LAYOUT_NOT_ALLOWED"
        case .rosterNeedsAdmin: return "ROSTER_NEEDS_ADMIN"
        }
    }
}

/// The answer to a stored upload.
struct StoredAnswer: Encodable {
    var file: String
    var layout: String
    var checksum: String
    /// Where to ask for the receipt.
    var status: String
}
