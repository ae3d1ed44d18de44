import DealersCore

/// Every text the portal shows, in the workspace's language (`language` in dealers.json).
struct PortalText: Sendable {
    let language: Language

    /// The Spanish or the English text, by the workspace's language.
    func pick(_ es: String, _ en: String) -> String { language == .en ? en : es }

    var portal: String { pick("Portal de distribuidores", "Dealer portal") }
    var reports: String { pick("Informes", "Reports") }
    var receipts: String { pick("Recibos", "Receipts") }
    var upload: String { pick("Enviar fichero", "Upload") }
    var signOut: String { pick("Salir", "Sign out") }
    var signIn: String { pick("Entrar", "Sign in") }
    var accountName: String { pick("Usuario", "Name") }
    var password: String { pick("Contraseña", "Password") }
    var wrongCredentials: String { pick("Usuario o contraseña incorrectos.", "Wrong name or password.") }
    func tooManyAttempts(minutes: Int) -> String {
        pick("Demasiados intentos fallidos. Vuelva a intentarlo dentro de \(minutes) min.",
             "Too many failed attempts. Try again in \(minutes) min.")
    }
    var staleForm: String {
        pick("El formulario ha caducado. Vuelva a cargar la página e inténtelo de nuevo.",
             "This form has expired. Reload the page and try again.")
    }
    var busy: String {
        pick("Hay muchas comprobaciones de contraseña en curso. Vuelva a intentarlo en unos segundos.",
             "Too many password checks are under way. Try again in a few seconds.")
    }
    var notFound: String { pick("No encontrado", "Not found") }
    var notFoundText: String { pick("Esta página o este fichero no existe.", "This page or file does not exist.") }
    func signedInAs(_ name: String, _ scope: String) -> String { "\(name) · \(scope)" }
    var operatorScope: String { pick("operador", "operator") }
    /// The role's name as the header shows it.
    func role(_ role: Role) -> String {
        switch role {
        case .master: return pick("maestro", "master")
        case .admin: return pick("administrador", "admin")
        case .technician: return pick("técnico", "technician")
        case .seller: return pick("vendedor", "seller")
        }
    }
    /// Whose account it is, for the header: `operador · maestro`, `ACME · técnico`, `ACME · vendedor V01`.
    func scope(of account: PortalAccount) -> String {
        let whose = account.scopeDealer ?? operatorScope
        let seller = account.role == .seller ? account.seller.map { " " + $0 } ?? "" : ""
        return "\(whose) · \(role(account.role))\(seller)"
    }
    var lookAt: String { pick("Ver", "Show") }
    var navigation: String { pick("Navegación", "Navigation") }

    var accounts: String { pick("Cuentas", "Accounts") }
    var audit: String { pick("Auditoría", "Audit") }
    var roleTitle: String { pick("Rol", "Role") }
    var dealerTitle: String { pick("Distribuidor", "Dealer") }
    var sellerTitle: String { pick("Vendedor", "Seller") }
    var email: String { pick("Correo electrónico", "E-mail") }
    var state: String { pick("Estado", "State") }
    var active: String { pick("activa", "active") }
    var disabledState: String { pick("desactivada", "disabled") }
    var disable: String { pick("Desactivar", "Disable") }
    var enable: String { pick("Activar", "Enable") }
    var remove: String { pick("Eliminar", "Remove") }
    var addAccount: String { pick("Añadir una cuenta", "Add an account") }
    var changeAccount: String { pick("Cambiar una cuenta (vacío: sin cambio)", "Change an account (empty: unchanged)") }
    var save: String { pick("Guardar", "Save") }
    var noChange: String { pick("(sin cambio)", "(unchanged)") }
    var time: String { pick("Hora", "Time") }
    var action: String { pick("Acción", "Action") }
    var object: String { pick("Objeto", "Object") }
    var source: String { pick("Origen", "Source") }
    var filter: String { pick("Filtrar", "Filter") }
    var noEvents: String { pick("No hay eventos.", "No events.") }
    var ownAccount: String {
        pick("Una cuenta maestra no puede desactivarse ni eliminarse a sí misma.", "A master account cannot disable or remove itself.")
    }

