/// The customer look-up's texts.
extension PortalText {
    var customers: String { pick("Clientes", "Customers") }
    var search: String { pick("Buscar", "Search") }
    var searchHint: String {
        pick("Documento, nombre, apellidos, correo electrónico, teléfono o número de contrato (el principio basta; sin importar mayúsculas ni acentos).",
             "Document, name, surname, e-mail, phone or contract number (the start is enough; case and accents do not matter).")
    }
    var noCustomers: String { pick("Ningún cliente coincide.", "No customer matches.") }
    var lookupNotWritten: String {
        pick("La búsqueda aún no está disponible: su índice se escribe con los informes, la próxima vez que se generen (al procesar un fichero, en la ejecución nocturna o con «dealers report users»).",
             "Search is not available yet: its index is written with the reports, the next time they are made (when a file is processed, by the nightly run or with “dealers report users”).")
    }
    var documentTitle: String { pick("Documento", "Document") }
    var nameTitle: String { pick("Nombre", "Name") }
    var contractTitle: String { pick("Contrato", "Contract") }
    var startTitle: String { pick("Inicio", "Start") }
    var endTitle: String { pick("Fin", "End") }
    var relationshipTitle: String { pick("Relación", "Relationship") }
    var holderTitle: String { pick("Titular", "Holder") }
    var dependantsTitle: String { pick("Beneficiarios", "Dependants") }
    var phoneTitle: String { pick("Teléfono", "Phone") }
    var historyTitle: String { pick("Histórico de contratos", "Contract history") }
    var paymentsTitle: String { pick("Cobros", "Payments") }
    var dateTitle: String { pick("Fecha", "Date") }
    var eventTitle: String { pick("Acción", "Action") }
    var noteTitle: String { pick("Nota", "Note") }
    var sourceTitle: String { pick("Fichero", "File") }
    var noneYet: String { pick("Ninguno.", "None.") }
}
