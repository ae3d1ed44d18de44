import Foundation
import DealersDomain
import DealersModel
import DealersOutbox

/// The contract's conditions, rendered from the workspace's `templates/condiciones.txt`
/// (docs/sepa.md, "Documents to sign"): UTF-8 text where a line starting with `# ` is a heading,
/// blank lines separate paragraphs, and `{{name}}` placeholders are filled from the customer,
/// collective, plan and contract; a placeholder the table lacks stays as written. The document
/// ends with the place/date and signature boxes.
struct ConditionsTemplate {
    /// The template's text.
    var text: String

    /// The placeholders and their values for a user's contract.
    static func values(user: User, contract: Contract, collective: Collective, asOf: CivilDate) -> [String: String] {
        let plan = collective.plan
        return [
            "nombre": [user.firstName, user.lastName].filter { !$0.isEmpty }.joined(separator: " "),
            "documento": user.document,
            "direccion": user.mandate?.address ?? "",
            "colectivo": collective.code,
            "colectivo.nombre": collective.name,
            "distribuidor": collective.dealer ?? "",
            "contrato": contract.number,
            "inicio": contract.start.description,
            "fin": contract.end.description,
            "precio.mensual": plan.monthlyPrice.map { Money.format($0, plan.currency, decimalSeparator: ",") } ?? "—",
            "precio.anual": plan.annualPrice.map { Money.format($0, plan.currency, decimalSeparator: ",") } ?? "—",
            "moneda": plan.currency,
            "fecha": asOf.description,
        ]
    }

    /// The blocks of the document with `values` filled in.
    func blocks(_ values: [String: String]) -> [PDFBlock] {
        var filled = text
        for (name, value) in values { filled = filled.replacingOccurrences(of: "{{\(name)}}", with: value) }
        var blocks: [PDFBlock] = []
        var paragraph: [String] = []
        func flush() {
            if !paragraph.isEmpty { blocks.append(.paragraph(paragraph.joined(separator: " "))) }
            paragraph = []
        }
        for line in filled.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("# ") {
                flush()
                blocks.append(.heading(String(trimmed.dropFirst(2))))
            } else if trimmed.isEmpty {
                flush()
            } else {
                paragraph.append(trimmed)
            }
        }
        flush()
        return blocks + [.field("Fecha — Localidad", ""), .signature("Firma del cliente")]
    }
}
