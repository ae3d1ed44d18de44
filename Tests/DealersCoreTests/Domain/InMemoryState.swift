@testable import DealersCore

/// A `DomainState` held in dictionaries, for testing the rules without a store.
class InMemoryState: DomainState {
    var collectives: [String: Collective] = [:]
    var users: [String: User] = [:]
    var next = 1

    func collective(_ code: String) throws -> Collective? { collectives[code] }
    func user(_ document: String) throws -> User? { users[document] }
    func members(of collective: String) throws -> [String] {
        users.values.filter { $0.collective == collective }.map(\.document).sorted()
    }
    func save(_ collective: Collective) throws { collectives[collective.code] = collective }
    func save(_ user: consuming User) throws { users[user.document] = user }
    func nextContractNumber() throws -> String {
        defer { next += 1 }
        return "C" + String(next)
    }
}

func date(_ iso: String) -> CivilDate {
    CivilDate(iso: iso) ?? CivilDate(daysSinceEpoch: 0)!
}

extension InMemoryState {
    /// Adds an active collective with a one-year default length.
    func addCollective(_ code: String, dealer: String? = nil, length: ContractLength = .year) {
        collectives[code] = Collective(code: code, name: code, country: "ES", dealer: dealer,
                                       plan: Plan(monthlyPrice: 10, annualPrice: 100, currency: "EUR", defaultLength: length),
                                       active: true, createdOn: date("2026-01-01"), updatedOn: date("2026-01-01"))
    }
}

func alta(_ document: String, _ collective: String, relationship: Relationship? = nil, holder: String? = nil,
          start: String? = nil, end: String? = nil) -> UserCommand {
    var c = UserCommand(action: .alta, document: document)
    c.collective = collective
    c.firstName = "Nombre"
    c.relationship = relationship
    c.holder = holder
    c.startDate = start.map(date)
    c.endDate = end.map(date)
    return c
}

func context(_ asOf: String = "2026-11-24", dealer: String? = nil) -> RuleContext {
    RuleContext(asOf: date(asOf), dealer: dealer, sourceFile: "test.csv", line: 2)
}
