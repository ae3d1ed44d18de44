import Foundation
import Logging
import DealersDomain
import DealersDomainStore
import DealersModel
import DealersOutbox
import DealersSEPA
import DealersStore
import DealersSupport
import DealersWorkspace

/// The documents to sign (docs/sepa.md): for each new or amended mandate whose collective has a
/// creditor, the SEPA mandate form; for each new contract, when the workspace keeps
/// `templates/condiciones.txt`, its conditions — PDFs in `outbox/<DEALER>/documents/<date>/`.
/// What was sent is remembered per user (`documents/<bb>/<DOCUMENT>.json`: the mandate's
/// reference and IBAN, the contract numbers), written in one transaction after the files, so
/// each document is made once; a crash in between makes the same files again.
public struct Documents: RunStep {
    /// The workspace, the as-of date and the logger.
    public let context: RunContext

    /// The template of the contracts' conditions, relative to the workspace.
    public static let conditionsTemplate = "templates/condiciones.txt"

    /// What was made for one user.
    struct Record: Codable, Equatable {
        var mandate: String?
        var contracts: [String]
    }

    /// Creates the step.
    public init(context: RunContext) {
        self.context = context
    }

    /// Writes the documents due; returns their paths relative to the workspace. Done again from
    /// the start after a concurrent transaction (another worker's run writing the same records):
    /// the PDFs are written again, then only what is still missing is recorded.
    @discardableResult
    public func run(store: any DocumentBackend) throws -> [String] {
        try ConflictRetry.run("documents \(asOf)", doing: "recording them", logger: logger) { try writeDue(store: store) }
    }

    private func writeDue(store: any DocumentBackend) throws -> [String] {
        let sepa = context.settings.sepa
        let template = try FileSystem.readIfPresent(workspace.root.appendingPathComponent(Self.conditionsTemplate).path)
            .map { ConditionsTemplate(text: String(decoding: $0, as: UTF8.self)) }
        guard template != nil || !sepa.creditors.isEmpty || sepa.operatorCreditor != nil else { return [] }
        var collectives: [String: Collective?] = [:]
        var written: [String] = []
        let transaction = store.beginTransaction()
        try store.forEachDocument(under: "users") { key, bytes in
            let user = try UserCodec.decode(bytes, path: store.location(of: key))
            let code = user.collective
            if collectives[code] == nil { collectives[code] = try store.readJSON(Collective.self, StoreLayout.collective(code)) }
            guard let found = collectives[code], let collective = found else { return }
            let recordKey = try StoreKey("documents/\(StoreLayout.bucket(user.document))/\(StoreLayout.name(user.document)).json")
            let before = try store.readJSON(Record.self, recordKey) ?? Record(mandate: nil, contracts: [])
            var record = before
            let folder = workspace.outbox(dealer: collective.dealer).appendingPathComponent("documents").appendingPathComponent(asOf.description)
            let relative = (collective.dealer.map { "outbox/\($0)" } ?? "outbox") + "/documents/\(asOf)/"
            if let mandate = user.mandate, let creditor = sepa.creditor(for: collective.dealer),
               record.mandate != "\(mandate.reference)|\(mandate.iban)" {
                let name = "mandato-\(StoreLayout.name(mandate.reference)).pdf"
                try write(PDFDocument.render(title: "Orden de domiciliación \(mandate.reference)",
                                             MandateForm.blocks(mandate: mandate, user: user, creditor: creditor)),
                          folder: folder, name: name)
                written.append(relative + name)
                record.mandate = "\(mandate.reference)|\(mandate.iban)"
            }
            if let template, let contract = user.latestContract, !record.contracts.contains(contract.number) {
                let name = "condiciones-\(StoreLayout.name(contract.number)).pdf"
                let values = ConditionsTemplate.values(user: user, contract: contract, collective: collective, asOf: asOf)
                try write(PDFDocument.render(title: "Condiciones del contrato \(contract.number)", template.blocks(values)),
                          folder: folder, name: name)
                written.append(relative + name)
                record.contracts.append(contract.number)
            }
            if record != before { try transaction.writeJSON(record, recordKey) }
        }
        try transaction.commit()
        if !written.isEmpty { logger.info("documents \(asOf): \(written.count) PDFs to sign") }
        return written
    }

    private func write(_ data: Data, folder: URL, name: String) throws {
        try FileSystem.createDirectory(folder.path)
        try AtomicFile.write(data, to: folder.appendingPathComponent(name))
    }
}
