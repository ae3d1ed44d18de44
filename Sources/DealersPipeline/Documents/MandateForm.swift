import DealersDomain
import DealersModel
import DealersOutbox
import DealersSEPA

/// The SEPA Core mandate form in Spanish, as the EPC model form (EPC392-08) lays it out: the
/// creditor's name, identifier and address, the mandate reference, the debtor's name, address,
/// IBAN and BIC, the type of payment (recurrent), the legal text, and the place, date and
/// signature boxes a person or a qualified signing service fills.
enum MandateForm {
    /// The EPC model form's authorisation text (Spanish version used by Spanish banks).
    static let legalText = """
    Mediante la firma de esta orden de domiciliación, el deudor autoriza (A) al acreedor a enviar \
    instrucciones a la entidad del deudor para adeudar su cuenta y (B) a la entidad para efectuar \
    los adeudos en su cuenta siguiendo las instrucciones del acreedor. Como parte de sus derechos, \
    el deudor está legitimado al reembolso por su entidad en los términos y condiciones del \
    contrato suscrito con la misma. La solicitud de reembolso deberá efectuarse dentro de las ocho \
    semanas que siguen a la fecha de adeudo en cuenta. Puede obtener información adicional sobre \
    sus derechos en su entidad financiera.
    """

    /// The blocks of the form for a user's mandate and the creditor that collects.
    static func blocks(mandate: Mandate, user: User, creditor: Creditor) -> [PDFBlock] {
        let debtor = mandate.accountHolder ?? [user.firstName, user.lastName].filter { !$0.isEmpty }.joined(separator: " ")
        return [
            .heading("Orden de domiciliación de adeudo directo SEPA"),
            .paragraph("SEPA Direct Debit Mandate — esquema básico (CORE)"),
            .field("Referencia de la orden de domiciliación", mandate.reference),
            .field("Identificador del acreedor", creditor.identifier),
            .field("Nombre del acreedor", creditor.name),
            .field("Dirección del acreedor", creditor.address ?? ""),
            .paragraph(legalText),
            .field("Nombre del deudor (titular de la cuenta de cargo)", debtor),
            .field("Dirección del deudor", mandate.address ?? ""),
            .field("Número de cuenta — IBAN", grouped(mandate.iban)),
            .field("Swift BIC", mandate.bic ?? ""),
            .field("Tipo de pago", "[X] Pago recurrente     [ ] Pago único"),
            .field("Fecha — Localidad", "\(mandate.signedOn) — "),
            .signature("Firma del deudor"),
            .paragraph("TODOS LOS CAMPOS HAN DE SER CUMPLIMENTADOS OBLIGATORIAMENTE. UNA VEZ FIRMADA ESTA ORDEN DE DOMICILIACIÓN DEBE SER ENVIADA AL ACREEDOR PARA SU CUSTODIA.", bold: true),
        ]
    }

    /// An IBAN in groups of four, as printed.
    static func grouped(_ iban: String) -> String {
        var out = ""
        for (i, c) in iban.enumerated() {
            if i > 0, i % 4 == 0 { out.append(" ") }
            out.append(c)
        }
        return out
    }
}