    var reversals: String { pick("Devoluciones pendientes", "Pending reversals") }
    var noReversals: String { pick("No hay devoluciones pendientes de aprobación.", "No reversals wait for approval.") }
    var reversalsHelp: String {
        pick("Devoluciones enviadas por distribuidores (REVERSAL_NEEDS_MASTER). Al aprobar una, se deja en la bandeja del operador un fichero de pagos con esa fila, que se procesa como cualquier otro.",
             "Reversals sent by dealers (REVERSAL_NEEDS_MASTER). Approving one drops a payments file with that row into the operator's inbox, processed like any other.")
    }
    var line: String { pick("Línea", "Line") }
    var uploadedBy: String { pick("Enviado por", "Uploaded by") }
    var reversalID: String { pick("Id devolución", "Reversal id") }
    var originalPayment: String { pick("Pago original", "Original payment") }
    var amount: String { pick("Importe", "Amount") }
    var approve: String { pick("Aprobar", "Approve") }
    func approved(_ id: String, _ file: String) -> String {
        pick("Devolución «\(id)» aprobada: «\(file)» está en la bandeja del operador.", "Reversal “\(id)” approved: “\(file)” is in the operator's inbox.")
    }

    var file: String { pick("Fichero", "File") }
    var size: String { pick("Tamaño", "Size") }
    var report: String { pick("Informe", "Report") }
    var download: String { pick("Descargar", "Download") }
    var date: String { pick("Fecha", "Date") }
    /// A report's title beside its file name (``ReportKind/title(_:)``), `nil` for a file that is no known report.
    func reportTitle(_ name: String) -> String? { ReportKind(rawValue: name)?.title(language) }
    var noReports: String { pick("Todavía no hay informes.", "No reports yet.") }

    var input: String { pick("Entrada", "Input") }
    var status: String { pick("Estado", "Status") }
    var rowsRead: String { pick("Leídas", "Read") }
    var rowsApplied: String { pick("Aplicadas", "Applied") }
    var rowsRejected: String { pick("Rechazadas", "Rejected") }
    var errors: String { pick("Errores", "Errors") }
    var files: String { pick("Ficheros", "Files") }
    var receiptJSON: String { pick("recibo (JSON)", "receipt (JSON)") }
    var noReceipts: String { pick("Todavía no hay recibos.", "No receipts yet.") }
    var confirmHeld: String { pick("Confirmar y aplicar", "Confirm and apply") }
    var confirmHeldHelp: String {
        pick("Revise la vista previa (.changes): al confirmar, el fichero vuelve a su bandeja y se aplica tal como se calcule entonces.",
             "Check the preview (.changes): once confirmed, the file goes back to your inbox and is applied as computed then.")
    }
    var notHeld: String {
        pick("Ese recibo no es el de un fichero retenido, o su fichero ya no está en el archivo.",
             "That receipt is not a held file's, or its file is no longer in the archive.")
    }

    /// What the upload form takes, for the visitor's role (``Access/layoutKinds``).
    func uploadHelp(_ access: Access?) -> String {
        let kinds: (es: String, en: String)
        switch access?.role {
        case .technician: kinds = ("usuarios o colectivos", "users or collectives")
        case .seller: kinds = ("usuarios de sus clientes", "users of your clients")
        default: kinds = ("usuarios, pagos o colectivos", "users, payments or collectives")
        }
        return pick("Elija un fichero de \(kinds.es). Se guarda en su bandeja de entrada y se procesa en cuanto llega.",
                    "Choose a file of \(kinds.en). It is stored in your inbox and processed as soon as it arrives.")
    }
    var send: String { pick("Enviar", "Send") }
    func stored(_ name: String, _ layout: String) -> String {
        pick("«\(name)» recibido (formato \(layout)).", "“\(name)” received (layout \(layout)).")
    }
    var waiting: String { pick("Esperando a que se procese… esta página se actualiza sola.", "Waiting for it to be processed… this page refreshes itself.") }
    var processed: String { pick("Procesado:", "Processed:") }
    var uploadAnother: String { pick("Enviar otro fichero", "Upload another file") }

