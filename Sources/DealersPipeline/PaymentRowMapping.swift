import Foundation
import DealersDomain
import DealersFormats
import DealersModel
import DealersValidation
import DealersWorkspace

extension RowMapping {
    /// A payments-file row as a ``PaymentCommand``: contract or document (at least one), the
    /// method from the catalogue, the period when given, the original id of a reversal.
    package static func paymentCommand(_ row: ValidatedRow, action: Action, methods: [PaymentMethod], fields: MappedFields) -> Result<PaymentCommand, RowError> {
        guard let id = fields.value(.paymentId, in: row).string else {
            return .failure(RowError(line: row.line, field: "paymentId", code: .missingValue))
        }
        guard let date = fields.value(.date, in: row).date else { return .failure(RowError(line: row.line, field: "date", code: .missingValue)) }
        guard let amount = fields.value(.amount, in: row).decimal else { return .failure(RowError(line: row.line, field: "amount", code: .missingValue)) }
        guard let currency = fields.value(.currency, in: row).string?.uppercased() else {
            return .failure(RowError(line: row.line, field: "currency", code: .missingValue))
        }
        let contract = fields.value(.contract, in: row).string.map { $0.uppercased() }
        let document = fields.value(.document, in: row).string.map(normalizeDocument)
        let originalId = fields.value(.originalPaymentId, in: row).string
        if action == .pago, contract == nil, document == nil {
            return .failure(RowError(line: row.line, field: "contract", code: .missingValue))
        }
        if action == .devolucion, originalId == nil {
            return .failure(RowError(line: row.line, field: "originalPaymentId", code: .missingValue))
        }
        var method: String?
        if let text = fields.value(.method, in: row).string {
            guard let m = PaymentMethod.find(text, in: methods) else {
                return .failure(RowError(line: row.line, field: "method", value: text, code: .unknownPaymentMethod,
                                         detail: LocalizedText(methods.map(\.name).joined(separator: ", "))))
            }
            method = m.code
        }
        var period: ContractLength?
        if let text = fields.value(.period, in: row).string {
            guard let p = ContractLength(parsing: text), p.isMonthOrYear else {
                return .failure(RowError(line: row.line, field: "period", value: text, code: .invalidPeriod))
            }
            period = p
        }
        return .success(PaymentCommand(action: action, id: id, date: date, contract: contract, document: document,
                                       amount: amount, currency: currency, method: method, period: period,
                                       originalId: originalId))
    }
}
