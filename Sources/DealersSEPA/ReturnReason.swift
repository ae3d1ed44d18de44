import DealersModel

/// The reason codes banks give for a returned, refused or rejected SEPA direct debit (ISO 20022
/// external return reason codes as the EPC SDD Core rulebook uses them), each with the text a
/// person reads in Spanish and English. A code not in the table is kept as the bank wrote it.
public enum ReturnReason {
    /// The table of known codes.
    public static let texts: [String: LocalizedText] = [
        "AC01": LocalizedText(es: "número de cuenta incorrecto", en: "incorrect account number"),
        "AC04": LocalizedText(es: "cuenta cancelada", en: "closed account"),
        "AC06": LocalizedText(es: "cuenta bloqueada", en: "blocked account"),
        "AC13": LocalizedText(es: "la cuenta del deudor es de un consumidor (B2B)", en: "debtor account is a consumer account (B2B)"),
        "AG01": LocalizedText(es: "operación no permitida en esta cuenta", en: "transaction forbidden on this account"),
        "AG02": LocalizedText(es: "código de operación no válido", en: "invalid operation code"),
        "AM04": LocalizedText(es: "fondos insuficientes", en: "insufficient funds"),
        "AM05": LocalizedText(es: "adeudo duplicado", en: "duplicate collection"),
        "BE05": LocalizedText(es: "identificador del acreedor incorrecto", en: "unrecognised initiating party"),
        "FF01": LocalizedText(es: "formato de fichero no válido", en: "invalid file format"),
        "MD01": LocalizedText(es: "sin mandato", en: "no mandate"),
        "MD02": LocalizedText(es: "faltan datos del mandato o son incorrectos", en: "missing or incorrect mandate data"),
        "MD06": LocalizedText(es: "devolución solicitada por el deudor (adeudo autorizado)", en: "refund requested by the debtor (authorised debit)"),
        "MD07": LocalizedText(es: "deudor fallecido", en: "debtor deceased"),
        "MS02": LocalizedText(es: "motivo no especificado, del deudor", en: "reason not specified, by the debtor"),
        "MS03": LocalizedText(es: "motivo no especificado, de la entidad", en: "reason not specified, by the bank"),
        "RC01": LocalizedText(es: "BIC incorrecto", en: "incorrect BIC"),
        "RR01": LocalizedText(es: "falta la cuenta o la identificación del deudor (normativa)", en: "missing debtor account or identification (regulatory)"),
        "RR02": LocalizedText(es: "falta el nombre o la dirección del deudor (normativa)", en: "missing debtor name or address (regulatory)"),
        "RR03": LocalizedText(es: "falta el nombre o la dirección del acreedor (normativa)", en: "missing creditor name or address (regulatory)"),
        "RR04": LocalizedText(es: "motivo normativo", en: "regulatory reason"),
        "SL01": LocalizedText(es: "servicio específico de la entidad del deudor (filtro de adeudos)", en: "specific service offered by the debtor agent (debit filter)"),
    ]

    /// The text of a code, or the code itself when the table lacks it.
    public static func text(_ code: String) -> LocalizedText { texts[code] ?? LocalizedText(code) }
}
