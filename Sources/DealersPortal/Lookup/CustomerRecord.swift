import DealersCore

/// A customer as the look-up shows them (`GET /api/users/<document>` and the customer's page):
/// personal data, current contract and status, collective, holder or dependants, the contract
/// history and the payments (the `PAGO` and `DEVOLUCION` events of that history).
struct CustomerRecord: Encodable, Sendable {
    /// A contract.
    struct ContractView: Encodable, Sendable {
        var number: String
        var start: String
        var end: String
        var cancelledOn: String?
        var collective: String
        var status: String
    }

    /// One event of the history.
    struct EventView: Encodable, Sendable {
        var date: String
        var kind: String
        var contract: String?
        var collective: String
        var note: String?
        var sourceFile: String?
        var sourceLine: Int?
    }

    var document: String
    var documentType: String?
    var firstName: String
    var lastName: String
    var email: String?
    var phone: String?
    var collective: String
    var collectiveName: String?
    var dealer: String?
    var seller: String?
    var relationship: String
    var holder: String?
    var dependants: [String]
    /// The status of the latest contract as of today (`ACTIVE`, `SCHEDULED`, `EXPIRED`, `CANCELLED`), `nil` without one.
    var status: String?
    var currentContract: ContractView?
    var contracts: [ContractView]
    var history: [EventView]
    var payments: [EventView]
    var asOf: String
    var href: String

    init(user: User, collective: Collective?, asOf: CivilDate) {
        func view(_ contract: Contract) -> ContractView {
            ContractView(number: contract.number, start: contract.start.description, end: contract.end.description,
                         cancelledOn: contract.cancelledOn?.description, collective: contract.collective,
                         status: contract.status(asOf: asOf).rawValue)
        }
        func view(_ event: ContractEvent) -> EventView {
            EventView(date: event.date.description, kind: event.kind.rawValue, contract: event.contract, collective: event.collective,
                      note: event.note, sourceFile: event.sourceFile, sourceLine: event.sourceLine)
        }
        document = user.document
        documentType = user.documentType
        firstName = user.firstName
        lastName = user.lastName
        email = user.email
        phone = user.phone
        self.collective = user.collective
        collectiveName = collective?.name
        dealer = collective?.dealer
        seller = user.seller
        relationship = user.relationship.rawValue
        holder = user.holder
        dependants = user.dependants
        status = user.latestContract?.status(asOf: asOf).rawValue
        currentContract = user.latestContract.map(view)
        contracts = user.contracts.map(view)
        history = user.history.map(view)
        payments = user.history.filter { $0.kind == .pago || $0.kind == .devolucion }.map(view)
        self.asOf = asOf.description
        href = "/api/users/" + HTML.pathSegment(user.document)
    }

    /// The short form a search lists.
    var summary: CustomerSummary {
        CustomerSummary(document: document, firstName: firstName, lastName: lastName, email: email, phone: phone,
                        collective: collective, dealer: dealer, seller: seller, relationship: relationship, status: status,
                        contract: currentContract?.number, end: currentContract?.end, href: href)
    }
}

/// One customer in a search's answer (`GET /api/users?q=…`).
struct CustomerSummary: Encodable, Sendable {
    var document: String
    var firstName: String
    var lastName: String
    var email: String?
    var phone: String?
    var collective: String
    var dealer: String?
    var seller: String?
    var relationship: String
    var status: String?
    var contract: String?
    var end: String?
    var href: String
}
