import Foundation

/// Turns validated rows into the commands the domain rules take, by the field names the default
/// layouts use (see `docs/layouts.md`): a custom layout names its fields the same way.
enum RowMapping {
    static func userCommand(_ row: ValidatedRow, action: Action) -> Result<UserCommand, RowError> {
        guard let documentText = row["document"].string else {
            return .failure(RowError(line: row.line, field: "document", code: .missingValue))
        }
        var cmd = UserCommand(action: action, document: normalizeDocument(documentText))
        cmd.documentType = row["documentType"].string?.uppercased()
        cmd.firstName = row["firstName"].string
        cmd.lastName = row["lastName"].string
        cmd.email = row["email"].string
        cmd.phone = row["phone"].string
        cmd.birthDate = row["birthDate"].date
        cmd.holder = row["holder"].string.map(normalizeDocument)
        cmd.collective = row["collective"].string?.uppercased()
        cmd.startDate = row["startDate"].date
        cmd.endDate = row["endDate"].date
        cmd.date = row["date"].date
        if let text = row["relationship"].string {
            guard let r = Relationship(parsing: text) else {
                return .failure(RowError(line: row.line, field: "relationship", value: text, code: .notInEnum,
                                         detail: LocalizedText(Relationship.allCases.map(\.rawValue).joined(separator: ", "))))
            }
            cmd.relationship = r
        }
        if let text = row["period"].string {
            guard let p = ContractLength(parsing: text), p.isMonthOrYear else {
                return .failure(RowError(line: row.line, field: "period", value: text, code: .invalidPeriod))
            }
            cmd.period = p
        }
        return .success(cmd)
    }

    static func collectiveCommand(_ row: ValidatedRow, action: Action) -> Result<CollectiveCommand, RowError> {
        guard let code = row["code"].string else {
            return .failure(RowError(line: row.line, field: "code", code: .missingValue))
        }
        var cmd = CollectiveCommand(action: action, code: code.uppercased())
        cmd.name = row["name"].string
        cmd.country = row["country"].string?.uppercased()
        cmd.dealer = row["dealer"].string
        cmd.monthlyPrice = row["monthlyPrice"].decimal
        cmd.annualPrice = row["annualPrice"].decimal
        cmd.currency = row["currency"].string?.uppercased()
        cmd.active = row["active"].boolean
        if let text = row["defaultLength"].string {
            guard let length = ContractLength(parsing: text) else {
                return .failure(RowError(line: row.line, field: "defaultLength", value: text, code: .invalidFormat,
                                         detail: ContractLength.expected))
            }
            cmd.defaultLength = length
        }
        return .success(cmd)
    }
}
