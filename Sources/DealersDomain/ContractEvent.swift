import DealersModel

/// One change in the contract history (histórico de contratos): what happened, to whom, in
/// which collective, how the end date moved, and which file and line caused it.
public struct ContractEvent: Codable, Sendable, Equatable {
    /// The date the change takes effect.
    public var date: CivilDate
    /// The user's document.
    public var document: String
    /// The collective at the time.
    public var collective: String
    /// What happened.
    public var kind: EventKind
    /// The contract concerned, when there is one.
    public var contract: String?
    /// The contract's end date before the change.
    public var endBefore: CivilDate?
    /// The contract's end date after the change.
    public var endAfter: CivilDate?
    /// The input file (name) that caused it; `nightly` for the nightly run.
    public var sourceFile: String
    /// The line in that file, when it came from a row.
    public var sourceLine: Int?
    /// A short note (e.g. the holder whose baja cancelled a dependant).
    public var note: String?
    /// For PAGO and DEVOLUCION: the id of the ledger entry (see `docs/payments.md`).
    public var payment: String? = nil
    /// The as-of date of the run that recorded the event (absent in events recorded before this
    /// field existed). An event whose `date` is later than `recordedOn` was recorded in advance:
    /// a scheduled ALTA or a future-dated BAJA, which the nightly run marks when it falls due.
    public var recordedOn: CivilDate? = nil

    /// Creates a value from each stored property (the memberwise initialiser, for the package's other targets).
    public init(
        date: CivilDate,
        document: String,
        collective: String,
        kind: EventKind,
        contract: String? = nil,
        endBefore: CivilDate? = nil,
        endAfter: CivilDate? = nil,
        sourceFile: String,
        sourceLine: Int? = nil,
        note: String? = nil,
        payment: String? = nil,
        recordedOn: CivilDate? = nil
    ) {
        self.date = date
        self.document = document
        self.collective = collective
        self.kind = kind
        self.contract = contract
        self.endBefore = endBefore
        self.endAfter = endAfter
        self.sourceFile = sourceFile
        self.sourceLine = sourceLine
        self.note = note
        self.payment = payment
        self.recordedOn = recordedOn
    }
}

/// The kinds of contract-history events.
public enum EventKind: String, Codable, Sendable, CaseIterable {
    /// A new contract.
    case alta = "ALTA"
    /// A cancellation.
    case baja = "BAJA"
    /// An extension by a month or a year.
    case `extension` = "EXTENSION"
    /// A change of personal data.
    case modificacion = "MODIFICACION"
    /// A move to another collective.
    case cambioColectivo = "CAMBIO_COLECTIVO"
    /// A contract that reached its end date (nightly).
    case expiracion = "EXPIRACION"
    /// A payment that extended the contract.
    case pago = "PAGO"
    /// A reversal of a payment.
    case devolucion = "DEVOLUCION"
    /// A SCHEDULED contract reached its start date (nightly).
    case inicio = "INICIO"
    /// A BAJA recorded in advance reached its date (nightly); the BAJA event itself was recorded
    /// when the row was applied.
    case bajaEfectiva = "BAJA_EFECTIVA"
}
