/// The message table: one sentence per error code and language. `{field}`, `{value}` and
/// `{detail}` are replaced by the row error's field, value and detail.
public enum Messages {
    package static let table: [ErrorCode: LocalizedText] = [
        .unknownLayout: .init(es: "ningún formato reconoce el fichero: {detail}", en: "no layout matches the file: {detail}"),
        .malformedFile: .init(es: "el fichero no se puede leer: {detail}", en: "the file cannot be read: {detail}"),
        .emptyFile: .init(es: "el fichero no tiene filas de datos", en: "the file has no data rows"),
        .encodingError: .init(es: "caracteres no válidos en la codificación {detail}", en: "characters not valid in the {detail} encoding"),
        .missingColumn: .init(es: "falta la columna obligatoria «{field}»", en: "the required column \"{field}\" is missing"),
        .unknownColumn: .init(es: "columna desconocida «{value}»; se ignora", en: "unknown column \"{value}\"; ignored"),
        .headerNotRecognised: .init(es: "no se reconoce la cabecera: {detail}", en: "the header is not recognised: {detail}"),
        .invalidCharacter: .init(es: "«{value}» contiene un carácter de control (NUL u otro); quítelo y vuelva a enviar la fila",
                                 en: "\"{value}\" holds a control character (NUL or another); remove it and send the row again"),
        .raggedRow: .init(es: "la fila tiene {detail}", en: "the row has {detail}"),
        .shortRecord: .init(es: "registro más corto de lo declarado: {detail}", en: "record shorter than declared: {detail}"),
        .unknownRecordType: .init(es: "tipo de registro desconocido «{value}»", en: "unknown record type \"{value}\""),
        .missingValue: .init(es: "«{field}» es obligatorio", en: "\"{field}\" is required"),
        .typeError: .init(es: "«{value}» no es {detail}", en: "\"{value}\" is not {detail}"),
        .invalidFormat: .init(es: "«{value}» no es válido: {detail}", en: "\"{value}\" is not valid: {detail}"),
        .notInEnum: .init(es: "«{value}» no es un valor permitido; se espera uno de: {detail}", en: "\"{value}\" is not allowed; expected one of: {detail}"),
        .patternMismatch: .init(es: "«{value}» no tiene la forma esperada ({detail})", en: "\"{value}\" does not have the expected shape ({detail})"),
        .outOfRange: .init(es: "«{value}» fuera de rango: {detail}", en: "\"{value}\" out of range: {detail}"),
        .duplicateInFile: .init(es: "«{value}» ya aparece en la línea {detail} del fichero", en: "\"{value}\" already appears on line {detail} of the file"),
        .unknownAction: .init(es: "acción desconocida «{value}»; se espera uno de: {detail}", en: "unknown action \"{value}\"; expected one of: {detail}"),
        .fileRejected: .init(es: "fila correcta, pero el fichero se rechaza entero por errores en otras filas", en: "row is valid, but the whole file is rejected for errors in other rows"),
        .unknownCollective: .init(es: "el colectivo «{value}» no existe", en: "collective \"{value}\" does not exist"),
        .collectiveExists: .init(es: "el colectivo «{value}» ya existe", en: "collective \"{value}\" already exists"),
        .collectiveInactive: .init(es: "el colectivo «{value}» está dado de baja", en: "collective \"{value}\" is deactivated"),
        .unknownUser: .init(es: "no hay ningún usuario con documento «{value}»", en: "no user has document \"{value}\""),
        .activeContractExists: .init(es: "el usuario ya tiene un contrato en vigor ({detail})", en: "the user already has a current contract ({detail})"),
        .noCurrentContract: .init(es: "el usuario no tiene un contrato en vigor", en: "the user has no current contract"),
        .contractCancelled: .init(es: "el contrato está cancelado ({detail})", en: "the contract is cancelled ({detail})"),
        .holderNotFound: .init(es: "el titular «{value}» no existe o no tiene contrato en vigor", en: "holder \"{value}\" does not exist or has no current contract"),
        .holderInOtherCollective: .init(es: "el titular «{value}» pertenece a otro colectivo ({detail})", en: "holder \"{value}\" belongs to another collective ({detail})"),
        .holderHasDependants: .init(es: "el titular tiene beneficiarios: {detail}", en: "the holder has dependants: {detail}"),
        .invalidDates: .init(es: "fechas incoherentes: {detail}", en: "inconsistent dates: {detail}"),
        .invalidPeriod: .init(es: "«{value}» no es un periodo válido; se espera 1 mes o 1 año", en: "\"{value}\" is not a valid period; expected 1 month or 1 year"),
        .dealerForbidden: .init(es: "«{value}» no es este distribuidor: desde su buzón solo se gestionan sus colectivos", en: "\"{value}\" is not this dealer: its inbox manages only its own collectives"),
        .identifierUnavailable: .init(es: "«{value}» no puede registrarse desde este buzón; consulte con el operador", en: "\"{value}\" cannot be registered from this inbox; ask the operator"),
        .unknownDealer: .init(es: "el distribuidor «{value}» no está declarado en dealers.json", en: "dealer \"{value}\" is not declared in dealers.json"),
        .duplicatePayment: .init(es: "el pago «{value}» ya se registró ({detail})", en: "payment \"{value}\" was already recorded ({detail})"),
        .unknownReference: .init(es: "«{value}» no es ningún contrato ni usuario conocido{detail}", en: "\"{value}\" is no known contract or user{detail}"),
        .amountMismatch: .init(es: "el importe «{value}» no corresponde a ningún precio del plan: {detail}", en: "amount \"{value}\" matches no price of the plan: {detail}"),
        .currencyMismatch: .init(es: "la moneda «{value}» no es la del plan ({detail})", en: "currency \"{value}\" is not the plan's ({detail})"),
        .unknownPaymentMethod: .init(es: "método de pago desconocido «{value}»; se espera uno de: {detail}", en: "unknown payment method \"{value}\"; expected one of: {detail}"),
        .unknownPayment: .init(es: "no hay ningún pago «{value}» que devolver{detail}", en: "there is no payment \"{value}\" to reverse{detail}"),
        .alreadyReversed: .init(es: "el pago «{value}» ya se devolvió ({detail})", en: "payment \"{value}\" was already reversed ({detail})"),
        .reversalNeedsMaster: .init(es: "la devolución «{value}» no se aplica: solo un usuario maestro puede aprobarla (queda en el informe pending-reversals del operador)",
                                    en: "reversal \"{value}\" is not applied: only a master account may approve it (it waits in the operator's pending-reversals report)"),
        .statementTotalsMismatch: .init(es: "los totales del extracto no cuadran: {detail}", en: "the statement totals do not match: {detail}"),
        .statementIncomplete: .init(es: "extracto incompleto: {detail}", en: "incomplete statement: {detail}"),
        .debitMovement: .init(es: "movimiento de cargo de {value}: se informa, no se aplica", en: "debit movement of {value}: reported, not applied"),
        .ibanNotSEPA: .init(es: "el IBAN «{value}» es de un país fuera de la zona SEPA ({detail}): no se puede domiciliar", en: "IBAN \"{value}\" is of a country outside SEPA ({detail}): it cannot be direct-debited"),
        .bicCountryMismatch: .init(es: "el BIC «{value}» no es del país del IBAN ({detail})", en: "BIC \"{value}\" is not of the IBAN's country ({detail})"),
        .unknownCollection: .init(es: "la devolución nombra un adeudo desconocido «{value}»{detail}", en: "the return names an unknown collection \"{value}\"{detail}"),
        .alreadyReturned: .init(es: "el adeudo «{value}» ya se devolvió ({detail})", en: "collection \"{value}\" was already returned ({detail})"),
        .mandateDateInFuture: .init(es: "la fecha de firma del mandato «{value}» es posterior a la fecha de proceso ({detail})", en: "the mandate signature date \"{value}\" is after the processing date ({detail})"),
        .rosterCancelsTooMany: .init(es: "el censo daría de baja a demasiadas personas del colectivo «{value}» ({detail}); no se aplica nada hasta que se confirme",
                                     en: "the roster would cancel too many people of collective \"{value}\" ({detail}); nothing is applied until it is confirmed"),
        .rosterNeedsAdmin: .init(es: "un censo habla por colectivos enteros: solo una cuenta de administración puede enviarlo",
                                 en: "a roster speaks for whole collectives: only an admin account may send it"),
    ]

