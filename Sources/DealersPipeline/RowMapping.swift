import Foundation
import DealersDomain
import DealersFormats
import DealersModel
import DealersValidation
import DealersWorkspace

/// Turns validated rows into the commands the domain rules take, by the field names the default
/// layouts use (see `docs/layouts.md`): a custom layout names its fields the same way.
package enum RowMapping {
    package static func userCommand(_ row: ValidatedRow, action: Action, fields: MappedFields) -> Result<UserCommand, RowError> {
        guard let documentText = fields.value(.document, in: row).string else {
            return .failure(RowError(line: row.line, field: "document", code: .missingValue))
        }
        var cmd = UserCommand(action: action, document: normalizeDocument(documentText))
        cmd.documentType = fields.value(.documentType, in: row).string?.uppercased()
        cmd.firstName = fields.value(.firstName, in: row).string
        cmd.lastName = fields.value(.lastName, in: row).string
        cmd.email = fields.value(.email, in: row).string
        cmd.phone = fields.value(.phone, in: row).string
        cmd.birthDate = fields.value(.birthDate, in: row).date
        cmd.holder = fields.value(.holder, in: row).string.map(normalizeDocument)
        cmd.collective = fields.value(.collective, in: row).string?.uppercased()
        if let seller = fields.value(.seller, in: row).string {
            // The reader refuses NUL and most C0 characters; a quoted tab or line break gets here.
            guard !seller.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                return .failure(RowError(line: row.line, field: "seller", value: seller, code: .invalidCharacter))
            }
            cmd.seller = seller
        }
        cmd.startDate = fields.value(.startDate, in: row).date
        cmd.endDate = fields.value(.endDate, in: row).date
        cmd.date = fields.value(.date, in: row).date
        if let text = fields.value(.relationship, in: row).string {
            guard let r = Relationship(parsing: text) else {
                return .failure(RowError(line: row.line, field: "relationship", value: text, code: .notInEnum,
                                         detail: LocalizedText(Relationship.allCases.map(\.rawValue).joined(separator: ", "))))
            }
            cmd.relationship = r
        }
        if let text = fields.value(.period, in: row).string {
            guard let p = ContractLength(parsing: text), p.isMonthOrYear else {
                return .failure(RowError(line: row.line, field: "period", value: text, code: .invalidPeriod))
            }
            cmd.period = p
        }
        if let failure = mandate(row, fields: fields, into: &cmd) { return .failure(failure) }
        return .success(cmd)
    }

    /// The mandate cells of a users row (IBAN and BIC already checked by their formats): an IBAN
    /// of a SEPA country, a BIC of the IBAN's country, a reference of the SEPA identifier set.
    private static func mandate(_ row: ValidatedRow, fields: MappedFields, into cmd: inout UserCommand) -> RowError? {
        cmd.iban = fields.value(.iban, in: row).string
        cmd.bic = fields.value(.bic, in: row).string
        cmd.mandateReference = fields.value(.mandateReference, in: row).string
        cmd.mandateSignedOn = fields.value(.mandateSignedOn, in: row).date
        cmd.accountHolder = fields.value(.accountHolder, in: row).string
        cmd.address = fields.value(.address, in: row).string
        if let iban = cmd.iban, !SEPA.isSEPACountry(SEPA.country(ofIBAN: iban)) {
            return RowError(line: row.line, field: "iban", value: iban, code: .ibanNotSEPA,
                            detail: LocalizedText(SEPA.country(ofIBAN: iban)))
        }
        if let iban = cmd.iban, let bic = cmd.bic, !SEPA.bicMatches(iban: iban, bic: bic) {
            return RowError(line: row.line, field: "bic", value: bic, code: .bicCountryMismatch,
                            detail: LocalizedText("IBAN \(SEPA.country(ofIBAN: iban)), BIC \(SEPA.country(ofBIC: bic))"))
        }
        if let reference = cmd.mandateReference, !SEPA.isIdentifier(reference) {
            return RowError(line: row.line, field: "mandateReference", value: reference, code: .invalidFormat,
                            detail: LocalizedText(es: "hasta 35 caracteres: letras, dígitos y / - ? : ( ) . , ' +",
                                                  en: "up to 35 characters: letters, digits and / - ? : ( ) . , ' +"))
        }
        return nil
    }

    package static func collectiveCommand(_ row: ValidatedRow, action: Action, methods: [PaymentMethod], fields: MappedFields) -> Result<CollectiveCommand, RowError> {
        guard let code = fields.value(.code, in: row).string else {
            return .failure(RowError(line: row.line, field: "code", code: .missingValue))
        }
        var cmd = CollectiveCommand(action: action, code: code.uppercased())
        cmd.name = fields.value(.name, in: row).string
        cmd.country = fields.value(.country, in: row).string?.uppercased()
        cmd.dealer = fields.value(.dealer, in: row).string
        cmd.monthlyPrice = fields.value(.monthlyPrice, in: row).decimal
        cmd.annualPrice = fields.value(.annualPrice, in: row).decimal
        cmd.currency = fields.value(.currency, in: row).string?.uppercased()
        cmd.active = fields.value(.active, in: row).boolean
        if let text = fields.value(.paymentMethod, in: row).string {
            guard let method = PaymentMethod.find(text, in: methods) else {
                return .failure(RowError(line: row.line, field: "paymentMethod", value: text, code: .unknownPaymentMethod,
                                         detail: LocalizedText(methods.map(\.name).joined(separator: ", "))))
            }
            cmd.paymentMethod = method.code
        }
        if let text = fields.value(.defaultLength, in: row).string {
            guard let length = ContractLength(parsing: text) else {
                return .failure(RowError(line: row.line, field: "defaultLength", value: text, code: .invalidFormat,
                                         detail: ContractLength.expected))
            }
            cmd.defaultLength = length
        }
        return .success(cmd)
    }
}
