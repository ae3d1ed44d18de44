import DealersCore
import Foundation
import Hummingbird

/// `GET /receipts/{first}/{file}` (the processing's page; `FolderRoutes` hands over the names
/// without `.json`, which stay downloads) and `POST /receipts/{date}/{name}/corrections` (the
/// grid's form: the changed cells go back as a correction, then the upload's status page follows
/// the new file).
struct ReceiptPageRoutes {
    let portal: Portal

    func register(on group: RouterGroup<PortalContext>) {
        group.post("/receipts/{first}/{file}/corrections") { request, context in
            let (visitor, processing) = try await ReceiptAPIRoutes.processing(portal, request, context, parameters: ("first", "file"))
            guard visitor.access.mayUpload else { throw HTTPError(.notFound) }
            let form: FormFields
            do { form = try await FormFields.read(request, limit: portal.configuration.uploads.maxFileBytes) } catch {
                return try await render(processing, visitor, request, failure: .tooLarge(limit: portal.configuration.uploads.maxFileBytes))
            }
            guard visitor.acceptsForm(csrf: form["csrf"]) else { return try await render(processing, visitor, request, failure: .staleForm) }
            let columns = try await BlockingWork.run { try processing.rejected(portal, offset: 0, limit: 1).columns }
            switch try await CorrectionSender(portal: portal).send(processing, rows: Self.changedRows(form, columns: columns), visitor: visitor, context: context) {
            case .success(let stored):
                return Responses.redirect(UploadRoutes.statusPath(name: stored.name, checksum: stored.checksum, scope: processing.scope))
            case .failure(let failure):
                return try await render(processing, visitor, request, failure: failure)
            }
        }
    }

    /// The page of the processing the route names; "not found" for every reason alike.
    func page(_ request: Request, _ context: PortalContext) async throws -> Response {
        let (visitor, processing) = try await ReceiptAPIRoutes.processing(portal, request, context, parameters: ("first", "file"))
        return try await render(processing, visitor, request, failure: nil)
    }

    private func render(_ processing: Processing, _ visitor: Visitor, _ request: Request, failure: CorrectionSender.Failure?) async throws -> Response {
        let (offset, limit) = ReceiptAPIRoutes.paging(request)
        let portal = self.portal
        let detail = try await BlockingWork.run {
            let errors = try processing.errors(dialect: portal.workspace.settings.csvDialect, offset: offset, limit: limit)
            let rejected = try processing.rejected(portal, offset: offset, limit: limit)
            return APIReceiptDetail(processing, query: processing.scope.linkQuery, errors: errors, rejected: rejected, offset: offset, limit: limit)
        }
        let page = ReceiptPage(text: portal.text, format: portal.format, visitor: visitor.header(portal.text), detail: detail,
                               query: processing.scope.linkQuery, message: failure.map(portal.text.correctionFailure))
        return Responses.html(page.html, status: failure.map(CorrectionSender.status) ?? .ok)
    }

    /// The rows whose cells the form changed (`c.<line>.<i>` different from `o.<line>.<i>`), each
    /// with only the changed cells, by column name; in line order.
    static func changedRows(_ form: FormFields, columns: [String]) -> [CorrectedRow] {
        var rows: [Int: [String: String]] = [:]
        for name in form.names where name.hasPrefix("c.") {
            let parts = name.split(separator: ".")
            guard parts.count == 3, let line = Int(parts[1]), let index = Int(parts[2]), let value = form[name] else { continue }
            let column = index >= 0 && index < columns.count ? columns[index] : "#\(index + 1)"
            guard value != form["o.\(line).\(index)"] else { continue }
            rows[line, default: [:]][column] = value
        }
        return rows.sorted { $0.key < $1.key }.map { CorrectedRow(line: $0.key, cells: $0.value) }
    }
}
