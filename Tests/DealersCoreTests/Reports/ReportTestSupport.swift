import DealersTestSupport
import Foundation
@testable import DealersCore

/// A temporary workspace with a store holding collectives and users written directly, for
/// report and sync-feed tests.
final class ReportFixture {
    let folder: ScratchFolder
    let workspace: Workspace
    let store: DocumentStore
    private var changeSequence = 0

    /// A workspace declaring ACME and IBERIA, in `language`.
    init(language: String = "es") throws {
        folder = try ScratchFolder()
        let settings = #"{"dealers": ["ACME", "IBERIA"], "language": "\#(language)"}"#
        try Data(settings.utf8).write(to: folder.file("dealers.json"))
        workspace = try Workspace(root: folder.url)
        store = try DocumentStore(directory: workspace.store, wait: false, logger: testLogger)
    }

    deinit {
        store.close()
        folder.remove()
    }

    func url(_ path: String) -> URL { folder.url.appendingPathComponent(path) }
    func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: url(path).path) }
    func text(_ path: String) throws -> String { String(decoding: try Data(contentsOf: url(path)), as: UTF8.self) }

    func addCollective(_ code: String, dealer: String?, active: Bool = true) throws {
        let c = Collective(code: code, name: "Colectivo \(code)", country: "ES", dealer: dealer,
                           plan: Plan(monthlyPrice: 9.9, annualPrice: 99, currency: "EUR", defaultLength: .year),
                           active: active, createdOn: date("2026-01-01"), updatedOn: date("2026-01-01"))
        let t = store.beginTransaction()
        try t.writeJSON(c, StoreLayout.collective(code))
        try t.commit()
    }

    /// Saves a user with one contract [start, end] (cancelled on `cancelledOn`) and the given
    /// history (an ALTA on `start` when none is given).
    @discardableResult
    func addUser(_ document: String, collective: String, firstName: String = "Ana", lastName: String = "Pérez",
                 email: String? = nil, start: String, end: String, cancelledOn: String? = nil,
                 history: [ContractEvent]? = nil) throws -> User {
        let contract = Contract(number: "C-\(document)", start: date(start), end: date(end),
                                cancelledOn: cancelledOn.map(date), collective: collective)
        let events = history ?? [ContractEvent(date: date(start), document: document, collective: collective, kind: .alta,
                                               contract: contract.number, endBefore: nil, endAfter: date(end),
                                               sourceFile: "usuarios.csv", sourceLine: 2, note: nil)]
        let user = User(document: document, documentType: "DNI", firstName: firstName, lastName: lastName, email: email,
                        phone: nil, birthDate: nil, relationship: .titular, holder: nil, dependants: [],
                        collective: collective, contracts: [contract], history: events,
                        createdOn: date(start), updatedOn: date(start))
        let t = store.beginTransaction()
        try t.writeJSON(user, StoreLayout.user(document))
        try t.commit()
        return user
    }

    /// Appends a change-log entry, as a transaction of the pipeline would.
    func logChanges(_ changes: [(String, ChangeLogEntry.Kind)], asOf: String = "2026-11-24") throws {
        changeSequence += 1
        let entry = ChangeLogEntry(sequence: changeSequence, asOf: date(asOf), source: "usuarios.csv",
                                   changes: changes.map { .init(document: $0.0, kind: $0.1) })
        let t = store.beginTransaction()
        try t.writeJSON(entry, ChangeLogEntry.key(changeSequence))
        try t.commit()
    }

    func generator(asOf: String = "2026-11-24") -> ReportGenerator {
        ReportGenerator(context: RunContext(workspace: workspace, asOf: date(asOf), logger: testLogger))
    }
}

func event(_ iso: String, _ document: String, _ kind: EventKind, collective: String = "NORTE",
           note: String? = nil, line: Int? = 2) -> ContractEvent {
    ContractEvent(date: date(iso), document: document, collective: collective, kind: kind, contract: "C-\(document)",
                  endBefore: nil, endAfter: nil, sourceFile: "f.csv", sourceLine: line, note: note)
}

extension XLSXPeek {
    /// The first worksheet's XML.
    func sheet1() throws -> String { try part("xl/worksheets/sheet1.xml") ?? "" }

    /// Cell references of a worksheet's cells in order, with their raw elements.
    static func cells(_ xml: String) -> [String] {
        xml.components(separatedBy: "<c r=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }
}
