import DealersCore
import Foundation
import HTTPTypes

/// Sends a processing's corrected rows back: the correction (``Correction``) written as a new
/// input into the same inbox the upload writes to, through the upload's own path (``InboxDrop``:
/// staged, identified, linked whole; the uploader note), under the name that points back to the
/// processing (``CorrectionName``), and the sender recorded in the audit log (`correction`).
struct CorrectionSender {
    let portal: Portal

    /// Why a correction was not stored.
    enum Failure: Error, Equatable {
        /// The rows or cells sent are not the rejected ones, or a value does not fit.
        case refused(CorrectionRefusal)
        /// The inbox refused it as it refuses an upload (already waiting, too many waiting …).
        case upload(UploadRefusal, name: String)
        /// The body is not a correction (`{"rows": [...]}`).
        case badJSON
        /// The body is over the upload limit.
        case tooLarge(limit: Int)
        /// A session's form or request without its CSRF token.
        case staleForm
    }

    /// Writes the correction of `processing` with `rows`, for `visitor`.
    func send(_ processing: Processing, rows: [CorrectedRow], visitor: Visitor, context: PortalContext) async throws -> Result<InboxDrop.Stored, Failure> {
        let portal = self.portal
        let name = CorrectionName.input(correcting: processing.archived, date: processing.date)
        let made: Result<Data, CorrectionRefusal>
        do {
            made = .success(try await BlockingWork.run {
                guard let data = try processing.withCorrection(portal, { try $0.make(rows) }) else {
                    // Nothing to correct (no rejected rows, or a format without a grid): no line sent is a rejected one.
                    throw rows.first.map { CorrectionRefusal.notRejected(line: $0.line) } ?? CorrectionRefusal.noRows
                }
                return data
            })
        } catch let refusal as CorrectionRefusal {
            made = .failure(refusal)
        }
        let data: Data
        switch made {
        case .success(let bytes): data = bytes
        case .failure(let refusal): return .failure(.refused(refusal))
        }
        let drop = portal.inboxDrop(into: processing.scope.inbox, for: visitor)
        do {
            let mayRoster = RosterAuthority.speaksForCollectives(visitor.account)
            let stored = try await BlockingWork.run { try drop.store(name: name, data: data, allowsRoster: mayRoster) }
            await portal.audit(.correction, account: visitor.account, object: portal.workspacePath(drop.inbox.appendingPathComponent(stored.name)),
                               context: context)
            return .success(stored)
        } catch let refusal as UploadRefusal {
            return .failure(.upload(refusal, name: name))
        }
    }

    /// The HTTP status of a failure.
    static func status(_ failure: Failure) -> HTTPResponse.Status {
        switch failure {
        case .refused: return .unprocessableContent
        case .upload(let refusal, _): return UploadRoutes.status(refusal)
        case .badJSON: return .badRequest
        case .tooLarge: return .contentTooLarge
        case .staleForm: return .forbidden
        }
    }

    /// The stable code of a failure (the scripts' `error`).
    static func code(_ failure: Failure) -> String {
        switch failure {
        case .refused(let refusal):
            switch refusal {
            case .noRows: return "NO_ROWS"
            case .notRejected: return "NOT_REJECTED_LINE"
            case .repeatedLine: return "REPEATED_LINE"
            case .unknownColumn: return "UNKNOWN_COLUMN"
            case .cellTooLong: return "CELL_TOO_LONG"
            case .notEncodable: return "NOT_ENCODABLE"
            }
        case .upload(let refusal, _): return UploadRoutes.code(refusal)
        case .badJSON: return "BAD_JSON"
        case .tooLarge: return "TOO_LARGE"
        case .staleForm: return "STALE_FORM"
        }
    }
}