    private enum Part { case field, value, detail }
    private static let placeholders: [(name: String, part: Part)] = [("{field}", .field), ("{value}", .value), ("{detail}", .detail)]

    /// The message for a code in a language, with placeholders filled in (one pass over the
    /// template: a placeholder's text is never scanned again).
    public static func message(_ code: ErrorCode, field: String, value: String, detail: String, language: Language) -> String {
        let template = table[code]?.in(language) ?? code.rawValue
        let shownValue = value.utf8.count > 80 && value.count > 80 ? String(value.prefix(77)) + "…" : value
        var result = ""
        result.reserveCapacity(template.utf8.count + field.utf8.count + shownValue.utf8.count + detail.utf8.count)
        // Scanned as UTF-8 bytes: `{` is ASCII, so every index found is a character boundary.
        let bytes = template.utf8
        var copied = bytes.startIndex
        var i = copied
        while i < bytes.endIndex {
            guard bytes[i] == UInt8(ascii: "{") else {
                i = bytes.index(after: i)
                continue
            }
            let placeholder = placeholders.first { bytes[i...].starts(with: $0.name.utf8) }
            guard let placeholder else {
                i = bytes.index(after: i)
                continue
            }
            result += template[copied..<i]
            switch placeholder.part {
            case .field: result += field
            case .value: result += shownValue
            case .detail: result += detail
            }
            i = bytes.index(i, offsetBy: placeholder.name.utf8.count)
            copied = i
        }
        result += template[copied...]
        // Nothing binary is quoted: a control character from a file is shown by its name.
        return ControlCharacters.visible(result)
    }
}
