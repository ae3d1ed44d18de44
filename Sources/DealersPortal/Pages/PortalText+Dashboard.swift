import DealersCore

extension PortalText {
    var dashboard: String { pick("Resumen", "Dashboard") }
    var collectives: String { pick("Colectivos", "Collectives") }
    var collectiveTitle: String { pick("Colectivo", "Collective") }
    var activeUsers: String { pick("Activos", "Active") }
    var scheduledUsers: String { pick("Programados", "Scheduled") }
    var expiredUsers: String { pick("Vencidos", "Expired") }
    var cancelledUsers: String { pick("Cancelados", "Cancelled") }
    var expiring30: String { pick("Vencen en 30 días", "Expiring within 30 days") }
    var usersByStatus: String { pick("Usuarios por estado y colectivo", "Users by status and collective") }
    /// "Cobros de diciembre de 2026".
    func paymentsOfMonth(_ month: String) -> String { pick("Cobros de \(month)", "Payments in \(month)") }
    var paymentsApplied: String { pick("Aplicados", "Applied") }
    var paymentsUnmatched: String { pick("Sin conciliar", "Unmatched") }
    var paymentsReversed: String { pick("Devueltos", "Reversed") }
    var lastFiles: String { pick("Últimos ficheros", "Last files") }
    var noFigures: String {
        pick("Todavía no hay informes: las cifras aparecen cuando se escriben (dealers run, nightly).",
             "No reports yet: the figures appear once they are written (dealers run, nightly).")
    }
    /// "Cifras de los informes escritos el 06/12/2026 21:53."
    func figuresAsOf(_ time: String) -> String { pick("Cifras de los informes escritos el \(time).", "Figures of the reports written \(time).") }

    /// A receipt's status as people read it: `APLICADO`, `PARCIAL`… (es), `applied`, `partial`… (en);
    /// an unknown code as it came.
    func receiptStatus(_ code: String?) -> String {
        guard let code else { return "?" }
        switch Receipt.Status(rawValue: code) {
        case .applied: return pick("APLICADO", "applied")
        case .partial: return pick("PARCIAL", "partial")
        case .rejected: return pick("RECHAZADO", "rejected")
        case .duplicate: return pick("DUPLICADO", "duplicate")
        case .validated: return pick("VALIDADO", "validated")
        case .held: return pick("RETENIDO", "held")
        case nil: return code
        }
    }
}