    func refusal(_ refusal: UploadRefusal) -> String {
        switch refusal {
        case .staleForm: return staleForm
        case .notOneFile: return pick("Envíe exactamente un fichero.", "Send exactly one file.")
        case .badName: return pick("El nombre del fichero no es válido (vacío, oculto o temporal).", "The file name is not valid (empty, hidden or temporary).")
        case .tooLarge(let limit): return pick("El fichero supera el máximo de \(limit / 1_048_576) MB.", "The file exceeds the \(limit / 1_048_576) MB limit.")
        case .tooManyWaiting(let limit):
            return pick("Ya hay \(limit) ficheros esperando en su bandeja; espere a que se procesen.",
                        "\(limit) files are already waiting in your inbox; wait until they are processed.")
        case .alreadyWaiting: return pick("Ya hay un fichero con ese nombre esperando a procesarse.", "A file with that name is already waiting to be processed.")
        case .layoutNotAllowed(let layout):
            return pick("Su cuenta no puede enviar ficheros de este tipo (formato \(layout)).",
                        "Your account may not send files of this kind (layout \(layout)).")
        case .rosterNeedsAdmin:
            return Messages.message(.rosterNeedsAdmin, field: "", value: "", detail: "", language: language) + " (ROSTER_NEEDS_ADMIN)"
        case .unknownLayout(let reason):
            return pick("Ningún formato puede leer este fichero (UNKNOWN_LAYOUT): \(reason).", "No layout can read this file (UNKNOWN_LAYOUT): \(reason).")
        }
    }

    /// Why a correction was not stored, naming the line, column or file.
    func correctionFailure(_ failure: CorrectionSender.Failure) -> String {
        switch failure {
        case .refused(let refusal):
            switch refusal {
            case .noRows: return pick("No ha cambiado ninguna fila: no hay nada que enviar.", "No row was changed: there is nothing to send.")
            case .notRejected(let line):
                return pick("La línea \(line) no es una fila rechazada de este fichero.", "Line \(line) is not a rejected row of this file.")
            case .repeatedLine(let line):
                return pick("La línea \(line) se ha enviado dos veces.", "Line \(line) was sent twice.")
            case .unknownColumn(let line, let column):
                return pick("Línea \(line): el fichero no tiene la columna «\(column)».", "Line \(line): the file has no column “\(column)”.")
            case .cellTooLong(let line, let column, let limit):
                return pick("Línea \(line), columna «\(column)»: el valor supera los \(limit) caracteres.",
                            "Line \(line), column “\(column)”: the value is over \(limit) characters.")
            case .notEncodable(let line, let column, let encoding):
                return pick("Línea \(line), columna «\(column)»: el valor tiene caracteres que la codificación del fichero (\(encoding)) no admite.",
                            "Line \(line), column “\(column)”: the value has characters the file's encoding (\(encoding)) cannot hold.")
            }
        case .upload(.alreadyWaiting, let name):
            return pick("La corrección \(name) ya está esperando en la bandeja; espere a que se procese.",
                        "The correction \(name) is already waiting in the inbox; wait until it is processed.")
        case .upload(let refusal, _): return self.refusal(refusal)
        case .badJSON:
            return pick("El cuerpo no es JSON válido de la forma {\"rows\": [{\"line\": N, \"cells\": {…}}]}.",
                        "The body is not valid JSON of the form {\"rows\": [{\"line\": N, \"cells\": {…}}]}.")
        case .tooLarge(let limit): return self.refusal(.tooLarge(limit: limit))
        case .staleForm: return staleForm
        }
    }

    var column: String { pick("Columna", "Column") }
    var field: String { pick("Campo", "Field") }
    var value: String { pick("Valor", "Value") }
    var code: String { pick("Código", "Code") }
    var message: String { pick("Mensaje", "Message") }
    var actions: String { pick("Acciones", "Actions") }
    var duration: String { pick("Duración", "Duration") }
    func seconds(_ value: Double) -> String {
        let thousandths = Int((value * 1000).rounded())
        return "\(thousandths / 1000)\(language == .en ? "." : ",")\(String(thousandths % 1000 + 1000).dropFirst()) s"
    }
    var startedAt: String { pick("Recibido", "Picked up") }
    var rejectedRowsTitle: String { pick("Filas rechazadas", "Rejected rows") }
    var correctHelp: String {
        pick("Corrija las celdas y envíe: las filas cambiadas vuelven a su bandeja como un fichero nuevo, con el mismo formato, y se procesan como cualquier otro.",
             "Correct the cells and send: the rows changed go back to your inbox as a new file in the same format, processed like any other.")
    }
    var sendCorrections: String { pick("Enviar correcciones", "Send corrections") }
    var correctsTitle: String { pick("Corrige", "Corrects") }
    func shown(_ from: String, _ to: String, of total: String) -> String {
        pick("\(from)–\(to) de \(total)", "\(from)–\(to) of \(total)")
    }
    var next: String { pick("Siguientes", "Next") }
    var previous: String { pick("Anteriores", "Previous") }
    var noErrors: String { pick("Sin errores.", "No errors.") }
}
